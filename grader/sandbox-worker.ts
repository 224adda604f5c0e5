/**
 * The worker thread that owns the sandbox process for sync-rpc.ts.
 *
 * The test process's main thread blocks (Atomics.wait) while a submission function runs, so it cannot receive IPC
 * messages itself. This thread spawns the sandbox, forwards each request to it, and posts back exactly one message
 * per request (the reply, or why the sandbox died), bumping a shared counter so the main thread wakes up.
 * It also keeps what the submission prints, as captured output only (never read as results).
 */
import { ChildProcess, spawn } from "child_process";
import { MessagePort, workerData } from "worker_threads";
import type { Reply, Request } from "./protocol";

/** Messages from the main thread. */
export type ToWorker =
  | { kind: "request"; seq: number; req: Request }
  | { kind: "kill"; reason: string }
  | { kind: "output"; seq: number }
  | { kind: "close" };

/** Messages to the main thread; `seq` names the message they answer. */
export type FromWorker =
  | { kind: "reply"; seq: number; reply: Reply }
  | { kind: "dead"; seq: number; reason: string }
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
let pending: number | undefined;
let deadReason: string | undefined;
let killedOnPurpose = false;

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

/** Why the sandbox ended, in words for the student. */
function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  const err = stderr.text();
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(err)) {
    return `ran out of memory (the limit is ${input.heapMb} MB of JavaScript heap)`;
  }
  if (signal) return `was stopped by signal ${signal}`;
  return `exited with code ${code} (did it call process.exit?)`;
}

const child = spawn(input.command, input.args, {
  cwd: input.cwd,
  env: input.env,
  stdio: ["ignore", "pipe", "pipe", "ipc"],
  serialization: "advanced",
  detached: true,
});
child.stdout!.setEncoding("utf8").on("data", (s: string) => stdout.add(s));
child.stderr!.setEncoding("utf8").on("data", (s: string) => stderr.add(s));

function die(reason: string): void {
  if (deadReason === undefined) deadReason = reason;
  if (pending !== undefined) {
    const seq = pending;
    pending = undefined;
    post({ kind: "dead", seq, reason: deadReason });
  }
}

child.on("error", (e) => die(`could not start: ${e.message}`));
child.on("exit", (code, signal) => {
  // Let the last output arrive so that an out-of-memory message can be recognised.
  setTimeout(() => die(killedOnPurpose ? "was stopped" : exitReason(code, signal)), 50);
});
child.on("message", (reply: Reply) => {
  if (pending !== undefined && reply !== null && typeof reply === "object" && reply.id === pending) {
    const seq = pending;
    pending = undefined;
    post({ kind: "reply", seq, reply });
    return;
  }
  killedOnPurpose = true;
  killChild(child);
  die("sent a message nobody asked for on the grading channel");
});

port.on("message", (msg: ToWorker) => {
  if (msg.kind === "request") {
    if (deadReason !== undefined) post({ kind: "dead", seq: msg.seq, reason: deadReason });
    else {
      pending = msg.seq;
      child.send({ ...msg.req, id: msg.seq }, (e) => {
        if (e) die(`could not be reached: ${e.message}`);
      });
    }
  } else if (msg.kind === "kill") {
    killedOnPurpose = true;
    deadReason = deadReason ?? msg.reason;
    pending = undefined;
    killChild(child);
  } else if (msg.kind === "output") {
    post({ kind: "output", seq: msg.seq, stdout: stdout.text(), stderr: stderr.text() });
  } else {
    killedOnPurpose = true;
    killChild(child);
    port.close();
  }
});
