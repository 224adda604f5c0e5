/**
 * The grading engine's entry point: grade one submission's exercise files against the graded tests.
 *
 * Each call starts a trusted test process (test-process.ts) that runs mocha over the graded test files; the submission's
 * code runs only in that process's sandbox child, never in the test process or here. Results come back from the
 * test process's own reporter over a channel the sandbox cannot reach.
 *
 * Time: each test has its own limit (10 s by default; a test that runs past it fails, and the next test runs in a
 * fresh sandbox), and the whole submission has a budget (5 minutes by default, well inside Gradescope's default
 * 10-minute limit): when it runs out, the tests not run yet fail as "not run" and the results say what ran. The test
 * process reports each finished test as it goes, so even if it has to be killed (GRACE_MS after the budget) the
 * points earned so far are kept.
 *
 * @example
 * const results = await gradeSubmission({ exercisesDir: "solutions", visibility: "all" });
 * results.score === results.max_score; // true for the reference solutions
 */
import { ChildProcess, fork } from "child_process";
import type { Socket } from "net";
import * as fs from "fs";
import * as path from "path";
import { findExercisesDir } from "./find-exercises";
import { exerciseModules, gradedTestFiles } from "./test-files";
import { makeWorkingCopy, sharedBuild, WorkingCopy } from "../sandbox/working-copy";
import type { GradeResults, GradeStatus, TestResult } from "../results/types";

export type { GradeResults, GradeStatus, TestResult } from "../results/types";

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
  /** Time budget for the whole submission, in ms (default 5 minutes); tests after it are not run. */
  timeoutMsTotal?: number;
  /** Type-check the files and report type errors in the output (default true). */
  typeCheck?: boolean;
  /**
   * Keep what can be shared between submissions in this process (a batch): the library is compiled once (and again
   * only when it changes) and the type check runs here with one warm checker, while the tests run in the test
   * process. Each submission still gets its own working copy, test process and sandbox. Default false.
   */
  warm?: boolean;
}

/** The job the test process receives. */
export interface RunnerJob {
  projectRoot: string;
  exercisesDir: string;
  testFiles: { file: string; module: string; hidden: boolean }[];
  timeoutMsPerTest: number;
  typeCheck: boolean;
  /**
   * The working copy grade.ts made (linked to the library compiled once for the batch, working-copy.ts
   * sharedBuild); without it the test process makes and compiles its own.
   */
  workingCopy?: WorkingCopy;
  /** The compiled library that workingCopy links to, which the sandbox must be able to read. */
  sharedBuild?: string;
  /** The type errors come from grade.ts in a TypeErrorsMessage (the test process does not type-check). */
  typesFromParent?: boolean;
  /** When the time budget runs out (ms since the epoch), and how long it is. */
  deadline: number;
  budgetMs: number;
}

/**
 * What the test process sends: the list of tests (all "not run") once it knows them, each test's result when it
 * finishes, and the complete results at the end.
 */
export type RunnerMessage =
  | { kind: "tests"; tests: TestResult[] }
  | { kind: "test"; index: number; result: TestResult }
  | { kind: "results"; results: Omit<GradeResults, "execution_time"> };

/** The type errors grade.ts sends the test process after the job, when the job says typesFromParent. */
export interface TypeErrorsMessage {
  kind: "types";
  errors: string[];
}

/** The final message of the test process. */
export type RunnerReply = Extract<RunnerMessage, { kind: "results" }>;

const projectRoot = path.resolve(__dirname, "..", "..");

/** Default time budget of a submission: 5 minutes (Gradescope's default limit is 10). */
export const DEFAULT_BUDGET_MS = 5 * 60_000;
/** How long after the budget the test process is killed if it has not answered (it normally answers at once). */
export const GRACE_MS = 30_000;

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

/** What came back from the test process: its results, or why there are none and the tests that finished. */
export type Outcome = RunnerReply | { error: string; killed: boolean; tests: TestResult[] | undefined };

