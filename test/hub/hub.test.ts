/**
 * A class on JupyterHub: Debian's JupyterHub 3 with the repository's configuration (hub/jupyterhub_config.py),
 * started for real on 127.0.0.1. Through the hub's REST API (as the configuration's "course-admin" service) it adds
 * three students — the hub creates their Unix accounts — starts their servers in parallel and issues each a token;
 * then, each with their own token and in parallel, every student runs notebook 01 on the course kernel through their
 * single-user server's kernels API and websocket. One student has saved an implementation of losses.ts in their own
 * exercises folder first: their run shows results where the others see "not implemented yet". Finally, one student
 * can read neither another's exercises through the other's server nor their files from their own kernel.
 *
 * Needs root (the hub starts processes as other users and creates accounts: CI runs as root) and Debian's
 * jupyterhub and configurable-http-proxy (.ci/run installs them); skipped, saying so, without them. The accounts
 * (nnc-alice, nnc-bob, nnc-carol) are removed afterwards, with their home folders.
 *
 *   npm run test:hub
 */
import { expect } from "chai";
import { spawn, spawnSync, type ChildProcess } from "child_process";
import { randomBytes, randomUUID } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import WebSocket from "ws";
import { installKernelSpec } from "../../tools/kernelspec";
import { kernelDir, projectRoot } from "../../tools/paths";
import { freePort, sleep, stopProcess, withTimeout } from "../browser/processes";

const students = ["nnc-alice", "nnc-bob", "nnc-carol"];
const [alice, bob] = students;
const tools = ["/usr/bin/jupyterhub", "/usr/bin/jupyterhub-singleuser", "/usr/bin/configurable-http-proxy"];
const adminToken = randomBytes(24).toString("hex");
const notebook = "01-losses.ipynb";

interface Reply {
  status: string;
  outputs: { type: string; text: string }[];
}

/** A user's server as the hub's REST API describes it. */
interface HubUser {
  name: string;
  servers: Record<string, { ready: boolean; url: string }>;
}

/** The first folder on the way to `dir` (or `dir` itself) that other users cannot enter, or undefined. */
function closedAncestor(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o005) !== 0o005) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

function unixUser(name: string): boolean {
  return spawnSync("getent", ["passwd", name], { stdio: "ignore" }).status === 0;
}

