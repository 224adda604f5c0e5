/**
 * The trusted record of a test run: one TestResult per graded test, filled from mocha's runner events in the test
 * process. Nothing the submission prints or writes is read here.
 *
 * Rules that keep crashes from scoring:
 *   - every graded test starts as failed ("not run"), so a test mocha never reaches (a failed hook, an early stop)
 *     earns nothing;
 *   - a test that was tainted (it reached a module that cannot load, or the sandbox timed out or died during it)
 *     fails even if it caught the error;
 *   - once grading has stopped (the time budget ran out), the run is aborted and every test that has not finished
 *     fails as "not run", with the reason.
 *
 * Messages are written for a student reading a report: a test that failed because it reached an unimplemented stub
 * says "softmax is not implemented yet: implement softmax in losses.ts" (from the error's exercise name, not from the
 * notebook's wording).
 *
 * @example
 * const record = new TestRecord(tests, 10_000, isHidden, { moduleOf, deadline: Date.now() + 300_000 });
 * record.listen(mocha.run());
 */
import type Mocha from "mocha";
import * as path from "path";
import { parsePoints } from "../../test/graded/graded";
import { notImplementedMessage, reportWording } from "../results/by-module";
import type { TestResult } from "../results/types";

const MAX_MESSAGE = 4000;

/** A test's title without its "[2 pts]" suffix. */
export function testName(title: string): string {
  return title.replace(/\s*\[\d+ pts?\]\s*$/, "");
}

/** Options of a TestRecord. */
export interface RecordOptions {
  /** The exercise module a test grades (becomes the result's tag). */
  moduleOf?: (t: Mocha.Test) => string;
  /** When the time budget of the whole submission runs out (ms since the epoch; default: never). */
  deadline?: number;
  /** The budget in ms, for messages. */
  budgetMs?: number;
}

/** Results of one submission's graded tests, as they run. */
export class TestRecord {
  private readonly results = new Map<Mocha.Test, TestResult>();
  private readonly started = new Set<Mocha.Test>();
  private current: Mocha.Test | undefined;
  private testDeadline = Infinity;
  private tainted: string | undefined;
  private notImpl: { exercise: string; module: string } | undefined;
  private stopped: string | undefined;
  private runner: Mocha.Runner | undefined;
  private readonly deadline: number;

  constructor(
    tests: Mocha.Test[],
    private readonly timeoutMs: number,
    isHidden: (t: Mocha.Test) => boolean,
    private readonly opts: RecordOptions = {},
  ) {
    this.deadline = opts.deadline ?? Infinity;
    for (const t of tests) {
      this.results.set(t, {
        name: testName(t.title),
        score: 0,
        max_score: parsePoints(t.title) ?? 0,
        status: "failed",
        output: "not run",
        visibility: isHidden(t) ? "after_published" : "visible",
        ...(opts.moduleOf ? { tags: [opts.moduleOf(t)] } : {}),
      });
    }
  }

  /** Milliseconds left in the current test's (or hook's) time limit, or in the time budget if that ends first. */
  timeLeft(): number {
    return Math.min(this.testDeadline, this.deadline) - Date.now();
  }

  /** Why a call that ran out of time was stopped: the test's time limit or, when it ends first, the budget's. */
  outOfTime(): string {
    return this.deadline <= this.testDeadline
      ? `was stopped: ${this.budgetReason()}`
      : `timed out after ${this.timeoutMs / 1000} s`;
  }

  private budgetReason(): string {
    const budget = this.opts.budgetMs !== undefined ? ` (${Math.round(this.opts.budgetMs / 1000)} s)` : "";
    return `the time budget for the whole submission${budget} ran out`;
  }

  /** Whether the time budget has run out. */
  get outOfBudget(): boolean {
    return Date.now() >= this.deadline;
  }

  /** Starts a step outside the tests (loading a module) with a test's time limit. */
  beginStep(): void {
    this.current = undefined;
    this.testDeadline = Date.now() + this.timeoutMs;
  }

