/**
 * `npm run bench`: every workload (workloads.ts) on every implementation, side by side in one run, then the fixed
 * costs (fixed-costs.ts: kernel start against IPython's, first import, check, Run All per notebook, grading rate).
 *
 * Prints a table (time, GFLOP/s, speed relative to numpy on one thread and to mathjs), one JSON line per
 * measurement ({"name","impl","seconds","gflops"}), and writes everything to build/bench/results.json.
 * Each time is the best of several runs after a warm-up run (which also gives the check value).
 * numpy's rows name the BLAS it ran on (read from the python process's mapped libraries); a numpy on the reference
 * BLAS (Debian's libblas3, unoptimised loops) is labelled so and is no anchor for the ratios.
 * `--tiny` runs tiny sizes once each (for the test); `--only=TEXT` keeps the workloads whose name contains TEXT,
 * `--impl=TEXT` the implementations whose name contains TEXT (e.g. `npm run bench -- --only=mlp --impl=nn-course`);
 * `--parts=compute,kernel,notebooks,grading` chooses what to measure (default all; `--tiny` defaults to compute);
 * `--notebook=TEXT` keeps the notebooks whose file name contains TEXT; `--submissions=N` (default 20).
 *
 * On a machine busy with other programs, wall-clock times of long runs suffer most (a short run can fit in one
 * undisturbed time slice); results.json also keeps each run's CPU time, which other programs do not inflate.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Impl } from "./impl";
import { courseFast, courseOneThread, courseReference } from "./impl-course";
import { mathjsImpl } from "./impl-mathjs";
import { mlMatrixImpl } from "./impl-mlmatrix";
import { plainJs } from "./impl-plain";
import { initTfjs, tfjsCpu, tfjsStatus, tfjsWasm } from "./impl-tfjs";
import { BlasInfo, numpyAvailable, runNumpy } from "./numpy";
import {
  FixedCost,
  formatFixedCosts,
  jupyterAvailable,
  measureGrading,
  measureKernelCosts,
  measureNotebooks,
} from "./fixed-costs";
import { workloads, Workload } from "./workloads";
import { matmulKernelVariant } from "../lib/ops/matmul-kernel";
import { exitOnUsageError, parseCommandLine, UsageError } from "../lib/cli";

/** How long to measure: at least minReps timed runs and minSeconds; one run only when a run takes over singleRunAbove. */
export interface Budget {
  min_reps: number;
  min_seconds: number;
  max_reps: number;
  single_run_above: number;
}

export interface Result {
  name: string;
  impl: string;
  seconds: number;
  gflops: number;
  /** The run's check value (sum of the product, the loss, the last layer's std): equal across implementations. */
  check: number;
  reps: number;
  /** CPU time of the fastest run, all threads of the process (so above `seconds` when two threads work). */
  cpuSeconds: number;
}

export interface BenchReport {
  machine: Record<string, string | number>;
  tiny: boolean;
  results: Result[];
  /** Kernel start, first import, check, Run All per notebook, grading rate (medians), when measured. */
  fixedCosts: FixedCost[];
  notes: string[];
}

/** What a run measures: the compute workloads, the kernel's fixed costs, Run All per notebook, the grading rate. */
export const PARTS = ["compute", "kernel", "notebooks", "grading"] as const;
export type Part = (typeof PARTS)[number];

const FULL: Budget = { min_reps: 3, min_seconds: 1, max_reps: 100, single_run_above: 2 };
const TINY: Budget = { min_reps: 1, min_seconds: 0, max_reps: 1, single_run_above: 0 };

/**
 * NUMPY_1 and NUMPY_DEFAULT name numpy's rows on an optimised BLAS; the ratios are taken to NUMPY_1 and MATHJS.
 * On the reference BLAS the rows are REFERENCE_BLAS_1 and REFERENCE_BLAS_DEFAULT, and no ratio is taken to them.
 */
export const NUMPY_1 = "numpy 1 thread";
export const NUMPY_DEFAULT = "numpy default threads";
export const REFERENCE_BLAS_1 = "numpy on reference BLAS, 1 thread";
export const REFERENCE_BLAS_DEFAULT = "numpy on reference BLAS, default threads";
const MATHJS = "mathjs";

const IMPLS: Impl[] = [
  courseFast,
  courseOneThread,
  courseReference,
  tfjsWasm,
  tfjsCpu,
  mathjsImpl,
  mlMatrixImpl,
  plainJs,
];

