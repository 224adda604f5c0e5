/**
 * The trusted test process for one submission (started by grade.ts; gets a RunnerJob on its IPC channel and
 * answers with the results).
 *
 * It makes the working copy, type-checks it, starts the sandbox, points the exercise loader at the sandbox, runs
 * mocha over the graded test files and records the outcome with TestRecord. The submission's code never runs here.
 *
 * A time-out or crash costs only the test it happened in (RemoteModules starts a fresh sandbox for the next test);
 * when the submission's time budget runs out, the run stops and the tests not run yet fail as "not run". Each
 * finished test's result is sent to grade.ts at once, so a kill of this process loses no earned points.
 */
import Mocha from "mocha";
import * as fs from "fs";
import * as path from "path";
import type { GradeResults, GradeStatus, RunnerJob, RunnerMessage, TypeErrorsMessage } from "./grade";
import { Incident, RemoteModules } from "../sandbox/remote-modules";
import { moduleSubtotals, reportWording } from "../results/by-module";
import { TestRecord } from "./test-record";
import { sandboxCommand } from "../sandbox/command";
import { SyncRpc } from "../sandbox/sync-rpc";
import { makeWorkingCopy, WorkingCopy } from "../sandbox/working-copy";

const HEAP_MB = 256;
const MAX_LISTED = 3;

type Setter = (p: ((name: string) => Record<string, unknown>) | undefined) => void;

/** Points every copy of the exercise loader (the one tests reach as "nn-course", and ../lib) at `provider`. */
function setProvider(projectRoot: string, provider: ((name: string) => Record<string, unknown>) | undefined): void {
  const files = new Set<string>([require.resolve("../../lib/course")]);
  try {
    files.add(require.resolve("nn-course/course", { paths: [projectRoot] }));
  } catch {
    // no nn-course link: the tests then use lib/ too
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const f of files) (require(f) as { setModuleProvider: Setter }).setModuleProvider(provider);
}

/** Modules that cannot run, with why: missing from the submission, or with syntax errors. */
function problems(copy: WorkingCopy, modules: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of modules) {
    const errors = copy.syntaxErrors.filter((e) => e.startsWith(`${m}.ts:`));
    if (!copy.files.includes(`${m}.ts`)) out.set(m, `${m}.ts is missing from the submission`);
    else if (errors.length > 0) out.set(m, `${m}.ts does not compile: ${errors.slice(0, 3).join("; ")}`);
  }
  return out;
}

/** The working copy's type errors. The checker (TypeScript, half a second to load) is loaded only when asked for. */
function typeErrorsOf(copy: WorkingCopy): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { typeErrors } = require("./type-check") as typeof import("./type-check");
  return typeErrors(copy.workDir, copy.files);
}

/** The type errors grade.ts sends after the job (when the job says typesFromParent); listened for from the start. */
const typesFromParent = new Promise<string[]>((resolve) => {
  const listener = (m: unknown): void => {
    if (m !== null && typeof m === "object" && (m as { kind?: unknown }).kind === "types") {
      process.off("message", listener);
      resolve((m as TypeErrorsMessage).errors);
    }
  };
  process.on("message", listener);
});

function section(title: string, body: string): string {
  return body.trim() === "" ? "" : `${title}\n${body.trim()}\n\n`;
}

function send(msg: RunnerMessage): void {
  process.send?.(msg);
}

/** Loads the graded test files into mocha and lists their tests (in declaration order) before any runs. */
function loadTests(job: RunnerJob): { mocha: Mocha; tests: Mocha.Test[] } {
  const mocha = new Mocha({ timeout: job.timeoutMsPerTest + 2000 });
  mocha.reporter(Mocha.reporters.Base);
  for (const f of job.testFiles) mocha.addFile(f.file);
  // Load the files now (to list every test before any runs); run() must then not load them again.
  const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(enable: boolean): void };
  loader.loadFiles();
  loader.lazyLoadFiles(true);
  const tests: Mocha.Test[] = [];
  const walk = (s: Mocha.Suite): void => {
    tests.push(...s.tests);
    s.suites.forEach(walk);
  };
  walk(mocha.suite);
  return { mocha, tests };
}

/** Incidents in a few words: each distinct one once, with the tests it happened in (the first few). */
function describeIncidents(incidents: (Incident & { test?: string })[]): string {
  const byMessage = new Map<string, string[]>();
  for (const i of incidents) {
    const tests = byMessage.get(i.message) ?? [];
    if (!i.loading && i.test !== undefined) tests.push(`"${i.test}"`);
    byMessage.set(i.message, tests);
  }
  const parts = [...byMessage].slice(0, MAX_LISTED).map(([message, tests]) => {
    if (tests.length === 0) return message;
    const named = tests.slice(0, 2).join(", ") + (tests.length > 2 ? ` and ${tests.length - 2} more` : "");
    return `${message} (in ${tests.length === 1 ? "test" : `${tests.length} tests:`} ${named})`;
  });
  if (byMessage.size > MAX_LISTED) parts.push(`and ${byMessage.size - MAX_LISTED} other failures`);
  return parts.join("; ");
}