  /** Fails the current test with `reason`, whatever the test does with the error it got. */
  taint(reason: string): void {
    this.tainted ??= reason;
  }

  /** The current test reached the unimplemented stub of `exercise` in `module`. */
  notImplemented(exercise: string, module: string): void {
    this.notImpl ??= { exercise, module };
  }

  /** Stops grading: the run is aborted after the current test, and every test not finished fails as "not run". */
  stop(reason: string): void {
    this.stopped ??= reason;
    this.abort();
  }

  /** Why grading stopped, if it did. */
  get stoppedBecause(): string | undefined {
    return this.stopped;
  }

  /** The name of the test running now, if any. */
  get currentName(): string | undefined {
    return this.current ? testName(this.current.title) : undefined;
  }

  /** How many tests started running (the others were not run). */
  get ranCount(): number {
    return this.started.size;
  }

  private finish(test: Mocha.Test, passed: boolean, message: string): void {
    const r = this.results.get(test);
    if (!r || this.current !== test) return;
    const why = this.tainted;
    if (passed && why === undefined) Object.assign(r, { status: "passed", score: r.max_score, output: "" });
    else {
      // A taint (time-out, crash, module that cannot load) is the cause, whatever the test made of the error.
      let output = why ?? (message || "failed");
      if (why === undefined && this.notImpl) output = notImplementedMessage(this.notImpl.exercise, this.notImpl.module);
      r.output = reportWording(output).slice(0, MAX_MESSAGE);
    }
    this.current = undefined;
  }

  /** Tells mocha to run no further test (a scripted runner in the tests may not have abort). */
  private abort(): void {
    (this.runner as { abort?: () => void } | undefined)?.abort?.();
  }

  /** Follows a mocha run's events. */
  listen(runner: Mocha.Runner): void {
    this.runner = runner;
    if (this.stopped !== undefined) this.abort();
    runner.on("hook", () => {
      this.testDeadline = Date.now() + this.timeoutMs;
    });
    runner.on("test", (test: Mocha.Test) => {
      this.tainted = undefined;
      this.notImpl = undefined;
      this.testDeadline = Date.now() + this.timeoutMs;
      if (this.stopped === undefined && this.outOfBudget) this.stop(this.budgetReason());
      this.current = this.stopped === undefined ? test : undefined;
      if (this.current) this.started.add(test);
    });
    runner.on("pass", (test: Mocha.Test) => this.finish(test, true, ""));
    runner.on("fail", (test: Mocha.Test | Mocha.Hook, err: Error) => {
      if (test.type === "hook") {
        const reason = `not run: a setup step failed (${test.title}): ${reportWording(String(err?.message))}`;
        for (const [t, r] of this.results) if (r.output === "not run" && isInside(t, test.parent)) r.output = reason;
        return;
      }
      // The loader's ExerciseNotImplemented names the exercise and its file: the way to say it when the stub's own
      // error was not seen (it was thrown before reaching the sandbox).
      const e = err as Error & { exercise?: unknown; file?: unknown };
      if (e?.name === "ExerciseNotImplemented" && typeof e.exercise === "string" && typeof e.file === "string") {
        this.notImpl ??= { exercise: e.exercise, module: path.basename(e.file).replace(/\.ts$/, "") };
      }
      this.finish(test as Mocha.Test, false, String(err?.message ?? err));
    });
    runner.on("pending", (test: Mocha.Test) => {
      const r = this.results.get(test);
      if (r) r.output = "skipped (counts as failed)";
    });
  }

  /** The results in the order the tests were declared. */
  list(): TestResult[] {
    const stopped = this.stopped;
    return [...this.results.values()].map((r) =>
      stopped !== undefined && r.output === "not run" ? { ...r, output: `not run: ${stopped}` } : r,
    );
  }
}

function isInside(test: Mocha.Test, suite: Mocha.Suite | undefined): boolean {
  for (let s = test.parent; s; s = s.parent) if (s === suite) return true;
  return false;
}
