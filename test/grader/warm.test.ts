/**
 * A batch shares what it can between submissions (gradeSubmission's `warm`): the library compiled once, linked into
 * each working copy, and one type checker kept warm. Each submission still gets its own working copy, test process
 * and sandbox; the grade must be the same as with nothing shared, and nothing a submission does may reach the next.
 * (The hostile submissions of batch.test.ts are graded this way too: `npm run grade` is warm.)
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeSubmission } from "../../grader/engine/grade";
import { makeWorkingCopy, sharedBuild } from "../../grader/sandbox/working-copy";
import { materialize, projectRoot } from "./fixtures";

describe("grader: what a batch shares between submissions", function () {
  this.timeout(60_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-warm-test-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("the library is compiled once, and built again when a byte of the build changed", () => {
    const first = sharedBuild(projectRoot);
    expect(sharedBuild(projectRoot)).to.equal(first);
    expect(fs.existsSync(path.join(first, "lib", "matrix.js"))).to.equal(true);
    fs.appendFileSync(path.join(first, "lib", "matrix.js"), "\n// left behind\n");
    const second = sharedBuild(projectRoot);
    expect(second).to.not.equal(first);
    expect(fs.existsSync(first)).to.equal(false);
    expect(fs.readFileSync(path.join(second, "lib", "matrix.js"), "utf8")).to.not.include("left behind");
  });

  it("a working copy links to the shared build and holds the submission's own compiled files", () => {
    const dir = path.join(tmp, "type-error");
    materialize("type-error", dir, {});
    const shared = sharedBuild(projectRoot);
    const copy = makeWorkingCopy(dir, projectRoot, shared);
    try {
      expect(fs.realpathSync(path.join(copy.workDir, "lib"))).to.equal(fs.realpathSync(path.join(shared, "lib")));
      expect(fs.lstatSync(path.join(copy.workDir, "exercises", "losses.js")).isFile()).to.equal(true);
      expect(copy.files).to.deep.equal(["losses.ts"]);
    } finally {
      fs.rmSync(copy.root, { recursive: true, force: true });
    }
    expect(fs.existsSync(path.join(shared, "lib", "matrix.js")), "removing a copy leaves the build").to.equal(true);
  });

  it("a warm grade is the grade with nothing shared: score, every test, the type errors and the notes", async () => {
    const dir = path.join(tmp, "type-error-2");
    materialize("type-error", dir, {});
    const opts = { exercisesDir: dir, visibility: "public" as const, modules: ["losses"] };
    const warm = await gradeSubmission({ ...opts, warm: true });
    const cold = await gradeSubmission(opts);
    expect(warm.status).to.equal("graded");
    expect(warm.output).to.match(/Type errors[\s\S]*losses\.ts:5:\d+ Type 'string' is not assignable/);
    expect(warm.score).to.be.greaterThan(0);
    expect(warm.tests).to.deep.equal(cold.tests);
    expect(warm.output).to.equal(cold.output);
  });
});
