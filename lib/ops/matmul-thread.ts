/**
 * A helper thread for the matmul kernel: a worker that runs the same WebAssembly module on the same shared memory,
 * so a large product is computed by two cores.
 *
 * The output's row panels are cut into chunks, and both threads take the next chunk from a shared counter until
 * none is left; so if the helper starts late or is slowed down by other programs, this thread simply does more.
 * `matmul` is synchronous, so there are no messages or promises: the threads meet on a small shared Int32Array
 * with Atomics (this thread writes the arguments and bumps REQUEST; the helper bumps DONE when it has stopped).
 * The worker is started on first use and is only used once it reports READY, so nothing ever waits for it to start;
 * it is unref'd, so it never keeps a script or notebook kernel alive.
 */
import { Worker } from "worker_threads";
import type { WasmMemory, WasmModule } from "./wat";

const READY = 0;
const REQUEST = 1;
const DONE = 2;
const FAILED = 3;
const NEXT_CHUNK = 4;
const ARGS = 5; // ap0, bp0, c0, k, jPanels, ldc, iPanels, chunk
const ARG_COUNT = 8;

/** Takes chunks from the shared counter and runs them; the same code runs in both threads. */
const CHUNK_LOOP = `(ctl, gemm) => {
  const [ap0, bp0, c0, k, jPanels, ldc, iPanels, chunk] = ctl.subarray(${ARGS}, ${ARGS + ARG_COUNT});
  for (;;) {
    const begin = Atomics.add(ctl, ${NEXT_CHUNK}, 1) * chunk;
    if (begin >= iPanels) return;
    gemm(ap0, bp0, c0, k, begin, Math.min(begin + chunk, iPanels), jPanels, ldc);
  }
}`;

// built from the source text, because the same text also runs in the worker
const runChunks = new Function(`return ${CHUNK_LOOP}`)() as (ctl: Int32Array, gemm: GemmFn) => void;

/** The worker's whole program (plain JavaScript: it runs without the TypeScript loader). */
const WORKER_SOURCE = `
const { workerData } = require("worker_threads");
const { module, memory, control } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
const ctl = new Int32Array(control);
const runChunks = ${CHUNK_LOOP};
Atomics.store(ctl, ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${REQUEST}, seen);
  seen = Atomics.load(ctl, ${REQUEST});
  try {
    runChunks(ctl, gemm);
  } catch (e) {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

/** The kernel's exported entry point: C = A·B for row panels [ipBegin, ipEnd) (see matmul-kernel.ts). */
export type GemmFn = (
  ap0: number,
  bp0: number,
  c0: number,
  k: number,
  ipBegin: number,
  ipEnd: number,
  jPanels: number,
  ldc: number,
) => void;

/**
 * The helper worker and the shared control words; one per kernel (see matmul-kernel.ts).
 *
 * @example
 * const helper = new HelperThread(module, memory);
 * if (helper.ready()) helper.run(gemm, args, iPanels, chunk); // both threads take chunks until none are left
 */
export class HelperThread {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * (ARGS + ARG_COUNT)));
  private seq = 0;

  constructor(module: WasmModule, memory: WasmMemory) {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: { module, memory, control: this.ctl.buffer },
      });
      worker.on("error", () => Atomics.store(this.ctl, READY, 0));
      worker.unref();
    } catch {
      // no worker threads here: everything runs on the calling thread
    }
  }

  /** True once the worker has started and has not failed. */
  ready(): boolean {
    return Atomics.load(this.ctl, READY) === 1 && Atomics.load(this.ctl, FAILED) === 0;
  }

  /**
   * Runs gemm over row panels [0, iPanels) in chunks of `chunk` panels on both threads, and returns when all are
   * done. Returns false if the helper failed (the caller then reruns everything on this thread).
   */
  run(
    gemm: GemmFn,
    args: { ap0: number; bp0: number; c0: number; k: number; jPanels: number; ldc: number },
    iPanels: number,
    chunk: number,
  ): boolean {
    const { ap0, bp0, c0, k, jPanels, ldc } = args;
    this.ctl.set([ap0, bp0, c0, k, jPanels, ldc, iPanels, chunk], ARGS);
    Atomics.store(this.ctl, NEXT_CHUNK, 0);
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.ctl, REQUEST, this.seq);
    Atomics.notify(this.ctl, REQUEST);
    runChunks(this.ctl, gemm);
    // wait for the helper to finish the chunk it may be running (a short timeout re-checks, in case of a missed wake)
    while (Atomics.load(this.ctl, DONE) !== this.seq) Atomics.wait(this.ctl, DONE, Atomics.load(this.ctl, DONE), 5);
    return Atomics.load(this.ctl, FAILED) === 0;
  }
}