/** Starts a test process; it loads its modules and waits for its one job. */
function startTestProcess(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NN_COURSE_IMPL: "" };
  // The course kernel turns esbuild's worker thread off for its own process (kernel/launch.js); inherited, it would
  // make every file of the working copy start its own esbuild process (about 0.5 s more per check). A test
  // process lives for one grade, so an interrupt that stops its esbuild service stops nothing that outlives it.
  delete env.ESBUILD_WORKER_THREADS;
  return fork(path.join(__dirname, "test-process.ts"), [], {
    execArgv: ["--require", require.resolve("tsx/cjs")],
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
}

/** The handles of a test process that keep this process running (unreferenced while it waits as a spare). */
function handles(child: ChildProcess): { ref(): void; unref(): void }[] {
  const channel = (child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
  return [child, child.stdout as Socket, child.stderr as Socket, ...(channel ? [channel] : [])];
}

/** A test process started ahead for the next warm grade, loading its modules meanwhile. */
let spare: ChildProcess | undefined;

/**
 * The test process for a grade: for a warm grade the spare started ahead (when it is still alive and waiting), and
 * a new spare is started for the next one. Each test process still grades exactly one submission.
 */
function testProcessFor(warm: boolean): ChildProcess {
  if (!warm) return startTestProcess();
  let child = spare;
  spare = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null || !child.connected) {
    if (child) child.kill("SIGKILL");
    child = startTestProcess();
  } else for (const h of handles(child)) h.ref();
  const next = startTestProcess();
  next.on("error", () => undefined); // a spare that could not start is replaced when it is needed
  for (const h of handles(next)) h.unref();
  if (spareKiller === undefined) {
    spareKiller = () => spare?.kill("SIGKILL");
    process.once("exit", spareKiller);
  }
  spare = next;
  return child;
}
let spareKiller: (() => void) | undefined;

/**
 * Runs the test process and waits for its results (or its death, or the hard time limit). `typeErrors`, when given,
 * runs here once the test process is started, and its answer is sent to it.
 */
function runTestProcess(
  child: ChildProcess,
  job: RunnerJob,
  timeoutMs: number,
  typeErrors?: () => string[],
): Promise<Outcome> {
  return new Promise((resolve) => {
    let reply: RunnerReply | undefined;
    let tests: TestResult[] | undefined;
    let stderr = "";
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8").on("data", (s: string) => {
      if (stderr.length < 8192) stderr += s;
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("message", (m: RunnerMessage) => {
      if (m.kind === "results") reply = m;
      else if (m.kind === "tests") tests = m.tests;
      else if (tests && m.index >= 0 && m.index < tests.length) tests[m.index] = m.result;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (reply) resolve(reply);
      else if (killed) {
        resolve({ error: `grading did not finish within ${Math.round(timeoutMs / 1000)} s`, killed, tests });
      } else {
        const why = `the test process ended without results (exit ${code ?? signal}): ${stderr.trim()}`;
        resolve({ error: why, killed, tests });
      }
    });
    child.send(job);
    if (typeErrors) {
      setImmediate(() => {
        let errors: string[];
        try {
          errors = typeErrors();
        } catch (e) {
          errors = [`the type check could not run: ${e instanceof Error ? e.message : String(e)}`];
        }
        if (child.connected) child.send({ kind: "types", errors } satisfies TypeErrorsMessage, () => undefined);
      });
    }
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
  const budgetMs = opts.timeoutMsTotal ?? DEFAULT_BUDGET_MS;
  const typeCheck = opts.typeCheck ?? true;
  let copy: WorkingCopy | undefined;
  let shared: string | undefined;
  if (opts.warm === true) {
    try {
      shared = sharedBuild(projectRoot);
      copy = makeWorkingCopy(dir, projectRoot, shared);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return ungraded("grader-error", `the working copy could not be made: ${why}`, startedAt);
    }
  }
  const job: RunnerJob = {
    projectRoot,
    exercisesDir: dir,
    testFiles: gradedTestFiles(projectRoot, opts.visibility, opts.modules),
    timeoutMsPerTest: opts.timeoutMsPerTest ?? 10_000,
    typeCheck,
    ...(copy ? { workingCopy: copy, sharedBuild: shared, typesFromParent: typeCheck } : {}),
    deadline: startedAt + budgetMs,
    budgetMs,
  };
  const warmCopy = copy;
  const typeErrors =
    warmCopy && typeCheck
      ? () => {
          if (warmCopy.syntaxErrors.length > 0) return []; // a file that does not compile is reported as such
          // TypeScript is loaded only when a warm type check is asked for (half a second, once per process).
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { warmTypeErrors } = require("./type-check") as typeof import("./type-check");
          return warmTypeErrors(projectRoot, path.join(warmCopy.workDir, "exercises"), warmCopy.files);
        }
      : undefined;
  let reply: Outcome;
  try {
    reply = await runTestProcess(testProcessFor(copy !== undefined), job, budgetMs + GRACE_MS, typeErrors);
  } finally {
    if (copy) fs.rmSync(copy.root, { recursive: true, force: true });
  }
  if ("error" in reply) return partialResults(reply, startedAt);
  return { ...reply.results, execution_time: (Date.now() - startedAt) / 1000 };
}

/** Results from the tests that finished before the test process was killed or died (no tests: no points). */
export function partialResults(outcome: Extract<Outcome, { error: string }>, startedAt: number): GradeResults {
  const status: GradeStatus = outcome.killed ? "timeout" : "grader-error";
  if (!outcome.tests || outcome.tests.length === 0) return ungraded(status, outcome.error, startedAt);
  const ran = outcome.tests.filter((t) => t.output !== "not run").length;
  const tests = outcome.tests.map((t) => (t.output === "not run" ? { ...t, output: `not run: ${outcome.error}` } : t));
  const reason = `${outcome.error}: ${ran} of ${tests.length} tests finished and keep their points; the others were not run`;
  return {
    score: tests.reduce((s, t) => s + t.score, 0),
    max_score: tests.reduce((s, t) => s + t.max_score, 0),
    execution_time: (Date.now() - startedAt) / 1000,
    tests,
    output: `Problem:\n${reason}`,
    status,
    reason,
  };
}
