/**
 * `npm run bench`: every workload (workloads.ts) on every implementation, side by side in one run.
 *
 * Prints a table (time, GFLOP/s, speed relative to numpy on one thread and to mathjs), one JSON line per
 * measurement ({"name","impl","seconds","gflops"}), and writes everything to build/bench/results.json.
 * Each time is the best of several runs after a warm-up run (which also gives the check value).
 * `--tiny` runs tiny sizes once each (for the test); `--only=TEXT` keeps the workloads whose name contains TEXT,
 * `--impl=TEXT` the implementations whose name contains TEXT (e.g. `npm run bench -- --only=mlp --impl=nn-course`).
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
import { numpyAvailable, runNumpy } from "./numpy";
import { workloads, Workload } from "./workloads";
import { exitOnUsageError, parseCommandLine } from "../lib/cli";

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
  notes: string[];
}

const FULL: Budget = { min_reps: 3, min_seconds: 1, max_reps: 100, single_run_above: 2 };
const TINY: Budget = { min_reps: 1, min_seconds: 0, max_reps: 1, single_run_above: 0 };

/** NUMPY_1 and NUMPY_DEFAULT name numpy's rows; the ratios are taken to NUMPY_1 and MATHJS. */
export const NUMPY_1 = "numpy 1 thread";
export const NUMPY_DEFAULT = "numpy default threads";
const MATHJS = "mathjs";

const IMPLS: Impl[] = [courseFast, courseOneThread, courseReference, mathjsImpl, mlMatrixImpl, plainJs];

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
export function runBench(options: {
  tiny: boolean;
  outDir: string;
  log: (line: string) => void;
  only?: string;
  impl?: string;
}): BenchReport {
  const { tiny, outDir, log, only = "", impl: implFilter = "" } = options;
  const budget = tiny ? TINY : FULL;
  const loads: Workload[] = workloads(tiny).filter((w) => w.name.includes(only));
  const impls = IMPLS.filter((i) => i.name.includes(implFilter));
  const results: Result[] = [];
  const notes: string[] = [];
  const record = (r: Result) => {
    results.push(r);
    log(JSON.stringify({ name: r.name, impl: r.impl, seconds: r.seconds, gflops: r.gflops }));
  };

  // numpy first (a separate process per thread setting), so its rows head each block of the table
  const numpy = numpyAvailable();
  const numpyRows: Result[] = [];
  const numpyRuns = (
    [
      [NUMPY_1, "1"],
      [NUMPY_DEFAULT, undefined],
    ] as const
  ).filter(([name]) => name.includes(implFilter));
  if (numpy.ok) {
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
  } else {
    notes.push(`numpy rows skipped: ${numpy.reason}`);
  }

  for (const w of loads) {
    numpyRows.filter((r) => r.name === w.name).forEach(record);
    for (const impl of impls) {
      const m = measure(impl.prepare(w.inputs), budget);
      record({ name: w.name, impl: impl.name, gflops: w.flops / m.seconds / 1e9, ...m });
    }
  }

  const report: BenchReport = {
    machine: { ...machine(), numpy: numpy.ok ? numpy.version : "not installed" },
    tiny,
    results,
    notes,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(report, null, 2) + "\n");
  log("");
  log(
    `${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, numpy ${report.machine.numpy}`,
  );
  log("GFLOP/s counts the matrix products only; speed ratios > 1× mean faster than that row.");
  log(formatTable(results));
  for (const note of notes) log(`note: ${note}`);
  log(`results written to ${path.join(outDir, "results.json")}`);
  return report;
}

if (require.main === module) {
  const usage = "usage: npm run bench -- [--tiny] [--only=TEXT] [--impl=TEXT]";
  const options = { tiny: { type: "boolean" }, only: { type: "string" }, impl: { type: "string" } } as const;
  const { values } = exitOnUsageError(() => parseCommandLine({ args: process.argv.slice(2), options }, usage));
  runBench({
    tiny: values.tiny === true,
    only: values.only,
    impl: values.impl,
    outDir: path.resolve(__dirname, "..", "build", "bench"),
    log: (line) => console.log(line),
  });
}
