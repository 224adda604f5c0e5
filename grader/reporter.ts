/**
 * The trusted record of a test run: one TestResult per graded test, filled from mocha's runner events in the test
 * process. Nothing the submission prints or writes is read here.
 *
 * Rules that keep crashes from scoring:
 *   - every graded test starts as failed ("not run"), so a test mocha never reaches (a failed hook, an early stop)
 *     earns nothing;
 *   - a test that was tainted (it reached a module that cannot load, or the sandbox died during it) fails even if
 *     it caught the error;
 *   - once the sandbox has timed out or crashed, every later test fails as "not run".
 *
 * @example
 * const record = new TestRecord(tests, 10_000, isHidden);
 * record.listen(mocha.run());
 */
import type Mocha from "mocha";
import { parsePoints } from "../test/graded/graded";
import type { TestResult } from "./grade";

const MAX_MESSAGE = 4000;

/** A test's title without its "[2 pts]" suffix. */
export function testName(title: string): string {
  return title.replace(/\s*\[\d+ pts?\]\s*$/, "");
}

/** Results of one submission's graded tests, as they run. */
export class TestRecord {
  private readonly results = new Map<Mocha.Test, TestResult>();
  private current: Mocha.Test | undefined;
  private deadline = Infinity;
  private tainted: string | undefined;
  private stopped: string | undefined;

  constructor(
    tests: Mocha.Test[],
    private readonly timeoutMs: number,
    isHidden: (t: Mocha.Test) => boolean,
  ) {
    for (const t of tests) {
      this.results.set(t, {
        name: testName(t.title),
        score: 0,
        max_score: parsePoints(t.title) ?? 0,
        status: "failed",
        output: "not run",
        visibility: isHidden(t) ? "after_published" : "visible",
      });
    }
  }

  /** Milliseconds left in the current test's (or hook's) time limit. */
  timeLeft(): number {
    return this.deadline - Date.now();
  }

  /** Fails the current test with `reason`, whatever the test does with the error it got. */
  taint(reason: string): void {
    this.tainted ??= reason;
  }

  /** Every test after the current one fails as "not run" with `reason` (the sandbox timed out or crashed). */
  stop(reason: string): void {
    this.stopped ??= reason;
  }

  /** The name of the test running now, if any. */
  get currentName(): string | undefined {
    return this.current ? testName(this.current.title) : undefined;
  }

  private finish(test: Mocha.Test, passed: boolean, message: string): void {
    const r = this.results.get(test);
    if (!r || this.current !== test) return;
    const why = this.tainted;
    if (passed && why === undefined) Object.assign(r, { status: "passed", score: r.max_score, output: "" });
    else r.output = (why !== undefined && passed ? why : message || why || "failed").slice(0, MAX_MESSAGE);
    this.current = undefined;
  }

  /** Follows a mocha run's events. */
  listen(runner: Mocha.Runner): void {
    runner.on("hook", () => {
      this.deadline = Date.now() + this.timeoutMs;
    });
    runner.on("test", (test: Mocha.Test) => {
      this.tainted = undefined;
      this.deadline = Date.now() + this.timeoutMs;
      this.current = this.stopped === undefined ? test : undefined;
      const r = this.results.get(test);
      if (r && this.stopped !== undefined) r.output = `not run: ${this.stopped}`;
    });
    runner.on("pass", (test: Mocha.Test) => this.finish(test, true, ""));
    runner.on("fail", (test: Mocha.Test | Mocha.Hook, err: Error) => {
      if (test.type === "hook") {
        const reason = `not run: a setup step failed (${test.title}): ${String(err?.message)}`;
        for (const [t, r] of this.results) if (r.output === "not run" && isInside(t, test.parent)) r.output = reason;
        return;
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
    return [...this.results.values()];
  }
}

function isInside(test: Mocha.Test, suite: Mocha.Suite | undefined): boolean {
  for (let s = test.parent; s; s = s.parent) if (s === suite) return true;
  return false;
}
