/**
 * The Gradescope autograder: the zip holds what Gradescope needs and no solutions, and run_autograder, run against
 * a temporary folder laid out like Gradescope's /autograder, grades the submission into results/results.json.
 * (setup.sh, which installs Node and the packages, is not run: the project's node_modules stand in for it.)
 */
import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { GradeResults } from "../../grader/engine/grade";
import { extractZip, readZip } from "../../grader/report/zip";
import { projectRoot, runTs } from "./fixtures";

describe("grader: Gradescope autograder", function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-gradescope-test-"));
  const zip = path.join(tmp, "autograder.zip");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    const build = await runTs("grader/gradescope.ts", ["--out", zip]);
    expect(build.code, build.stderr).to.equal(0);
  });

  it("builds a zip with setup.sh and run_autograder (executable), the lockfile, engine and tests, no solutions", async () => {
    const entries = await readZip(fs.readFileSync(zip));
    const names = entries.map((e) => e.name);
    for (const script of ["setup.sh", "run_autograder"]) {
      expect(entries.find((e) => e.name === script)?.mode, script).to.equal(0o755);
    }
    for (const f of [
      "package-lock.json",
      "package.json",
      "grader/engine/grade.ts",
      "lib/course.ts",
      "test/graded/losses.test.ts",
    ]) {
      expect(names, f).to.include(f);
    }
    expect(
      names.some((n) => n.startsWith("test/hidden/")),
      "hidden tests",
    ).to.equal(true);
    expect(names.filter((n) => n.startsWith("solutions/"))).to.deep.equal([]);
    const setup = entries.find((e) => e.name === "setup.sh")!.data.toString();
    expect(setup).to.match(/npm ci/);
  });

  it("run_autograder grades ROOT/submission into ROOT/results/results.json", async () => {
    const root = path.join(tmp, "autograder");
    const source = path.join(root, "source");
    await extractZip(zip, source);
    // Stand-in for setup.sh's npm ci: the project's packages, with nn-course linked to this copy's lib/.
    const modules = path.join(source, "node_modules");
    fs.mkdirSync(modules);
    for (const name of fs.readdirSync(path.join(projectRoot, "node_modules"))) {
      if (name === "nn-course" || name.startsWith(".")) continue;
      fs.symlinkSync(path.join(projectRoot, "node_modules", name), path.join(modules, name));
    }
    fs.symlinkSync(path.join("..", "lib"), path.join(modules, "nn-course"));
    fs.mkdirSync(path.join(root, "submission"));
    fs.mkdirSync(path.join(root, "results"));
    fs.copyFileSync(path.join(projectRoot, "solutions", "losses.ts"), path.join(root, "submission", "losses.ts"));

    const code = await new Promise((resolve) => {
      const child = spawn("bash", [path.join(source, "run_autograder")], {
        env: { ...process.env, AUTOGRADER_ROOT: root },
        stdio: "ignore",
      });
      child.on("exit", resolve);
    });
    expect(code).to.equal(0);
    const r = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8")) as GradeResults;
    expect(r.status).to.equal("graded");
    const losses = r.tests.filter((t) => t.status === "passed");
    expect(losses.length).to.be.greaterThan(0);
    expect(r.score).to.equal(losses.reduce((s, t) => s + t.max_score, 0));
    expect(r.score).to.be.lessThan(r.max_score); // the other exercise files were not submitted
    // Gradescope's test fields only; the module is a tag.
    for (const t of r.tests) {
      expect(Object.keys(t).sort()).to.deep.equal([
        "max_score",
        "name",
        "output",
        "score",
        "status",
        "tags",
        "visibility",
      ]);
      expect(t.tags).to.be.an("array").with.length(1);
      expect(t.tags![0]).to.be.a("string");
    }
    expect(r.tests.filter((t) => t.tags![0] === "losses").length).to.equal(losses.length);
  });
});
