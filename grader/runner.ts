/**
 * The trusted test process for one submission (started by grade.ts; gets a RunnerJob on its IPC channel and
 * answers with the results).
 *
 * It makes the working copy, type-checks it, starts the sandbox, points the exercise loader at the sandbox, runs
 * mocha over the graded test files and records the outcome with TestRecord. The submission's code never runs here.
 */
import Mocha from "mocha";
import * as fs from "fs";
import * as path from "path";
import type { GradeResults, GradeStatus, RunnerJob, RunnerReply } from "./grade";
import { RemoteModules } from "./remote-modules";
import { TestRecord } from "./reporter";
import { sandboxCommand } from "./sandbox-command";
import { SyncRpc } from "./sync-rpc";
import { makeWorkingCopy, WorkingCopy } from "./working-copy";

const HEAP_MB = 256;

type Setter = (p: ((name: string) => Record<string, unknown>) | undefined) => void;

/** Points every copy of the exercise loader (the one tests reach as "nn-course", and ../lib) at `provider`. */
function setProvider(projectRoot: string, provider: ((name: string) => Record<string, unknown>) | undefined): void {
  const files = new Set<string>([require.resolve("../lib/course")]);
  try {
    files.add(require.resolve("nn-course/course", { paths: [projectRoot] }));
  } catch {
    // no nn-course link: the tests then use ../lib too
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

function section(title: string, body: string): string {
  return body.trim() === "" ? "" : `${title}\n${body.trim()}\n\n`;
}

async function runMocha(job: RunnerJob, record: (tests: Mocha.Test[]) => TestRecord): Promise<TestRecord> {
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
  const rec = record(tests);
  await new Promise<void>((resolve) => rec.listen(mocha.run(() => resolve())));
  return rec;
}

/** Grades the job's submission; the returned results have no execution_time yet. */
async function grade(job: RunnerJob): Promise<Omit<GradeResults, "execution_time">> {
  const copy = makeWorkingCopy(job.exercisesDir, job.projectRoot);
  const modules = [...new Set(job.testFiles.map((f) => f.module))];
  const types = job.typeCheck && copy.syntaxErrors.length === 0 ? typeErrorsOf(copy) : [];
  const cmd = sandboxCommand({
    workDir: copy.workDir,
    childScript: copy.childScript,
    nodeModules: path.join(job.projectRoot, "node_modules"),
    heapMb: HEAP_MB,
  });
  const rpc = new SyncRpc(cmd, copy.workDir, HEAP_MB);
  let rec: TestRecord | undefined;
  let stopReason: string | undefined;
  const taint = (reason: string): void => {
    rec?.taint(reason);
    if (rpc.failed && stopReason === undefined) {
      const limit = rpc.failed.kind === "timeout" ? ` (${job.timeoutMsPerTest / 1000} s per test)` : "";
      stopReason = `the submission ${rpc.failed.message}${limit} in "${rec?.currentName ?? "a setup step"}"`;
      rec?.stop(stopReason);
    }
  };
  const missing = problems(copy, modules);
  const remote = new RemoteModules(rpc, missing, () => rec?.timeLeft() ?? job.timeoutMsPerTest, taint);
  const loadErrors = modules
    .filter((m) => !missing.has(m))
    .map((m) => remote.preload(m, job.timeoutMsPerTest))
    .filter((e) => e !== undefined);
  const loadFailure = rpc.failed
    ? `the submission ${rpc.failed.message}${rpc.failed.kind === "timeout" ? ` (${job.timeoutMsPerTest / 1000} s)` : ""} while loading`
    : undefined;
  setProvider(job.projectRoot, remote.provider);
  const record = await runMocha(job, (tests) => {
    rec = new TestRecord(tests, job.timeoutMsPerTest, (t) => job.testFiles.some((f) => f.hidden && f.file === t.file));
    if (loadFailure) rec.stop(loadFailure);
    return rec;
  });
  setProvider(job.projectRoot, undefined);
  const printed = rpc.output();
  await rpc.close();
  fs.rmSync(copy.root, { recursive: true, force: true });

  const tests = record.list();
  let status: GradeStatus = "graded";
  let reason: string | undefined;
  const failed = rpc.failed;
  if (copy.syntaxErrors.length > 0) {
    status = "compile-error";
    reason = copy.syntaxErrors.slice(0, 3).join("; ");
  } else if (failed) {
    status = failed.kind === "timeout" ? "timeout" : "crashed";
    reason = loadFailure ?? stopReason ?? `the submission ${failed.message}`;
  } else if (loadErrors.length > 0) {
    status = "import-error";
    reason = loadErrors.join("; ");
  }
  const output =
    section("Problem:", reason ?? "") +
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
    (results) => process.send!({ kind: "results", results } satisfies RunnerReply, () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`grading failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
});
