/**
 * The worker thread that owns the sandbox process for sync-rpc.ts.
 *
 * The test process's main thread blocks (Atomics.wait) while a submission function runs, so it cannot receive IPC
 * messages itself. This thread spawns the sandbox, forwards each request to it, and posts back exactly one message
 * per request (the reply, or why the sandbox died), bumping a shared counter so the main thread wakes up.
 * On "restart" it kills the current sandbox (if it still runs) and starts a fresh one with the same command; nothing
 * the old one does afterwards (a late reply, its exit) reaches the new one's requests.
 * It also keeps what the submission prints, across restarts, as captured output only (never read as results).
 */
import { ChildProcess, spawn } from "child_process";
import { MessagePort, workerData } from "worker_threads";
import type { Reply, Request } from "./protocol";

/** Messages from the main thread. */
export type ToWorker =
  | { kind: "request"; seq: number; req: Request }
  | { kind: "kill"; reason: string }
  | { kind: "restart" }
  | { kind: "output"; seq: number }
  | { kind: "close" };

/**
 * Messages to the main thread; `seq` names the message they answer. `before` on "dead": the sandbox had already died
 * when the request came (so the request did not cause it).
 */
export type FromWorker =
  | { kind: "reply"; seq: number; reply: Reply }
  | { kind: "dead"; seq: number; reason: string; before?: boolean }
  | { kind: "output"; seq: number; stdout: string; stderr: string };

/** What the worker is started with. */
export interface WorkerInput {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  heapMb: number;
  counter: SharedArrayBuffer;
  port: MessagePort;
}

const OUTPUT_LIMIT = 32 * 1024;

/** Keeps the first OUTPUT_LIMIT characters of a stream and its last 4 KB. */
class Capture {
  head = "";
  tail = "";
  dropped = 0;
  add(chunk: string): void {
    if (this.head.length < OUTPUT_LIMIT) {
      const room = OUTPUT_LIMIT - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk.length === 0) return;
    this.dropped += chunk.length;
    this.tail = (this.tail + chunk).slice(-4096);
  }
  text(): string {
    return this.dropped > 0 ? `${this.head}\n… (${this.dropped} characters cut) …\n${this.tail}` : this.head;
  }
}

const input = workerData as WorkerInput;
const counter = new Int32Array(input.counter);
const port = input.port;
const stdout = new Capture();
const stderr = new Capture();

function post(msg: FromWorker): void {
  port.postMessage(msg);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

function killChild(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL"); // the whole process group: wrappers and the sandboxed node
  } catch {
    child.kill("SIGKILL");
  }
}

/** One sandbox process and the request it is working on. */
class Sandbox {
  private readonly child: ChildProcess;
  private pending: number | undefined;
  private deadReason: string | undefined;
  private killedOnPurpose = false;
  /** The end of this process's own error output, to recognise how it died. */
  private errTail = "";

  constructor() {
    this.child = spawn(input.command, input.args, {
      cwd: input.cwd,
      env: input.env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "advanced",
      detached: true,
    });
    this.child.stdout!.setEncoding("utf8").on("data", (s: string) => stdout.add(s));
    this.child.stderr!.setEncoding("utf8").on("data", (s: string) => {
      stderr.add(s);
      this.errTail = (this.errTail + s).slice(-4096);
    });
    this.child.on("error", (e) => this.die(`could not start: ${e.message}`));
    this.child.on("exit", (code, signal) => {
      // Let the last output arrive so that an out-of-memory message can be recognised.
      setTimeout(() => this.die(this.killedOnPurpose ? "was stopped" : this.exitReason(code, signal)), 50);
    });
    this.child.on("message", (reply: Reply) => {
      const pending = this.pending;
      if (pending !== undefined && reply !== null && typeof reply === "object" && reply.id === pending) {
        this.pending = undefined;
        post({ kind: "reply", seq: pending, reply });
        return;
      }
      this.die("sent a message nobody asked for on the grading channel");
      this.kill("sent a message nobody asked for on the grading channel");
    });
  }

  /** Why the sandbox ended, in words for the student. */
  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(this.errTail)) {
      return `ran out of memory (the limit is ${input.heapMb} MB of JavaScript heap)`;
    }
    if (signal) return `was stopped by signal ${signal}`;
    return `exited with code ${code} (did it call process.exit?)`;
  }

  private die(reason: string): void {
    if (this.deadReason === undefined) this.deadReason = reason;
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      post({ kind: "dead", seq: pending, reason: this.deadReason });
    }
  }

  send(seq: number, req: Request): void {
    if (this.deadReason !== undefined) {
      post({ kind: "dead", seq, reason: this.deadReason, before: true });
      return;
    }
    this.pending = seq;
    this.child.send({ ...req, id: seq }, (e) => {
      if (e) this.die(`could not be reached: ${e.message}`);
    });
  }

  /** Kills the process; the request it was working on gets no answer (the main thread stopped waiting for it). */
  kill(reason: string): void {
    this.killedOnPurpose = true;
    this.deadReason ??= reason;
    this.pending = undefined;
    killChild(this.child);
  }
}

let sandbox = new Sandbox();

port.on("message", (msg: ToWorker) => {
  if (msg.kind === "request") sandbox.send(msg.seq, msg.req);
  else if (msg.kind === "kill") sandbox.kill(msg.reason);
  else if (msg.kind === "restart") {
    sandbox.kill("was replaced by a fresh sandbox");
    sandbox = new Sandbox();
  } else if (msg.kind === "output") {
    post({ kind: "output", seq: msg.seq, stdout: stdout.text(), stderr: stderr.text() });
  } else {
    sandbox.kill("was closed");
    port.close();
  }
});
