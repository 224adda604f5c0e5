/**
 * Reports a student reads: the check table, feedback.html and results.json are grouped by module with subtotals,
 * failed tests first, the tests of untouched stubs folded into one line per module; and nothing says "re-run this
 * cell" outside a notebook.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { selfCheck } from "../../grader/check";
import { checkHtml, checkText } from "../../grader/report/check-table";
import { feedbackHtml } from "../../grader/report/feedback-html";
import { gradeSubmission, type GradeResults, type TestResult } from "../../grader/engine/grade";
import { groupByModule, reportWording } from "../../grader/results/by-module";
import { ExerciseLoadError, ExerciseNotImplemented } from "../../lib/course";
import { materialize, projectRoot, runTs } from "./fixtures";

const NOTEBOOK_WORDING = /this cell|re-run/;
const TYPE_ERROR = "losses.ts:9:9 Type 'string' is not assignable to type 'Matrix'.";

function result(name: string, module: string, status: "passed" | "failed", output = "", points = 1): TestResult {
  return {
    name,
    score: status === "passed" ? points : 0,
    max_score: points,
    status,
    output,
    visibility: "visible",
    tags: [module],
  };
}

describe("grader: reports by module, report wording", function () {
  this.timeout(30_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-report-test-"));
  // A student part-way through losses.ts (sigmoid right with a type error, l1Loss wrong, the rest stubs), with
  // activations.ts done (the reference).
  const halfDone = path.join(tmp, "half-done");
  let self: GradeResults;

  before(async () => {
    fs.mkdirSync(halfDone);
    fs.copyFileSync(path.join(projectRoot, "solutions", "activations.ts"), path.join(halfDone, "activations.ts"));
    materialize("half-done", halfDone, {});
    self = await selfCheck("losses", { exercisesDir: halfDone, show: false });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("check table: module subtotal, failed tests first, the stubs folded into one line, report wording", () => {
    const text = checkText("losses", self);
    const lines = text.split("\n");
    expect(lines).to.include(`losses.ts — ${self.score} / ${self.max_score} points`);
    const failedRow = lines.findIndex((l) => /^✗ +0\/2 {2}l1Loss: lecture 4×4 example/.test(l));
    const passedRow = lines.findIndex((l) => /^✓ +1\/1 {2}sigmoid: /.test(l));
    const stubs = lines.filter((l) => / not implemented yet \(\d+ tests\): implement them in losses\.ts$/.test(l));
    expect(failedRow).to.be.greaterThan(0);
    expect(passedRow).to.be.greaterThan(failedRow);
    expect(stubs.length, "one line for the stubs").to.equal(1);
    expect(stubs[0]).to.match(/^✗ +0\/\d+ {2}l2Loss, binaryCrossEntropy, .*softmax.*elasticNet not implemented yet/);
    // Each stub test is on that line only, not on a row of its own.
    expect(text).not.to.include("softmax: lecture score table");
    const folded = self.tests.filter((t) => /^\w+ is not implemented yet: implement \w+ in losses\.ts$/.test(t.output));
    expect(stubs[0]).to.match(new RegExp(`^✗ +0/${folded.reduce((s, t) => s + t.max_score, 0)} `));
    for (const text of [checkText("losses", self), checkHtml("losses", self), JSON.stringify(self)]) {
      expect(text).not.to.match(NOTEBOOK_WORDING);
    }
  });

  it("feedback.html and results.json: by module with subtotals, stubs folded, no notebook wording", async () => {
    const r = await gradeSubmission({ exercisesDir: halfDone, visibility: "all", modules: ["losses", "activations"] });
    expect(r.tests.every((t) => t.tags?.length === 1)).to.equal(true);
    const html = feedbackHtml("alice", r);
    const losses = r.tests.filter((t) => t.tags![0] === "losses");
    const lossesScore = losses.reduce((s, t) => s + t.score, 0);
    const lossesMax = losses.reduce((s, t) => s + t.max_score, 0);
    const activationsMax = r.max_score - lossesMax;
    expect(html).to.include(`losses.ts — ${lossesScore} / ${lossesMax} points</h2>`);
    expect(html).to.include(`activations.ts — ${activationsMax} / ${activationsMax} points</h2>`);
    // Within losses: the failed l1Loss rows, then the folded stubs, then the passed sigmoid rows.
    const start = html.indexOf("losses.ts — ");
    const section = html.slice(start, html.indexOf("<h2", start));
    const l1 = section.indexOf("<td>l1Loss: lecture 4×4 example");
    const fold = section.indexOf("not implemented yet (");
    const sigmoid = section.indexOf("<td>sigmoid: σ(x) = 1 / (1 + e^{−x}) element-wise");
    expect(l1).to.be.greaterThan(0);
    expect(fold).to.be.greaterThan(l1);
    expect(sigmoid).to.be.greaterThan(fold);
    expect(section.match(/not implemented yet \(/g)?.length).to.equal(1);
    expect(section).not.to.include("<td>softmax: lecture score table"); // folded, listed only inside <details>
    expect(r.output).to.match(/Points by module:\n(.*\n)?losses: \d+ \/ \d+ points \(not implemented yet: l2Loss, /);
    expect(r.output).to.include(`activations: ${activationsMax} / ${activationsMax} points`);
    for (const text of [html, JSON.stringify(r)]) expect(text).not.to.match(NOTEBOOK_WORDING);
  });

  it("the command-line check prints the grouped table without notebook wording", async () => {
    const run = await runTs("grader/check.ts", ["losses"], { NN_COURSE_IMPL: halfDone });
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stdout).to.match(/^losses\.ts — \d+ \/ 61 points$/m);
    expect(run.stdout).to.match(/not implemented yet \(\d+ tests\): implement them in losses\.ts$/m);
    expect(run.stdout).to.include(TYPE_ERROR);
    expect(run.stdout).not.to.match(NOTEBOOK_WORDING);
  });

  it("folds repeated failures, orders failed before passed, and rewrites the notebook's messages", () => {
    const stub = (fn: string) => `${fn} is not implemented yet: implement ${fn} in losses.ts`;
    const tests = [
      result("relu: a", "activations", "passed"),
      result("relu: b", "activations", "failed", "expected 1, got 2"),
      result("softmax: a", "losses", "failed", stub("softmax"), 2),
      result("crossEntropy: a", "losses", "failed", stub("crossEntropy"), 3),
      result("softmax: b", "losses", "failed", stub("softmax"), 1),
      result("init: a", "init", "failed", "init.ts is missing from the submission"),
      result("init: b", "init", "failed", "init.ts is missing from the submission"),
      result("init: c", "init", "failed", "init.ts is missing from the submission"),
    ];
    const groups = groupByModule(tests);
    expect(groups.map((g) => [g.module, g.score, g.max])).to.deep.equal([
      ["activations", 1, 2],
      ["losses", 0, 6],
      ["init", 0, 3],
    ]);
    expect(groups[0].rows.map((t) => t.name)).to.deep.equal(["relu: b", "relu: a"]);
    expect(groups[1].rows).to.deep.equal([]);
    expect(groups[1].notImplemented?.text).to.equal(
      "softmax, crossEntropy not implemented yet (3 tests): implement them in losses.ts",
    );
    expect(groups[2].folds.map((f) => [f.text, f.max])).to.deep.equal([
      ["3 tests: init.ts is missing from the submission", 3],
    ]);
    // The loader's notebook messages, as the grader passes them on.
    const notImplemented = reportWording(new ExerciseNotImplemented("softmax", "exercises/losses.ts").message);
    const loadError = reportWording(new ExerciseLoadError("exercises/losses.ts", new Error("boom")).message);
    expect(notImplemented).to.match(/^softmax is not implemented yet: implement softmax in exercises\/losses\.ts\.?$/);
    expect(loadError).to.match(/^exercises\/losses\.ts could not be loaded: boom\.?$/);
  });
});