/** Grades the job's submission; the returned results have no execution_time yet. */
async function grade(job: RunnerJob): Promise<Omit<GradeResults, "execution_time">> {
  const copy = job.workingCopy ?? makeWorkingCopy(job.exercisesDir, job.projectRoot);
  const modules = [...new Set(job.testFiles.map((f) => f.module))];
  const checkHere = job.typeCheck && !job.typesFromParent && copy.syntaxErrors.length === 0;
  let types = checkHere ? typeErrorsOf(copy) : [];
  const cmd = sandboxCommand({
    workDir: copy.workDir,
    childScript: copy.childScript,
    nodeModules: path.join(job.projectRoot, "node_modules"),
    heapMb: HEAP_MB,
    ...(job.sharedBuild ? { shared: job.sharedBuild } : {}),
  });
  const rpc = new SyncRpc(cmd, copy.workDir, HEAP_MB);
  const missing = problems(copy, modules);
  const incidents: (Incident & { test?: string })[] = [];
  // eslint-disable-next-line prefer-const
  let rec: TestRecord;
  const remote = new RemoteModules(rpc, missing, {
    timeLeft: () => rec.timeLeft(),
    outOfTime: () => rec.outOfTime(),
    taint: (reason) => rec.taint(reason),
    notImplemented: (exercise, module) => rec.notImplemented(exercise, module),
    // A call stopped because the budget ran out is not an incident of its own: the budget is reported.
    incident: (i) => void (rec.outOfBudget || incidents.push({ ...i, test: rec.currentName })),
    stopped: () => rec.stoppedBecause,
    stop: (reason) => rec.stop(reason),
  });
  setProvider(job.projectRoot, remote.provider);
  const { mocha, tests: mochaTests } = loadTests(job);
  const moduleOfFile = new Map(job.testFiles.map((f) => [f.file, f.module]));
  rec = new TestRecord(
    mochaTests,
    job.timeoutMsPerTest,
    (t) => job.testFiles.some((f) => f.hidden && f.file === t.file),
    { moduleOf: (t) => moduleOfFile.get(t.file ?? "") ?? "other", deadline: job.deadline, budgetMs: job.budgetMs },
  );
  send({ kind: "tests", tests: rec.list() });

  // Each module is loaded once before the tests, with a test's time limit; one that cannot load fails its tests.
  const loadErrors: string[] = [];
  for (const m of modules.filter((m) => !missing.has(m))) {
    if (rec.outOfBudget) break;
    rec.beginStep();
    const error = remote.preload(m);
    if (error !== undefined) loadErrors.push(error);
  }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    rec.listen(runner);
    runner.on("test", () => remote.nextUnit());
    runner.on("hook", () => remote.nextUnit());
    runner.on("hook end", () => remote.nextUnit());
    runner.on("test end", (test: Mocha.Test) => {
      const index = mochaTests.indexOf(test);
      if (index >= 0) send({ kind: "test", index, result: rec.list()[index] });
    });
  });
  setProvider(job.projectRoot, undefined);
  const printed = rpc.output();
  await rpc.close();
  fs.rmSync(copy.root, { recursive: true, force: true });
  // The type check ran in grade.ts meanwhile; a file that does not compile gets no type errors, as above.
  if (job.typeCheck && job.typesFromParent) types = copy.syntaxErrors.length === 0 ? await typesFromParent : [];

  const tests = rec.list();
  let status: GradeStatus = "graded";
  const reasons: string[] = [];
  const stopped = rec.stoppedBecause;
  if (copy.syntaxErrors.length > 0) {
    status = "compile-error";
    reasons.push(copy.syntaxErrors.slice(0, 3).join("; "));
  } else if (incidents.length > 0 || stopped !== undefined) {
    const timedOut = stopped !== undefined || incidents.some((i) => i.kind === "timeout");
    status = timedOut ? "timeout" : "crashed";
    if (incidents.length > 0) {
      reasons.push(describeIncidents(incidents));
      if (stopped === undefined && incidents.some((i) => !i.loading)) {
        reasons.push("the tests after each of these ran in a fresh sandbox");
      }
    }
    if (stopped !== undefined) {
      const ran = rec.ranCount;
      reasons.push(`${stopped}: ${ran} of ${tests.length} tests ran, the other ${tests.length - ran} were not run`);
    }
  } else if (loadErrors.length > 0) {
    status = "import-error";
    reasons.push(loadErrors.join("; "));
  }
  const reason = reasons.length > 0 ? reportWording(reasons.join("; ")) : undefined;
  const output =
    section("Problem:", reason ?? "") +
    section("Points by module:", moduleSubtotals(tests).join("\n")) +
    section("Files that do not compile:", copy.syntaxErrors.join("\n")) +
    section("Type errors (not graded, but worth fixing):", types.join("\n")) +
    section("Missing or not compiling:", [...missing.values()].join("\n")) +
    section("Files not used:", copy.skipped.join("\n")) +
    section("Printed by the submission (shown for information; never read as results):", printed.stdout) +
    section("Error output of the submission:", printed.stderr) +
    section("Grading environment notes:", cmd.notes.join("\n"));
  const score = tests.reduce((s, t) => s + t.score, 0);
  const max = tests.reduce((s, t) => s + t.max_score, 0);
  return { score, max_score: max, tests, output: output.trim(), status, ...(reason ? { reason } : {}) };
}

process.once("message", (job: RunnerJob) => {
  grade(job).then(
    (results) => process.send!({ kind: "results", results } satisfies RunnerMessage, () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`grading failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
});
