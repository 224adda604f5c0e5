/**
 * The grading engine's entry point: grade one submission's exercise files against the graded tests.
 *
 * Each call starts a trusted test process (runner.ts) that runs mocha over the graded test files; the submission's
 * code runs only in that process's sandbox child, never in the test process or here. Results come back from the
 * test process's own reporter over a channel the sandbox cannot reach.
 *
 * @example
 * const results = await gradeSubmission({ exercisesDir: "solutions", visibility: "all" });
 * results.score === results.max_score; // true for the reference solutions
 */
import { fork } from "child_process";
import * as path from "path";
import { findExercisesDir } from "./find-exercises";
import { exerciseModules, gradedTestFiles } from "./test-files";
import type { GradeResults, GradeStatus } from "./types";

export type { GradeResults, GradeStatus, TestResult } from "./types";

/** What to grade and how. */
export interface GradeOptions {
  /** The submission's folder: its exercise files at its root or under exercises/. */
  exercisesDir: string;
  /** "public": test/graded only (the self-check); "all": also test/hidden (the official grade). */
  visibility: "public" | "all";
  /** Only these exercise modules (e.g. ["losses"]); all by default. */
  modules?: string[];
  /** Time limit for each test, in ms (default 10 000). */
  timeoutMsPerTest?: number;
  /** Time limit for the whole submission, in ms (default 5 minutes). */
  timeoutMsTotal?: number;
  /** Type-check the files and report type errors in the output (default true). */
  typeCheck?: boolean;
}

/** The job the test process receives. */
export interface RunnerJob {
  projectRoot: string;
  exercisesDir: string;
  testFiles: { file: string; module: string; hidden: boolean }[];
  timeoutMsPerTest: number;
  typeCheck: boolean;
}

/** What the test process sends back. */
export type RunnerReply = { kind: "results"; results: Omit<GradeResults, "execution_time"> };

const projectRoot = path.resolve(__dirname, "..");

/** Results with no points for a submission that could not be graded at all. */
export function ungraded(status: GradeStatus, reason: string, startedAt = Date.now()): GradeResults {
  return {
    score: 0,
    max_score: 0,
    execution_time: (Date.now() - startedAt) / 1000,
    tests: [],
    output: reason,
    status,
    reason,
  };
}

/** Runs the test process and waits for its results (or its death, or the overall time limit). */
function runTestProcess(job: RunnerJob, timeoutMs: number): Promise<RunnerReply | { error: string }> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, "runner.ts"), [], {
      execArgv: ["--require", require.resolve("tsx/cjs")],
      env: { ...process.env, NN_COURSE_IMPL: "" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let reply: RunnerReply | undefined;
    let stderr = "";
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8").on("data", (s: string) => {
      if (stderr.length < 8192) stderr += s;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("message", (m: RunnerReply) => {
      reply = m;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (reply) resolve(reply);
      else if (signal === "SIGKILL") resolve({ error: `grading did not finish within ${timeoutMs / 1000} s` });
      else resolve({ error: `the test process ended without results (exit ${code ?? signal}): ${stderr.trim()}` });
    });
    child.send(job);
  });
}

/** Grades the exercise files in `opts.exercisesDir`; never throws for anything the submission does. */
export async function gradeSubmission(opts: GradeOptions): Promise<GradeResults> {
  const startedAt = Date.now();
  const modules = exerciseModules(projectRoot);
  const dir = findExercisesDir(path.resolve(opts.exercisesDir), modules);
  if (dir === null) {
    const expected = modules.map((m) => `${m}.ts`).join(", ");
    return ungraded("no-exercises", `no exercise files found (expected ${expected} at the top or in exercises/)`);
  }
  const job: RunnerJob = {
    projectRoot,
    exercisesDir: dir,
    testFiles: gradedTestFiles(projectRoot, opts.visibility, opts.modules),
    timeoutMsPerTest: opts.timeoutMsPerTest ?? 10_000,
    typeCheck: opts.typeCheck ?? true,
  };
  const reply = await runTestProcess(job, opts.timeoutMsTotal ?? 5 * 60_000);
  if ("error" in reply) {
    const timedOut = reply.error.startsWith("grading did not finish");
    return ungraded(timedOut ? "timeout" : "grader-error", reply.error, startedAt);
  }
  return { ...reply.results, execution_time: (Date.now() - startedAt) / 1000 };
}
