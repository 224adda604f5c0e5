/**
 * The fixed costs of the workbook, measured as a student and an instructor meet them, so that a regression shows:
 * the course kernel's start against IPython's (python3-ipykernel, started the same way in the same run), the first
 * cell that imports the library and the exercises, `check("losses")` first and warm, Run All of each notebook
 * (Jupyter's nbclient, the instructor run), and the grading rate (`npm run grade` on full-marks submissions).
 *
 * The kernel and notebook measurements run in bench/fixed_costs.py through Debian's /usr/bin/python3 and
 * jupyter_client; each is the median of several repetitions.
 *
 * @example
 * const rows = measureKernelCosts({ repeats: 3, log: console.log });
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PYTHON } from "./numpy";
import { installKernelSpec } from "../tools/kernelspec";
import { buildDir, jupyterEnv, kernelName, notebooksDir, projectRoot } from "../tools/paths";

/** One fixed cost: the median over `runs`. */
export interface FixedCost {
  name: string;
  impl: string;
  seconds: number;
  runs: number[];
  /** For the grading rate: submissions graded per minute. */
  perMinute?: number;
  /**
   * For the grading rate: CPU seconds (user + system, every process of the batch) per submission, when the system
   * says (Linux); unlike the rate, other work on the machine barely changes it.
   */
  cpuPerSubmission?: number;
  /** Why it could not be measured (a notebook that failed, say); seconds is then NaN. */
  failed?: string;
}

/** IPython's kernel, the anchor the course kernel's start is compared with. */
export const IPYTHON = "python3";

/** Whether jupyter_client and IPython's kernel are there; the reason when not. */
export function jupyterAvailable(): { ok: true } | { ok: false; reason: string } {
  try {
    execFileSync(PYTHON, ["-c", "import jupyter_client, ipykernel, nbclient"], { stdio: "ignore" });
    return { ok: true };
  } catch {
    return {
      ok: false,
      reason: `${PYTHON} cannot import jupyter_client, ipykernel and nbclient (Debian: python3-jupyter-client, python3-ipykernel, python3-nbclient)`,
    };
  }
}

function runPython(config: Record<string, unknown>, env: NodeJS.ProcessEnv, log: (line: string) => void): FixedCost[] {
  const dir = path.join(buildDir, "bench");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "fixed-costs.json");
  fs.writeFileSync(file, JSON.stringify(config));
  installKernelSpec();
  const result = spawnSync(PYTHON, [path.join(__dirname, "fixed_costs.py"), file], {
    encoding: "utf8",
    env: jupyterEnv({ PYDEVD_DISABLE_FILE_VALIDATION: "1", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 2 ** 20,
  });
  const rows = result.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as FixedCost)
    .map((r) => (r.failed ? { ...r, seconds: NaN, runs: [] } : r));
  for (const r of rows) log(JSON.stringify({ name: r.name, impl: r.impl, seconds: r.seconds, failed: r.failed }));
  if (result.status !== 0) {
    const tail = result.stderr.trim().split("\n").slice(-5).join("\n");
    throw new Error(`bench/fixed_costs.py failed (exit ${result.status}):\n${tail}`);
  }
  return rows;
}

/** Kernel start (course kernel and IPython's, alternating), first import, first and warm check: medians. */
export function measureKernelCosts(opts: { repeats: number; log: (line: string) => void }): FixedCost[] {
  const config = {
    repeats: opts.repeats,
    kernel: kernelName,
    anchor: IPYTHON,
    notebooks: [],
    notebook_repeats: 0,
    cwd: notebooksDir,
    timeout: 300,
  };
  return runPython(config, {}, opts.log);
}

/** Run All of each notebook (names containing `only`) in instructor mode, one after another, kernel start included. */
export function measureNotebooks(opts: { only?: string; repeats: number; log: (line: string) => void }): FixedCost[] {
  const notebooks = fs
    .readdirSync(notebooksDir)
    .filter((n) => n.endsWith(".ipynb") && n.includes(opts.only ?? ""))
    .sort()
    .map((n) => path.join(notebooksDir, n));
  const config = {
    repeats: 0,
    kernel: kernelName,
    anchor: IPYTHON,
    notebooks,
    notebook_repeats: opts.repeats,
    cwd: notebooksDir,
    timeout: 600,
  };
  return runPython(config, { NN_COURSE_IMPL: "solutions" }, opts.log);
}

