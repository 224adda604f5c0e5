/**
 * Type checks that run beside other work: in a worker thread of this process that stays loaded between checks
 * (TypeScript and the parsed libraries are kept), so the self-check lists type errors without waiting for them in
 * series and, from the second check on, for a fraction of the first one's cost.
 *
 * The worker does not keep the process alive when idle, and it ends after IDLE_MS without a check (it holds about
 * 100 MB: TypeScript and the parsed libraries). If it fails or does not answer within the time limit, the promise
 * rejects; the next check starts a new worker.
 *
 * @example
 * const errors = await typeCheckInBackground({ root: projectRoot, exercisesDir, files: ["losses.ts"] });
 */
import * as path from "path";
import { Worker } from "worker_threads";
import type { TypeCheckRequest } from "./type-check";
import type { TypeCheckAnswer, TypeCheckJob } from "./type-check-worker";

const TIME_LIMIT_MS = 60_000;
const IDLE_MS = 10 * 60_000;

interface Waiting {
  resolve: (errors: string[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

let worker: Worker | undefined;
let seq = 0;
const waiting = new Map<number, Waiting>();
let idle: NodeJS.Timeout | undefined;

function stop(w: Worker, why: string): void {
  if (worker === w) {
    worker = undefined;
    clearTimeout(idle);
  }
  void w.terminate();
  for (const [id, entry] of waiting) {
    clearTimeout(entry.timer);
    entry.reject(new Error(why));
    waiting.delete(id);
  }
}

/** The worker, started on first use. The worker file is TypeScript: it registers tsx first, whoever started us. */
function theWorker(): Worker {
  if (worker) return worker;
  const boot =
    `require(${JSON.stringify(require.resolve("tsx/cjs"))});` +
    `require(${JSON.stringify(path.join(__dirname, "type-check-worker.ts"))});`;
  const w = new Worker(boot, { eval: true });
  w.on("message", (answer: TypeCheckAnswer) => {
    const entry = waiting.get(answer.id);
    if (!entry) return;
    waiting.delete(answer.id);
    clearTimeout(entry.timer);
    if (waiting.size === 0) {
      w.unref();
      idle = setTimeout(() => stop(w, "idle"), IDLE_MS).unref();
    }
    if ("errors" in answer) entry.resolve(answer.errors);
    else entry.reject(new Error(answer.failure));
  });
  w.on("error", (e) => stop(w, `the type check failed: ${e.message}`));
  w.on("exit", () => stop(w, "the type check stopped"));
  w.unref();
  worker = w;
  return w;
}

/** Type errors of the request's files (see TypeChecker.check), computed in the background worker. */
export function typeCheckInBackground(req: TypeCheckRequest): Promise<string[]> {
  const w = theWorker();
  clearTimeout(idle);
  const id = ++seq;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => stop(w, `the type check did not finish within ${TIME_LIMIT_MS / 1000} s`),
      TIME_LIMIT_MS,
    );
    timer.unref();
    waiting.set(id, { resolve, reject, timer });
    w.ref(); // a pending check keeps the process alive until it answers
    w.postMessage({ id, req } satisfies TypeCheckJob);
  });
}
