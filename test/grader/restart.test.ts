/**
 * A time-out or crash costs only the test it happened in: the reference solutions with one function that loops (or
 * ends the process) lose exactly the points of the tests that call that function, whatever comes after them; a
 * module that never finishes loading fails once, and only the modules that need it lose their tests.
 *
 * Expected scores come from grading the reference solutions in the same run: full marks minus the tests named after
 * the broken function. Tests run with a 2 s limit per test to stay quick.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeSubmission, type GradeResults, type TestResult } from "../../grader/engine/grade";
import { fromSolutions, projectRoot } from "./fixtures";

const PER_TEST_MS = 2000;

describe("grader: a time-out or crash costs only its own test", function () {
  this.timeout(30_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-restart-test-"));
  let reference: GradeResults;

  const grade = (exercisesDir: string) =>
    gradeSubmission({ exercisesDir, visibility: "all", timeoutMsPerTest: PER_TEST_MS });
  const points = (tests: TestResult[]) => tests.reduce((s, t) => s + t.max_score, 0);

  before(async () => {
    reference = await grade(path.join(projectRoot, "solutions"));
    expect(reference.status, reference.reason).to.equal("graded");
    expect(reference.score).to.equal(reference.max_score);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Grades fixture `name` (solutions with one change); checks that exactly the tests `broken` picks failed. */
  async function onlyThoseFail(name: string, broken: (t: TestResult) => boolean): Promise<GradeResults> {
    const dir = path.join(tmp, name);
    fromSolutions(name, dir);
    const r = await grade(dir);
    const lost = reference.tests.filter(broken);
    expect(lost.length, "tests of the broken function").to.be.greaterThan(0);
    expect(r.max_score).to.equal(reference.max_score);
    expect(r.score).to.equal(reference.score - points(lost));
    expect(r.tests.filter((t) => t.status === "failed").map((t) => t.name)).to.deep.equal(lost.map((t) => t.name));
    return r;
  }

  it("a full-marks submission whose l2Loss loops loses only l2Loss's tests", async () => {
    const r = await onlyThoseFail("loop-in-one-function", (t) => /\bl2Loss\b/.test(t.name));
    for (const t of r.tests.filter((t) => t.status === "failed")) {
      expect(t.output, t.name).to.equal("losses.l2Loss timed out after 2 s");
    }
    expect(r.status).to.equal("timeout");
    expect(r.reason).to.match(/^losses\.l2Loss timed out after 2 s \(in \d+ tests: "l2Loss/);
    expect(r.reason).to.include("ran in a fresh sandbox");
    // Tests after the first time-out still earn their points, hidden ones included.
    const first = r.tests.findIndex((t) => t.status === "failed");
    expect(r.tests.slice(first).filter((t) => t.status === "passed").length).to.be.greaterThan(50);
  });

  it("a full-marks submission whose hingeLoss calls process.exit loses only hingeLoss's tests", async () => {
    const r = await onlyThoseFail("exit-in-one-function", (t) => /\bhingeLoss\b/.test(t.name));
    for (const t of r.tests.filter((t) => t.status === "failed")) {
      expect(t.output, t.name).to.equal(
        "losses.hingeLoss crashed: the sandbox exited with code 3 (did it call process.exit?)",
      );
    }
    expect(r.status).to.equal("crashed");
    expect(r.reason).to.match(/^losses\.hingeLoss crashed: .*exited with code 3/);
  });

  it("a module that loops at import fails to load once; only it and the modules importing it lose points", async () => {
    const dir = path.join(tmp, "loop-at-import-of-solutions");
    fromSolutions("loop-at-import-of-solutions", dir);
    const r = await grade(dir);
    // layers.ts and regularization.ts import ./losses, so they cannot finish loading either.
    const importers = fs
      .readdirSync(dir)
      .filter((f) => /from "\.\/losses"/.test(fs.readFileSync(path.join(dir, f), "utf8")))
      .map((f) => f.replace(/\.ts$/, ""));
    const stuck = new Set(["losses", ...importers]);
    const lost = reference.tests.filter((t) => stuck.has(t.tags![0]));
    expect(r.score).to.equal(reference.score - points(lost));
    expect(r.status).to.equal("timeout");
    for (const t of r.tests.filter((t) => stuck.has(t.tags![0]))) {
      expect(t.output, t.name).to.equal(
        `${t.tags![0]}.ts timed out after 2 s while loading (does it run a loop when it is imported?)`,
      );
    }
    // One time-out per module that cannot load, not one per test.
    expect(r.execution_time).to.be.lessThan((stuck.size * PER_TEST_MS) / 1000 + 10);
  });
});
