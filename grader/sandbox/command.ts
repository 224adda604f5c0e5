/**
 * The command line that starts a sandbox, with every isolation layer this machine offers.
 *
 * Layers, outermost first (each is used only when a quick probe shows it works here; a missing one is noted):
 *   - `setpriv --pdeathsig KILL` (Linux): the sandbox dies with the thread that started it, even on a kill -9;
 *   - `unshare --net --pid --fork --kill-child` (Linux): no network at all, and no other process to signal;
 *   - `setpriv --reuid=nobody` (when grading as root): the submission runs as an unprivileged user;
 *   - `prlimit --as --cpu --fsize=0 --core=0` (Linux): caps memory outside the JavaScript heap (typed arrays)
 *     and CPU time;
 *   - Node's permission model: read access only to the working copy and the runtime packages, no file writes,
 *     no child processes, no worker threads, no native addons;
 *   - `--max-old-space-size`: caps the JavaScript heap.
 *
 * @example
 * const cmd = sandboxCommand({ workDir, childScript, nodeModules, heapMb: 256 });
 * spawn(cmd.command, cmd.args, { env: cmd.env, stdio: ["pipe", "pipe", "pipe", "ipc"] });
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A ready-to-spawn sandbox command, and notes on layers that are not available here. */
export interface SandboxCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  notes: string[];
}

const NOBODY = 65534;
let probed: { prefix: string[]; notes: string[] } | undefined;

function works(command: string, args: string[]): boolean {
  const run = spawnSync(command, [...args, "true"], { stdio: "ignore", timeout: 5000 });
  return run.status === 0;
}

/** The wrapper commands that work on this machine (probed once per process). */
function wrappers(): { prefix: string[]; notes: string[] } {
  if (probed) return probed;
  const prefix: string[] = [];
  const notes: string[] = [];
  const linux = process.platform === "linux";
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const deathSignal = ["setpriv", "--pdeathsig", "KILL"];
  if (linux && works(deathSignal[0], deathSignal.slice(1))) prefix.push(...deathSignal);
  else notes.push("setpriv --pdeathsig is not available: a sandbox may outlive a killed grading process");
  const unshare = ["unshare", ...(root ? [] : ["--map-root-user"]), "--net", "--pid", "--fork", "--kill-child"];
  if (linux && works(unshare[0], unshare.slice(1))) prefix.push(...unshare);
  else notes.push("no network namespace here (unshare failed): network access is not blocked by the OS");
  if (root) {
    const setpriv = ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--no-new-privs"];
    if (works(setpriv[0], setpriv.slice(1))) prefix.push(...setpriv);
    else notes.push("setpriv is not available: the submission runs as root (the permission model still applies)");
  }
  const prlimit = ["prlimit", `--as=${1536 * 1024 * 1024}`, "--cpu=600", "--fsize=0", "--core=0"];
  if (linux && works(prlimit[0], prlimit.slice(1))) prefix.push(...prlimit);
  else notes.push("prlimit is not available: memory outside the JavaScript heap is not capped");
  probed = { prefix, notes };
  return probed;
}

/**
 * The package folders the sandbox may read: every real folder in node_modules (and in its @scope folders).
 * A symbolic link is allowed only when it points into a node_modules folder: the permission model follows links,
 * so allowing e.g. node_modules/nn-course (a link to lib/) would let `nn-course/../solutions` through.
 */
export function packageDirs(nodeModules: string): string[] {
  const dirs: string[] = [];
  const add = (p: string): void => {
    const st = fs.lstatSync(p);
    if (st.isDirectory()) dirs.push(p);
    else if (st.isSymbolicLink()) {
      const real = fs.realpathSync(p);
      if (
        path.basename(path.dirname(real)) === "node_modules" ||
        path.basename(path.dirname(path.dirname(real))) === "node_modules"
      ) {
        if (fs.statSync(real).isDirectory()) dirs.push(p, real);
      }
    }
  };
  if (!fs.existsSync(nodeModules)) return dirs;
  for (const name of fs.readdirSync(nodeModules)) {
    if (name.startsWith(".") || name === "nn-course") continue;
    const p = path.join(nodeModules, name);
    if (name.startsWith("@") && fs.lstatSync(p).isDirectory()) {
      for (const sub of fs.readdirSync(p)) add(path.join(p, sub));
    } else add(p);
  }
  return dirs;
}

/** The permission-model flag of this Node version (renamed from --experimental-permission in Node 23.5). */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
}

/**
 * The command that runs `childScript` sandboxed, reading only `workDir`, the compiled library it links to (`shared`,
 * when it does) and the packages in `nodeModules`.
 */
export function sandboxCommand(opts: {
  workDir: string;
  childScript: string;
  nodeModules: string;
  heapMb: number;
  /** The compiled library the working copy links to (working-copy.ts sharedBuild), readable too. */
  shared?: string;
}): SandboxCommand {
  const { prefix, notes } = wrappers();
  const readable = [opts.workDir, ...(opts.shared ? [opts.shared] : []), ...packageDirs(opts.nodeModules)];
  const nodeArgs = [
    "--no-warnings",
    permissionFlag(),
    // A trailing separator: /tmp/work must not also allow /tmp/work-of-someone-else.
    ...readable.map((p) => `--allow-fs-read=${p.endsWith(path.sep) ? p : p + path.sep}`),
    `--max-old-space-size=${opts.heapMb}`,
    opts.childScript,
    opts.workDir,
  ];
  const all = [...prefix, process.execPath, ...nodeArgs];
  return {
    command: all[0],
    args: all.slice(1),
    // A minimal environment: no NODE_OPTIONS (the test process's tsx loader), no secrets of the grading machine.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NODE_PATH: opts.nodeModules,
      HOME: opts.workDir,
      LANG: "C.UTF-8",
    },
    notes,
  };
}
