/**
 * The time budget of a whole submission: a submission that is right but slow everywhere is cut off when the budget
 * runs out, keeps every point it earned before, and its results say what ran and what did not. The same engine
 * bounds the self-check. If the test process itself has to be killed, the tests it reported keep their points.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { selfCheck } from "../../grader/check";
import {
  DEFAULT_BUDGET_MS,
  GRACE_MS,
  gradeSubmission,
  partialResults,
  type GradeResults,
} from "../../grader/engine/grade";
import { fromSolutions } from "./fixtures";

const BUDGET_MS = 6000;
const NOT_RUN = "not run: the time budget for the whole submission (6 s) ran out";

/** Checks a run cut off by the budget; returns how many tests ran. */
function cutOff(r: GradeResults): number {
  expect(r.status).to.equal("timeout");
  const m =
    /the time budget for the whole submission \(6 s\) ran out: (\d+) of (\d+) tests ran, the other (\d+) were not run/.exec(
      r.reason ?? "",
    );
  expect(m, r.reason).to.not.equal(null);
  const [ran, all, notRun] = m!.slice(1).map(Number);
  expect(all).to.equal(r.tests.length);
  expect(ran + notRun).to.equal(all);
  expect(r.tests.filter((t) => t.output === NOT_RUN).length).to.equal(notRun);
  // Tests run in order: the passes come first, the ones not run last.
  const passed = r.tests.filter((t) => t.status === "passed");
  expect(passed.length, "tests passed before the budget ran out").to.be.greaterThan(0);
  expect(notRun, "tests not run").to.be.greaterThan(0);
  expect(r.tests.slice(0, passed.length).every((t) => t.status === "passed")).to.equal(true);
  expect(r.tests.slice(ran).every((t) => t.output === NOT_RUN)).to.equal(true);
  // Every point earned is kept.
  expect(r.score).to.equal(passed.reduce((s, t) => s + t.max_score, 0));
  expect(passed.every((t) => t.score === t.max_score)).to.equal(true);
  expect(r.execution_time).to.be.lessThan(BUDGET_MS / 1000 + 4);
  return ran;
}

describe("grader: the time budget of a submission", function () {
  this.timeout(30_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-budget-test-"));
  const slow = path.join(tmp, "slow-everywhere");
  before(() => fromSolutions("slow-everywhere", slow));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("defaults to 5 minutes, within Gradescope's default 10-minute limit even with the kill's grace", () => {
    expect(DEFAULT_BUDGET_MS).to.equal(5 * 60_000);
    expect(DEFAULT_BUDGET_MS + GRACE_MS).to.be.lessThan(10 * 60_000);
  });

  it("cuts off a submission slow everywhere, with a reason, keeping the points it earned", async () => {
    const r = await gradeSubmission({
      exercisesDir: slow,
      visibility: "public",
      modules: ["losses"],
      timeoutMsTotal: BUDGET_MS,
    });
    const ran = cutOff(r);
    expect(r.output).to.include("Problem:\n").and.include(`${ran} of ${r.tests.length} tests ran`);
    expect(r.output).to.match(/Points by module:\nlosses: \d+ \/ 61 points \(.*\d+ tests not run\)/);
  });

  it("bounds the self-check the same way", async () => {
    const r = await selfCheck("losses", { exercisesDir: slow, show: false, timeoutMsTotal: BUDGET_MS });
    cutOff(r);
  });

  it("keeps the points of the tests the test process reported when it had to be killed", () => {
    const done = { name: "a", score: 2, max_score: 2, status: "passed", output: "", visibility: "visible" } as const;
    const failed = { ...done, name: "b", score: 0, status: "failed", output: "expected 1, got 2" } as const;
    const pending = { ...failed, name: "c", output: "not run" } as const;
    const r = partialResults(
      { error: "grading did not finish within 330 s", killed: true, tests: [done, failed, pending] },
      Date.now(),
    );
    expect(r.status).to.equal("timeout");
    expect([r.score, r.max_score]).to.deep.equal([2, 6]);
    expect(r.tests.map((t) => t.output)).to.deep.equal([
      "",
      "expected 1, got 2",
      "not run: grading did not finish within 330 s",
    ]);
    expect(r.reason).to.match(/2 of 3 tests finished and keep their points/);
  });
});
