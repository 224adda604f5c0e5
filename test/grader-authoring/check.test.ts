/**
 * The self-check agrees with the official grade: on the same code, `check("losses")` (public tests, official engine)
 * gives exactly the public part of `gradeSubmission(..., visibility "all")` — on the reference solutions (all pass),
 * on the untouched stubs (all fail) and on a partly right submission full of common mistakes (the same mix of
 * statuses). That submission also proves the hints: each known mistake is named in its tests' failure messages.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { check } from "../../lib/check";
import { selfCheck } from "../../grader/check";
import { checkHtml, checkText } from "../../grader/report/check-table";
import { gradeSubmission, type GradeResults, type TestResult } from "../../grader/engine/grade";
import { COMMON_MISTAKES, writeFixture } from "./fixtures/mistakes";

const root = path.resolve(__dirname, "..", "..");

/** What must agree between the self-check and the official grade, per test. */
const essence = (t: TestResult) => ({
  name: t.name,
  status: t.status,
  score: t.score,
  max: t.max_score,
  output: t.output,
});

interface Pair {
  self: GradeResults;
  official: GradeResults;
}

describe("self-check vs official grade, and hints for common mistakes", function () {
  this.timeout(180_000);
  const runs: Record<"solutions" | "stubs" | "mistakes", Pair> = {} as never;
  let tmp: string;

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "self-check-"));
    const dirs = {
      solutions: path.join(root, "solutions"),
      stubs: path.join(root, "exercises"),
      mistakes: writeFixture(COMMON_MISTAKES.name, COMMON_MISTAKES.edits, tmp),
    };
    // All six gradings at once: each runs in its own processes.
    await Promise.all(
      (Object.entries(dirs) as [keyof typeof dirs, string][]).map(async ([kind, exercisesDir]) => {
        // lib's check() (what a notebook calls) for the solutions; the grader's selfCheck for the others.
        const selfRun =
          kind === "solutions"
            ? check("losses", { exercisesDir, show: false })
            : selfCheck("losses", { exercisesDir, show: false });
        const [self, official] = await Promise.all([
          selfRun,
          gradeSubmission({ exercisesDir, visibility: "all", modules: ["losses"] }),
        ]);
        runs[kind] = { self, official };
      }),
    );
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const kind of ["solutions", "stubs", "mistakes"] as const) {
    it(`${kind}: the self-check equals the public part of the official grade, test by test`, () => {
      const { self, official } = runs[kind];
      expect(self.status, self.reason).to.equal("graded");
      expect(official.status, official.reason).to.equal("graded");
      expect(self.tests.length, "public losses tests in the self-check").to.be.greaterThan(10);
      expect(self.tests.every((t) => t.visibility === "visible")).to.equal(true);
      const publicPart = official.tests.filter((t) => t.visibility === "visible");
      expect(self.tests.map(essence)).to.deep.equal(publicPart.map(essence));
      expect(self.score).to.equal(publicPart.reduce((s, t) => s + t.score, 0));
      expect(self.max_score).to.equal(publicPart.reduce((s, t) => s + t.max_score, 0));
      expect(official.tests.length - publicPart.length, "hidden tests in the official grade").to.be.greaterThan(0);
    });
  }

  it("solutions pass every test; stubs fail every test; the mistakes pass some and fail some", () => {
    const { solutions, stubs, mistakes } = runs;
    for (const r of [solutions.self, solutions.official]) expect(r.score).to.equal(r.max_score);
    for (const r of [stubs.self, stubs.official]) {
      expect(r.score).to.equal(0);
      expect(r.tests.every((t) => t.status === "failed")).to.equal(true);
    }
    const statuses = new Set(mistakes.self.tests.map((t) => t.status));
    expect([...statuses].sort()).to.deep.equal(["failed", "passed"]);
    expect(mistakes.self.score).to.be.greaterThan(0).and.lessThan(mistakes.self.max_score);
  });

  it("each common mistake fails its tests with its named hint, in the self-check and the official grade", () => {
    for (const r of [runs.mistakes.self, runs.mistakes.official]) {
      const byName = new Map(r.tests.map((t) => [t.name, t] as const));
      for (const mistake of COMMON_MISTAKES.mistakes) {
        for (const name of mistake.tests) {
          const t = byName.get(name);
          expect(t, `test "${name}" in the results`).to.not.equal(undefined);
          expect(t!.status, name).to.equal("failed");
          expect(t!.output, name).to.include(`Hint (${mistake.hint}):`);
        }
      }
    }
    // The hidden tests name the same mistakes.
    const hidden = runs.mistakes.official.tests.filter((t) => t.visibility !== "visible");
    const hiddenSoftmax = hidden.find((t) => t.name.startsWith("softmax: [0, ln 2, ln 3]"))!;
    expect(hiddenSoftmax.output).to.include("Hint (softmax without the max-shift):");
    const hiddenCe = hidden.find((t) => t.name.startsWith("crossEntropy: mean of −ln p over a batch of 7"))!;
    expect(hiddenCe.output).to.include("Hint (summed instead of averaged over the batch):");
  });

  it("no hint where no known mistake was made (sigmoid's sign error, unfinished elasticNet, the stubs)", () => {
    const hinted = new Set(COMMON_MISTAKES.mistakes.flatMap((m) => m.tests));
    const self = runs.mistakes.self.tests;
    const sigmoid = self.find((t) => t.name.startsWith("sigmoid: σ(x) = 1 / (1 + e^{−x})"))!;
    expect(sigmoid.status).to.equal("failed");
    expect(sigmoid.output).to.include("sigmoid(");
    for (const t of self.filter((t) => !hinted.has(t.name))) expect(t.output, t.name).not.to.include("Hint (");
    for (const t of runs.stubs.self.tests) {
      expect(t.output, t.name).not.to.include("Hint (");
      expect(t.output, t.name).to.include("not implemented yet");
    }
  });

  it("shows a pass/fail table with points, messages and the total", () => {
    const { self } = runs.mistakes;
    const text = checkText("losses", self);
    const passed = self.tests.filter((t) => t.status === "passed").length;
    expect(text.split("\n")[0]).to.equal(
      `losses: ${self.score} / ${self.max_score} points, ${passed} of ${self.tests.length} public tests pass.`,
    );
    expect(text).to.match(/^✓ +2\/2 {2}l2Loss: lecture 4×4 example/m);
    expect(text).to.match(/^✗ +0\/2 {2}softmax: huge scores/m);
    expect(text).to.include("Hint (softmax without the max-shift):");
    expect(text.trimEnd().split("\n").pop()).to.equal(`Total: ${self.score} / ${self.max_score} points`);
    const html = checkHtml("losses", self);
    expect(html).to.include("<table>").and.include("✗ fail").and.include("✓ pass");
    expect(html).to.include(`<b>${self.score}/${self.max_score}</b>`);
    expect(html).to.include("σ(x) = 1 / (1 + e^{−x}) element-wise"); // names and messages are escaped, not dropped
    expect(html).not.to.match(/<pre[^>]*>[^<]*<(?!\/pre>)/); // no raw tags inside a message
    const all = runs.solutions.self;
    expect(checkText("losses", all).split("\n")[0]).to.match(/all public tests pass\.$/);
  });

  it("lists type errors in results.output by default (typeCheck: false leaves them out), with the same points", async () => {
    const dir = path.join(tmp, "type-error");
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(path.join(root, "exercises"))) {
      fs.copyFileSync(path.join(root, "exercises", f), path.join(dir, f));
    }
    fs.copyFileSync(
      path.join(root, "test", "grader", "fixtures", "type-error", "losses.ts.fixture"),
      path.join(dir, "losses.ts"),
    );
    const [plain, typed] = await Promise.all([
      selfCheck("losses", { exercisesDir: dir, show: false, typeCheck: false }),
      selfCheck("losses", { exercisesDir: dir, show: false }),
    ]);
    expect(plain.output ?? "").not.to.match(/Type errors/);
    expect(typed.output).to.match(
      /Type errors[\s\S]*losses\.ts:5:\d+ Type 'string' is not assignable to type 'number'/,
    );
    expect(typed.score).to.be.greaterThan(0);
    expect(typed.tests.map(essence)).to.deep.equal(plain.tests.map(essence));
  });

  it("check() with an unknown module says which modules there are", async () => {
    let err: Error | undefined;
    try {
      await check("loses", { show: false });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).to.equal("CourseInputError");
    expect(err?.message).to.include('"losses"').and.include("no public tests");
  });
});