/**
 * Grades `count` copies of the reference solutions with `npm run grade` (grader/batch.ts, one job per core, public
 * and hidden tests): the wall time of the whole batch and the rate in submissions per minute. Two rows from the same
 * submissions, one after the other: the batch as it runs (the library compiled once, one warm type checker), and
 * with NN_GRADE_WARM=0 (each submission's test process compiles the library and loads the type checker itself),
 * so that what the batch shares is measured side by side.
 */
export function measureGrading(opts: { count: number; log: (line: string) => void }): FixedCost[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-bench-grade-"));
  try {
    const submissions = path.join(root, "submissions");
    const solutions = path.join(projectRoot, "solutions");
    for (let i = 1; i <= opts.count; i++) {
      const dir = path.join(submissions, `student${String(i).padStart(2, "0")}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of fs.readdirSync(solutions)) {
        if (f.endsWith(".ts")) fs.copyFileSync(path.join(solutions, f), path.join(dir, f));
      }
    }
    const jobs = os.availableParallelism();
    const variants = [
      {
        impl: "nn-course",
        warm: "1",
        name: `grading ${opts.count} full-marks submissions (npm run grade, ${jobs} jobs)`,
      },
      {
        impl: "nn-course, NN_GRADE_WARM=0",
        warm: "0",
        name: `grading ${opts.count} full-marks submissions, nothing shared between them (${jobs} jobs)`,
      },
    ];
    return variants.map((v) => {
      const out = path.join(root, `out-${v.warm}`);
      const cpu0 = childrenCpuSeconds();
      const t = performance.now();
      const result = spawnSync(
        process.execPath,
        [
          "--require",
          "tsx/cjs",
          path.join(projectRoot, "grader", "batch.ts"),
          "--submissions",
          submissions,
          "--out",
          out,
        ],
        {
          cwd: projectRoot,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NN_GRADE_WARM: v.warm },
        },
      );
      const seconds = (performance.now() - t) / 1000;
      const cpu1 = childrenCpuSeconds();
      if (result.status !== 0) throw new Error(`npm run grade failed (exit ${result.status}): ${result.stderr.trim()}`);
      const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
      const graded = csv.trim().split("\n").length - 1;
      if (graded !== opts.count) throw new Error(`npm run grade graded ${graded} of ${opts.count} submissions`);
      const row: FixedCost = {
        name: v.name,
        impl: v.impl,
        seconds,
        runs: [seconds],
        perMinute: (opts.count / seconds) * 60,
        ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuPerSubmission: (cpu1 - cpu0) / opts.count } : {}),
      };
      opts.log(JSON.stringify({ name: row.name, impl: row.impl, seconds: row.seconds }));
      return row;
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * CPU seconds (user + system) of this process's finished children and their descendants, from /proc (Linux; the
 * clock ticks are 100 per second there); undefined elsewhere.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted from the state (field 3).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const fmt = (s: number): string => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(0)} ms`);

/** The fixed costs' table: median, each run, and the course kernel's start as a multiple of IPython's. */
export function formatFixedCosts(rows: FixedCost[]): string {
  const ipython = rows.find((r) => r.impl.startsWith("IPython"));
  const header = ["fixed cost", "implementation", "median", "runs", "note"];
  const body = rows.map((r) => {
    let note = "";
    if (r.failed) note = `failed: ${r.failed}`;
    else if (r.perMinute !== undefined) {
      note = `${r.perMinute.toFixed(1)} submissions/min`;
      if (r.cpuPerSubmission !== undefined) note += `, ${r.cpuPerSubmission.toFixed(2)} CPU s each`;
    } else if (ipython && r.name === ipython.name && r !== ipython) {
      note = `${(r.seconds / ipython.seconds).toFixed(2)}× IPython's start`;
    }
    return [r.name, r.impl, r.failed ? "–" : fmt(r.seconds), r.runs.map(fmt).join(", "), note];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