function removeUnixUser(name: string): void {
  if (!unixUser(name)) return;
  // stop what still runs as the student (kernels, servers), process by process, then remove the account
  const ps = spawnSync("ps", ["-o", "pid=", "-u", name], { encoding: "utf8" });
  for (const pid of ps.stdout
    .split("\n")
    .map(Number)
    .filter((p) => p > 0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  spawnSync("userdel", ["-r", name], { stdio: "ignore" });
}

/**
 * Runs code cells one by one on a kernel through its websocket (the Jupyter messaging protocol as a browser
 * speaks it) and returns each cell's reply status and outputs.
 */
async function runCells(wsUrl: string, token: string, cells: string[], cellTimeoutMs = 120_000): Promise<Reply[]> {
  const ws = new WebSocket(wsUrl, { headers: { Authorization: `token ${token}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const session = randomUUID();
  const pending = new Map<string, { reply?: string; idle: boolean; outputs: Reply["outputs"]; done: () => void }>();
  ws.on("message", (raw: WebSocket.RawData) => {
    const msg = JSON.parse(raw.toString()) as {
      channel: string;
      header: { msg_type: string };
      parent_header: { msg_id?: string };
      content: Record<string, unknown>;
    };
    const p = pending.get(msg.parent_header.msg_id ?? "");
    if (!p) return;
    const type = msg.header.msg_type;
    if (msg.channel === "shell" && type === "execute_reply") p.reply = String(msg.content.status);
    else if (type === "status" && msg.content.execution_state === "idle") p.idle = true;
    else if (type === "stream") p.outputs.push({ type, text: String(msg.content.text) });
    else if (type === "error") p.outputs.push({ type, text: `${msg.content.ename}: ${msg.content.evalue}` });
    else if (["display_data", "execute_result", "update_display_data"].includes(type)) {
      const data = msg.content.data as Record<string, string>;
      p.outputs.push({ type, text: data["text/plain"] ?? "" });
    }
    if (p.reply && p.idle) p.done();
  });
  const replies: Reply[] = [];
  try {
    for (const code of cells) {
      const id = randomUUID();
      const result = await withTimeout(
        new Promise<Reply>((resolve) => {
          const entry: { reply?: string; idle: boolean; outputs: Reply["outputs"]; done: () => void } = {
            idle: false,
            outputs: [],
            done: () => resolve({ status: entry.reply!, outputs: entry.outputs }),
          };
          pending.set(id, entry);
          ws.send(
            JSON.stringify({
              header: { msg_id: id, session, username: "", msg_type: "execute_request", version: "5.3" },
              parent_header: {},
              metadata: {},
              content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
              channel: "shell",
              buffers: [],
            }),
          );
        }),
        cellTimeoutMs,
        `a cell on ${wsUrl}`,
      );
      replies.push(result);
    }
  } finally {
    ws.close();
  }
  return replies;
}

describe("a class on JupyterHub (Debian's JupyterHub 3, the repository's hub/ configuration)", function () {
  this.timeout(120_000);
  let hub: ChildProcess | undefined;
  let hubLog = "";
  let url = "";
  let state = "";
  const tokens = new Map<string, string>();
  const timings: string[] = [];

  const api = async (route: string, init: RequestInit & { token?: string } = {}) => {
    const res = await fetch(`${url}${route}`, {
      ...init,
      headers: { Authorization: `token ${init.token ?? adminToken}`, "Content-Type": "application/json" },
    });
    return res;
  };

  before(async function () {
    const missing = tools.filter((t) => !fs.existsSync(t));
    if (missing.length > 0) {
      console.log(`      skipped: ${missing.join(", ")} not installed (Debian: apt install jupyterhub; .ci/run does)`);
      this.skip();
    }
    if (process.getuid?.() !== 0) {
      console.log("      skipped: the hub must run as root to start servers as the students (CI runs as root)");
      this.skip();
    }
    // the students' kernels run the course and the Node.js named in its kernelspec
    installKernelSpec();
    const kernelNode = (JSON.parse(fs.readFileSync(path.join(kernelDir, "kernel.json"), "utf8")) as { argv: string[] })
      .argv[0];
    const closed = closedAncestor(projectRoot) ?? closedAncestor(path.dirname(kernelNode));
    if (closed) {
      console.log(
        `      skipped: the students' servers run as the students, who cannot enter ${closed} (mode ` +
          `${(fs.statSync(closed).mode & 0o777).toString(8)}): put the course (and Node.js) where other accounts can read them (e.g. /srv)`,
      );
      this.skip();
    }
    const started = Date.now();
    for (const s of students) removeUnixUser(s); // left over from an interrupted run
    state = fs.mkdtempSync(path.join(os.tmpdir(), "nn-hub-"));
    const [port, hubPort, proxyApiPort] = [await freePort(), await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}`;
    hub = spawn(
      "/usr/bin/jupyterhub",
      [
        "-f",
        path.join(projectRoot, "hub", "jupyterhub_config.py"),
        `--JupyterHub.hub_port=${hubPort}`,
        `--ConfigurableHTTPProxy.api_url=http://127.0.0.1:${proxyApiPort}`,
      ],
      {
        cwd: state,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NN_HUB_URL: url, NN_HUB_STATE: state, NN_HUB_ADMIN_TOKEN: adminToken },
      },
    );
    hub.stdout!.on("data", (b: Buffer) => (hubLog += b.toString()));
    hub.stderr!.on("data", (b: Buffer) => (hubLog += b.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (hub.exitCode !== null) throw new Error(`jupyterhub exited at start:\n${hubLog.slice(-3000)}`);
      try {
        if ((await withTimeout(fetch(`${url}/hub/api/`), 2000, "hub")).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`jupyterhub did not answer within 60 s:\n${hubLog.slice(-3000)}`);
      await sleep(300);
    }
    timings.push(`hub start ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  after(async function () {
    this.timeout(90_000);
    if (url) {
      await Promise.all(
        students.map((s) =>
          withTimeout(api(`/hub/api/users/${s}/server`, { method: "DELETE" }), 20_000, "stop").catch(() => undefined),
        ),
      );
    }
    if (hub?.pid !== undefined) await stopProcess(hub.pid, { group: true, graceMs: 8000 });
    for (const s of students) removeUnixUser(s);
    if (state) fs.rmSync(state, { recursive: true, force: true });
    if (timings.length > 0) console.log(`      hub suite timings: ${timings.join("; ")}`);
  });

  it("adds three students (their Unix accounts too), starts their servers in parallel and gives each a token", async function () {
    const started = Date.now();
    const add = await api("/hub/api/users", { method: "POST", body: JSON.stringify({ usernames: students }) });
    expect(add.status, `adding students: ${await add.clone().text()}\n${hubLog.slice(-2000)}`).to.equal(201);
    for (const s of students) expect(unixUser(s), `Unix account ${s}`).to.equal(true);
    const starts = await Promise.all(students.map((s) => api(`/hub/api/users/${s}/server`, { method: "POST" })));
    for (const r of starts) expect([201, 202], `starting a server: ${await r.clone().text()}`).to.include(r.status);
    const deadline = Date.now() + 90_000;
    for (const s of students) {
      for (;;) {
        const user = (await (await api(`/hub/api/users/${s}`)).json()) as HubUser;
        if (user.servers[""]?.ready) break;
        if (Date.now() > deadline) expect.fail(`${s}'s server is not ready after 90 s\n${hubLog.slice(-3000)}`);
        await sleep(500);
      }
      const res = await api(`/hub/api/users/${s}/tokens`, {
        method: "POST",
        body: JSON.stringify({ note: "course test", expires_in: 3600 }),
      });
      expect(res.status, `a token for ${s}: ${await res.clone().text()}`).to.equal(201);
      tokens.set(s, ((await res.json()) as { token: string }).token);
      const home = fs.statSync(`/home/${s}`);
      expect(home.mode & 0o077, `/home/${s} is the student's alone`).to.equal(0);
      expect(fs.existsSync(`/home/${s}/nn-course/exercises/losses.ts`), `${s}'s own exercises`).to.equal(true);
    }
    timings.push(`3 students, servers ready ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it(`each student runs ${notebook} on the course kernel, in parallel, with their own exercises`, async function () {
    this.timeout(400_000);
    if (tokens.size !== students.length) this.skip();
    const started = Date.now();
    // alice has done the losses exercise: she saves her file through her own server, as Jupyter's editor does
    const save = await api(`/user/${alice}/api/contents/exercises/losses.ts`, {
      method: "PUT",
      token: tokens.get(alice),
      body: JSON.stringify({
        type: "file",
        format: "text",
        content: fs.readFileSync(path.join(projectRoot, "solutions", "losses.ts"), "utf8"),
      }),
    });
    expect(save.status, `alice saves losses.ts: ${await save.clone().text()}`).to.equal(200);
    const runs = await Promise.all(
      students.map(async (s) => {
        const token = tokens.get(s)!;
        const nb = (await (await api(`/user/${s}/api/contents/notebooks/${notebook}`, { token })).json()) as {
          content: { cells: { cell_type: string; source: string | string[] }[] };
        };
        const code = nb.content.cells
          .filter((c) => c.cell_type === "code")
          .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
        // opened as the UI opens a notebook (a session: the kernel runs in the notebook's folder), without naming
        // a kernel: the server's default must be the course kernel
        const res = await api(`/user/${s}/api/sessions`, {
          method: "POST",
          token,
          body: JSON.stringify({ path: `notebooks/${notebook}`, type: "notebook", name: "", kernel: {} }),
        });
        expect(res.status, `${s} opens the notebook: ${await res.clone().text()}`).to.equal(201);
        const { id, kernel } = (await res.json()) as { id: string; kernel: { id: string; name: string } };
        const replies = await runCells(
          `${url.replace(/^http/, "ws")}/user/${s}/api/kernels/${kernel.id}/channels`,
          token,
          code,
        );
        await api(`/user/${s}/api/sessions/${id}`, { method: "DELETE", token });
        return { student: s, kernel: kernel.name, cells: code.length, replies };
      }),
    );
    for (const run of runs) {
      expect(run.kernel, `${run.student}'s default kernel`).to.equal("nn-course");
      expect(run.replies).to.have.length(run.cells);
      const failed = run.replies.flatMap((r, i) =>
        r.status === "ok" ? [] : [`cell ${i}: ${r.outputs.map((o) => o.text).join(" ")}`],
      );
      expect(failed, `${run.student}: cells that failed`).to.deep.equal([]);
      const text = run.replies.flatMap((r) => r.outputs.map((o) => o.text)).join("\n");
      if (run.student === alice) {
        expect(text, "alice's own losses.ts runs").not.to.match(/not implemented yet/);
      } else {
        expect(text, `${run.student} has not done the exercise yet`).to.match(/not implemented yet/);
      }
    }
    timings.push(`${notebook} for 3 students in parallel ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("one student cannot read another's exercises: not through the other's server, not from their own kernel", async function () {
    if (tokens.size !== students.length) this.skip();
    const file = `/user/${bob}/api/contents/exercises/losses.ts`;
    const own = await api(file, { token: tokens.get(bob) });
    expect(own.status, "bob reads his own exercises").to.equal(200);
    const other = await api(file, { token: tokens.get(alice) });
    expect(other.status, "alice's token on bob's server").to.equal(403);
    expect(await other.text()).not.to.contain("export function");

    const token = tokens.get(alice)!;
    const k = (await (await api(`/user/${alice}/api/kernels`, { method: "POST", token, body: "{}" })).json()) as {
      id: string;
    };
    const [reply] = await runCells(`${url.replace(/^http/, "ws")}/user/${alice}/api/kernels/${k.id}/channels`, token, [
      `require("fs").readFileSync("/home/${bob}/nn-course/exercises/losses.ts", "utf8").length`,
    ]);
    await api(`/user/${alice}/api/kernels/${k.id}`, { method: "DELETE", token });
    expect(reply.status, "alice's kernel reading bob's file").to.equal("error");
    expect(reply.outputs.map((o) => o.text).join("\n")).to.match(/EACCES|permission denied/i);
  });
});
