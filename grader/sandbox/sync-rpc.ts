/**
 * Synchronous calls into the sandbox process, for code that cannot await (graded tests and gradient checks call
 * exercise functions synchronously).
 *
 * A worker thread (worker.ts) owns the sandbox's IPC channel. `call` posts a request to it and blocks on a
 * shared counter with Atomics.wait, for at most the time limit; the worker bumps the counter when it has posted the
 * answer, which this thread then takes with receiveMessageOnPort. On a time-out the sandbox is killed; after a
 * time-out or a crash every later call fails at once with the same reason, until `restart()` replaces the sandbox
 * with a fresh one (same command, same limits; it has loaded nothing yet).
 *
 * @example
 * const rpc = new SyncRpc(sandboxCommand({ ... }), workDir, 256);
 * const reply = rpc.call({ op: "call", module: "losses", fn: "softmax", args }, 5000);
 * await rpc.close();
 */
import * as path from "path";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "worker_threads";
import type { Reply, Request } from "./protocol";
import type { SandboxCommand } from "./command";
import type { FromWorker, ToWorker, WorkerInput } from "./worker";

/** Why the sandbox can no longer answer: it ran past its time limit, or it died. */
export class SandboxFailure extends Error {
  constructor(
    readonly kind: "timeout" | "crashed",
    reason: string,
    /** The sandbox had died before the call was sent (after an earlier call had returned). */
    readonly before = false,
  ) {
    super(reason);
    this.name = "SandboxFailure";
  }
}

type Body<R> = R extends unknown ? Omit<R, "id"> : never;

/** A sandbox process reached by blocking calls. */
export class SyncRpc {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counter: Int32Array;
  private seq = 0;
  private failure: SandboxFailure | undefined;
  private restartCount = 0;

  constructor(cmd: SandboxCommand, cwd: string, heapMb: number) {
    const { port1, port2 } = new MessageChannel();
    const counter = new SharedArrayBuffer(4);
    const data: WorkerInput = { command: cmd.command, args: cmd.args, env: cmd.env, cwd, heapMb, counter, port: port2 };
    this.worker = new Worker(path.join(__dirname, "worker.ts"), { workerData: data, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
    this.counter = new Int32Array(counter);
  }

  /** Why the sandbox stopped answering, if it did. */
  get failed(): SandboxFailure | undefined {
    return this.failure;
  }

  /** How many times the sandbox was replaced by a fresh one. */
  get restarts(): number {
    return this.restartCount;
  }

  /**
   * Replaces the sandbox by a fresh process started with the same command (the old one is killed if it still runs).
   * Returns at once: the next call waits for the new process as the first call waited for the first one.
   */
  restart(): void {
    this.port.postMessage({ kind: "restart" } satisfies ToWorker);
    this.failure = undefined;
    this.restartCount++;
  }

  /** Posts `msg` and blocks until the worker answers it or `timeoutMs` passes (then returns undefined). */
  private exchange(msg: ToWorker & { seq: number }, timeoutMs: number): FromWorker | undefined {
    this.port.postMessage(msg);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.counter, 0); // read before draining, so a message posted meanwhile wakes us
      for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as FromWorker;
        if (answer.seq === msg.seq) return answer;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.counter, 0, seen, left);
    }
  }

  /** Sends `req` to the sandbox and waits for its reply; throws SandboxFailure on a time-out or a dead sandbox. */
  call(req: Body<Request>, timeoutMs: number): Reply {
    if (this.failure) throw this.failure;
    const seq = ++this.seq;
    const answer = this.exchange({ kind: "request", seq, req: { ...req, id: seq } as Request }, timeoutMs);
    if (answer === undefined) {
      const reason = "did not finish within the time limit";
      this.port.postMessage({ kind: "kill", reason } satisfies ToWorker);
      this.failure = new SandboxFailure("timeout", reason);
      throw this.failure;
    }
    if (answer.kind === "dead") {
      this.failure = new SandboxFailure("crashed", answer.reason, answer.before === true);
      throw this.failure;
    }
    return (answer as { reply: Reply }).reply;
  }

  /** What the sandbox printed so far (stdout and stderr), as plain text. */
  output(): { stdout: string; stderr: string } {
    const answer = this.exchange({ kind: "output", seq: ++this.seq }, 5000);
    return answer?.kind === "output" ? { stdout: answer.stdout, stderr: answer.stderr } : { stdout: "", stderr: "" };
  }

  /** Stops the sandbox and the worker. */
  async close(): Promise<void> {
    this.port.postMessage({ kind: "close" } satisfies ToWorker);
    await new Promise((r) => setTimeout(r, 20));
    await this.worker.terminate();
    this.port.close();
  }
}
