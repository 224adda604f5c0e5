/**
 * A throwaway Jupyter Notebook 6 server for the browser tests: loopback only, a free port, no token, the project's
 * kernelspec on JUPYTER_PATH, and its own config, data and runtime folders inside a temporary folder, so nothing of
 * the user's Jupyter set-up is read or written. Stopping it shuts its kernels down and never waits without bound.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { jupyterEnv } from "../../tools/paths";
import { alive, freePort, pidsWithArg, sleep, stopProcess, withTimeout } from "./processes";

export const notebookCommand = "/usr/bin/jupyter-notebook";

export interface NotebookServer {
  url: string;
  /** Everything the server wrote to stdout and stderr (shown when a test fails). */
  log(): string;
  /** Shuts kernels and server down; SIGKILLs whatever is left after the deadlines. */
  stop(): Promise<void>;
}

/**
 * Starts `jupyter-notebook` serving `rootDir`; `scratchDir` (a fresh folder) holds its config, data and runtime
 * folders and marks its kernels. `env` is added to the environment of the server and of its kernels.
 */
export async function startNotebookServer(opts: {
  rootDir: string;
  scratchDir: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}): Promise<NotebookServer> {
  const port = await freePort();
  const dirs = { config: "config", data: "data", runtime: "runtime", ipython: "ipython" };
  for (const d of Object.values(dirs)) fs.mkdirSync(path.join(opts.scratchDir, d), { recursive: true });
  const at = (d: string) => path.join(opts.scratchDir, d);
  const env = jupyterEnv({
    JUPYTER_CONFIG_DIR: at(dirs.config),
    JUPYTER_DATA_DIR: at(dirs.data),
    JUPYTER_RUNTIME_DIR: at(dirs.runtime),
    IPYTHONDIR: at(dirs.ipython),
    JUPYTER_TOKEN: "",
    ...opts.env,
  });
  const args = [
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--notebook-dir=${opts.rootDir}`,
    "--NotebookApp.token=",
    "--NotebookApp.password=",
    "--NotebookApp.disable_check_xsrf=True",
    "--NotebookApp.allow_remote_access=False",
    // a safety net should this process die without stopping the server: idle kernels are culled and the
    // server exits once no kernel is left
    "--MappingKernelManager.cull_idle_timeout=900",
    "--MappingKernelManager.cull_interval=60",
    "--NotebookApp.shutdown_no_activity_timeout=1200",
    // CI containers run as root, which Notebook refuses without this flag
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const child = spawn(notebookCommand, args, { env, cwd: opts.rootDir, detached: true, stdio: "pipe" });
  let output = "";
  child.stdout.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr.on("data", (b: Buffer) => (output += b.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    // ask politely: shut each kernel down, then the server
    try {
      const res = await withTimeout(fetch(`${url}/api/kernels`), 3000, "listing kernels");
      const kernels = (await res.json()) as { id: string }[];
      await withTimeout(
        Promise.all(kernels.map((k) => fetch(`${url}/api/kernels/${k.id}`, { method: "DELETE" }))),
        10_000,
        "shutting kernels down",
      );
    } catch {
      // the server is gone or stuck: the signals below still stop everything
    }
    if (child.pid !== undefined) await stopProcess(child.pid, { group: true, graceMs: 8000 });
    // kernels run in sessions of their own; their connection files sit in this server's runtime folder
    for (const pid of pidsWithArg(at(dirs.runtime))) await stopProcess(pid, { graceMs: 3000 });
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || (child.pid !== undefined && !alive(child.pid))) {
      throw new Error(`jupyter-notebook exited at start (status ${child.exitCode}):\n${output}`);
    }
    try {
      const res = await withTimeout(fetch(`${url}/api/status`), 2000, "server status");
      if (res.ok) return { url, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`jupyter-notebook did not answer on ${url} within the start timeout:\n${output}`);
}
