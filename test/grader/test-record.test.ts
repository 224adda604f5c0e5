/**
 * TestRecord's rules, driven by a scripted runner: no test scores unless mocha reports it passed, a tainted test
 * fails even when it caught the error, and after a sandbox failure every later test fails as "not run".
 */
import { expect } from "chai";
import { EventEmitter } from "events";
import Mocha from "mocha";
import { TestRecord, testName } from "../../grader/engine/test-record";

function suiteOf(titles: string[]): { suite: Mocha.Suite; tests: Mocha.Test[] } {
  const suite = new Mocha.Suite("graded: demo");
  const tests = titles.map((t) => new Mocha.Test(t, () => undefined));
  tests.forEach((t) => suite.addTest(t));
  return { suite, tests };
}

describe("grader: TestRecord", () => {
  it("takes the points from the title and strips them from the name", () => {
    expect(testName("softmax: rows sum to one [2 pts]")).to.equal("softmax: rows sum to one");
    const { tests } = suiteOf(["a [1 pt]", "b [3 pts]"]);
    const rec = new TestRecord(tests, 1000, () => false);
    expect(rec.list().map((r) => [r.name, r.max_score, r.score, r.status, r.output])).to.deep.equal([
      ["a", 1, 0, "failed", "not run"],
      ["b", 3, 0, "failed", "not run"],
    ]);
  });

  it("scores passes, fails a tainted pass, and fails everything after a stop as not run", () => {
    const { tests } = suiteOf(["ok [2 pts]", "caught the crash [1 pt]", "after [3 pts]", "hidden [1 pt]"]);
    const rec = new TestRecord(tests, 1000, (t) => t === tests[3]);
    const runner = new EventEmitter();
    rec.listen(runner as unknown as Mocha.Runner);
    runner.emit("test", tests[0]);
    runner.emit("pass", tests[0]);
    runner.emit("test", tests[1]);
    rec.taint("losses.softmax: the submission exited with code 0");
    rec.stop('the submission exited with code 0 in "caught the crash"');
    runner.emit("pass", tests[1]); // the test swallowed the error: still no points
    runner.emit("test", tests[2]);
    runner.emit("pass", tests[2]);
    runner.emit("test", tests[3]);
    runner.emit("pass", tests[3]);
    const r = rec.list();
    expect(r.map((t) => t.score)).to.deep.equal([2, 0, 0, 0]);
    expect(r[1].output).to.equal("losses.softmax: the submission exited with code 0");
    expect(r[2].output).to.equal('not run: the submission exited with code 0 in "caught the crash"');
    expect(r[3].visibility).to.equal("after_published");
  });

  it("fails the tests of a suite whose setup hook failed", () => {
    const { suite, tests } = suiteOf(["x [1 pt]"]);
    const rec = new TestRecord(tests, 1000, () => false);
    const runner = new EventEmitter();
    rec.listen(runner as unknown as Mocha.Runner);
    const hook = new Mocha.Hook('"before all" hook', () => undefined);
    hook.parent = suite;
    runner.emit("fail", hook, new Error("setup broke"));
    expect(rec.list()[0].output).to.match(/not run: a setup step failed .*setup broke/);
  });

  it("gives each test its own time limit", async () => {
    const { tests } = suiteOf(["x [1 pt]"]);
    const rec = new TestRecord(tests, 200, () => false);
    const runner = new EventEmitter();
    rec.listen(runner as unknown as Mocha.Runner);
    runner.emit("test", tests[0]);
    expect(rec.timeLeft()).to.be.within(150, 200);
    await new Promise((r) => setTimeout(r, 100));
    expect(rec.timeLeft()).to.be.within(0, 110);
  });
});