function measure(
  run: () => number,
  budget: Budget,
): { seconds: number; cpuSeconds: number; check: number; reps: number } {
  const timed = (): { seconds: number; cpuSeconds: number; check: number } => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const check = run();
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, check };
  };
  const first = timed(); // warm-up: compiles the hot code
  if (first.seconds > budget.single_run_above) return { ...first, reps: 1 };
  let best = first;
  let reps = 0;
  const start = performance.now();
  while (reps < budget.min_reps || (performance.now() - start < budget.min_seconds * 1000 && reps < budget.max_reps)) {
    const r = timed();
    if (r.seconds < best.seconds) best = r;
    reps++;
  }
  return { seconds: best.seconds, cpuSeconds: best.cpuSeconds, check: first.check, reps };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

const fmtSeconds = (s: number): string => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`);
const fmtRatio = (r: number | undefined): string =>
  r === undefined ? "–" : `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;

/** The table: one block per workload, one row per implementation. */
export function formatTable(results: Result[]): string {
  const header = [
    "workload / implementation",
    "time",
    "CPU time",
    "GFLOP/s",
    "speed vs numpy 1t",
    "speed vs mathjs",
    "check",
  ];
  const rows: string[][] = [];
  for (const name of [...new Set(results.map((r) => r.name))]) {
    const group = results.filter((r) => r.name === name);
    const numpy1 = group.find((r) => r.impl === NUMPY_1);
    const mathjs = group.find((r) => r.impl === MATHJS);
    rows.push([name, ...header.slice(1).map(() => "")]);
    for (const r of group) {
      rows.push([
        `  ${r.impl}`,
        fmtSeconds(r.seconds),
        fmtSeconds(r.cpuSeconds),
        r.gflops.toFixed(2),
        fmtRatio(numpy1 && numpy1.seconds / r.seconds),
        fmtRatio(mathjs && mathjs.seconds / r.seconds),
        r.check.toPrecision(8),
      ]);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * Runs the benchmark; `log` receives the JSON lines, progress and the table. Writes `outDir`/results.json.
 *
 * @example
 * runBench({ tiny: true, outDir: "build/bench", log: console.log });
 */
export async function runBench(options: {
  tiny: boolean;
  outDir: string;
  log: (line: string) => void;
  only?: string;
  impl?: string;
  parts?: readonly Part[];
  notebook?: string;
  submissions?: number;
}): Promise<BenchReport> {
  const { tiny, outDir, log, only = "", impl: implFilter = "" } = options;
  const parts = options.parts ?? (tiny ? ["compute"] : PARTS);
  const budget = tiny ? TINY : FULL;
  const loads: Workload[] = parts.includes("compute") ? workloads(tiny).filter((w) => w.name.includes(only)) : [];
  let impls = IMPLS.filter((i) => i.name.includes(implFilter));
  const results: Result[] = [];
  const notes: string[] = [];
  if (impls.some((i) => i.float32) && loads.length > 0) {
    await initTfjs();
    for (const [backend, status] of Object.entries(tfjsStatus)) {
      if (status !== "ok") notes.push(`TensorFlow.js ${backend} backend ${status}: its rows are left out`);
    }
    impls = impls.filter((i) => !i.float32 || tfjsStatus[i === tfjsCpu ? "cpu" : "wasm"] === "ok");
  }
  const record = (r: Result) => {
    results.push(r);
    log(JSON.stringify({ name: r.name, impl: r.impl, seconds: r.seconds, gflops: r.gflops }));
  };

  // numpy first (a separate process per thread setting), so its rows head each block of the table
  const numpy = numpyAvailable();
  const numpyRows: Result[] = [];
  const onReference = numpy.ok && numpy.blas.reference;
  const numpyRuns = (
    [
      [onReference ? REFERENCE_BLAS_1 : NUMPY_1, "1"],
      [onReference ? REFERENCE_BLAS_DEFAULT : NUMPY_DEFAULT, undefined],
    ] as const
  ).filter(([name]) => name.includes(implFilter));
  if (numpy.ok && onReference) {
    notes.push(
      `numpy runs on the reference BLAS (${numpy.blas.library}), unoptimised loops: its rows are labelled ` +
        `"numpy on reference BLAS" and no ratio is taken to them; install OpenBLAS (Debian: libopenblas0-pthread) ` +
        `for a fair anchor`,
    );
  }
  if (numpy.ok && loads.length > 0) {
    for (const [impl, threads] of numpyRuns) {
      for (const r of runNumpy(loads, budget, path.join(outDir, "inputs"), threads)) {
        const w = loads.find((l) => l.name === r.name)!;
        numpyRows.push({
          name: r.name,
          impl,
          seconds: r.seconds,
          gflops: w.flops / r.seconds / 1e9,
          check: r.check,
          reps: r.reps,
          cpuSeconds: r.cpuSeconds,
        });
      }
    }
  } else if (!numpy.ok) {
    notes.push(`numpy rows skipped: ${numpy.reason}`);
  }

  for (const w of loads) {
    numpyRows.filter((r) => r.name === w.name).forEach(record);
    for (const impl of impls) {
      const m = measure(impl.prepare(w.inputs), budget);
      record({ name: w.name, impl: impl.name, gflops: w.flops / m.seconds / 1e9, ...m });
    }
  }

  const fixedCosts: FixedCost[] = [];
  const wantsJupyter = parts.includes("kernel") || parts.includes("notebooks");
  const jupyter = wantsJupyter ? jupyterAvailable() : { ok: true as const };
  if (!jupyter.ok) notes.push(`kernel and notebook rows skipped: ${jupyter.reason}`);
  // A part that fails (a kernel that does not start, say) is a note; the other parts are still measured and shown.
  const attempt = (part: string, measureIt: () => FixedCost[]) => {
    try {
      fixedCosts.push(...measureIt());
    } catch (e) {
      notes.push(`${part} not measured: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (parts.includes("kernel") && jupyter.ok) {
    attempt("kernel costs", () => measureKernelCosts({ repeats: tiny ? 1 : 3, log }));
  }
  if (parts.includes("notebooks") && jupyter.ok) {
    attempt("Run All", () => measureNotebooks({ only: options.notebook, repeats: 1, log }));
  }
  if (parts.includes("grading")) {
    attempt("grading rate", () => measureGrading({ count: options.submissions ?? (tiny ? 2 : 20), log }));
  }

  const blas: BlasInfo | undefined = numpy.ok ? numpy.blas : undefined;
  const report: BenchReport = {
    machine: {
      ...machine(),
      numpy: numpy.ok ? numpy.version : "not installed",
      matmulKernel: matmulKernelVariant(),
      blas: blas ? `${blas.name}: ${blas.library}` : "none",
    },
    tiny,
    results,
    fixedCosts,
    notes,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(report, null, 2) + "\n");
  log("");
  log(
    `${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, numpy ${report.machine.numpy}` +
      (blas ? ` on ${blas.name}` : "") +
      `; nn-course's matmul kernel: ${report.machine.matmulKernel}`,
  );
  if (results.length > 0) {
    log("GFLOP/s counts the matrix products only; speed ratios > 1× mean faster than that row.");
    log("TensorFlow.js computes in float32 (every other row in float64): its check values agree to about 1e-4.");
    log(formatTable(results));
  }
  if (fixedCosts.length > 0) {
    log("");
    log("Fixed costs (median of the runs listed; kernel starts alternate with IPython's in the same run):");
    log(formatFixedCosts(fixedCosts));
  }
  for (const note of notes) log(`note: ${note}`);
  log(`results written to ${path.join(outDir, "results.json")}`);
  return report;
}

if (require.main === module) {
  const usage =
    "usage: npm run bench -- [--tiny] [--only=TEXT] [--impl=TEXT] [--parts=compute,kernel,notebooks,grading] " +
    "[--notebook=TEXT] [--submissions=N]";
  const options = {
    tiny: { type: "boolean" },
    only: { type: "string" },
    impl: { type: "string" },
    parts: { type: "string" },
    notebook: { type: "string" },
    submissions: { type: "string" },
  } as const;
  const { values } = exitOnUsageError(() => parseCommandLine({ args: process.argv.slice(2), options }, usage));
  const parts = exitOnUsageError(() => {
    if (values.parts === undefined) return undefined;
    const list = values.parts.split(",").map((p) => p.trim());
    const unknown = list.filter((p) => !(PARTS as readonly string[]).includes(p));
    if (unknown.length > 0) {
      throw new UsageError(`--parts: unknown part ${unknown.join(", ")}; choose from ${PARTS.join(", ")}\n${usage}`);
    }
    return list as Part[];
  });
  const submissions = exitOnUsageError(() => {
    if (values.submissions === undefined) return undefined;
    const n = Number(values.submissions);
    if (!Number.isInteger(n) || n < 1) {
      throw new UsageError(`--submissions must be a whole number ≥ 1, got ${values.submissions}\n${usage}`);
    }
    return n;
  });
  runBench({
    tiny: values.tiny === true,
    only: values.only,
    impl: values.impl,
    parts,
    notebook: values.notebook,
    submissions,
    outDir: path.resolve(__dirname, "..", "build", "bench"),
    log: (line) => console.log(line),
  }).catch((e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
