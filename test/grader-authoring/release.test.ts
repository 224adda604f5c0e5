/**
 * The student edition (tools/authoring/release.ts): what is in it, that nothing in it gives the solutions or the hidden tests
 * away, that it refuses unsafe targets, and that in it `npm test` and the self-check run the public tests against
 * the student's exercises — failing on the fresh stubs, passing once the solutions are copied in as the student's
 * work. The release uses the project's packages through symlinks instead of `npm install`.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  RELEASE_MARKER,
  findLeaks,
  findNearLeaks,
  solutionLines,
  withoutLocalNames,
  writeRelease,
  type ReleaseFile,
} from "../../tools/authoring/release";

const root = path.resolve(__dirname, "..", "..");

/** Every file under dir, relative, with "/" separators (links are not followed). */
function listFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, p));
    else out.push(p);
  }
  return out.sort();
}

/** node_modules for the release: the project's packages, but nn-course pointing at the release's own lib. */
function linkPackages(release: string): void {
  const nm = path.join(release, "node_modules");
  fs.mkdirSync(nm);
  for (const name of fs.readdirSync(path.join(root, "node_modules"))) {
    if (name === "nn-course") continue;
    fs.symlinkSync(path.join(root, "node_modules", name), path.join(nm, name));
  }
  fs.symlinkSync("../lib", path.join(nm, "nn-course"));
}

interface MochaReport {
  stats: { tests: number; passes: number; failures: number };
  failures: { fullTitle: string; err: { message?: string } }[];
}

/** Runs `npm test` in the release with a JSON report, as a student would run it. */
function npmTest(release: string): MochaReport {
  const report = path.join(release, "..", `report-${Date.now()}.json`);
  const env = { ...process.env };
  delete env.NN_COURSE_IMPL;
  const run = spawnSync("npm", ["test", "--", "--reporter", "json", "--reporter-option", `output=${report}`], {
    cwd: release,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (!fs.existsSync(report)) throw new Error(`npm test wrote no report (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(fs.readFileSync(report, "utf8")) as MochaReport;
}

describe("student release", function () {
  this.timeout(240_000);
  let tmp: string;
  let release: string;
  let files: string[];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "release-"));
    release = path.join(tmp, "student");
    await writeRelease(release);
    files = listFiles(release);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("holds notebooks, lib, exercises, public tests, the engine, kernel, tools, configs and a student README", () => {
    const modules = fs.readdirSync(path.join(root, "solutions")).filter((f) => f.endsWith(".ts"));
    for (const m of modules) expect(files).to.include(`exercises/${m}`);
    for (const f of fs.readdirSync(path.join(root, "test", "graded"))) expect(files).to.include(`test/graded/${f}`);
    for (const f of fs.readdirSync(path.join(root, "notebooks")).filter((n) => n.endsWith(".ipynb"))) {
      expect(files).to.include(`notebooks/${f}`);
    }
    for (const f of [
      "lib/index.ts",
      "lib/check.ts",
      "lib/matrix.ts",
      "lib/package.json",
      "grader/check.ts",
      "grader/engine/grade.ts",
      "kernel/launch.js",
      "tools/start.ts",
      "tools/setup.ts",
      "package.json",
      "package-lock.json",
      "tsconfig.json",
      ".mocharc.json",
      "eslint.config.mjs",
      ".prettierrc.json",
      "README.md",
      RELEASE_MARKER,
    ]) {
      expect(files).to.include(f);
    }
    const readme = fs.readFileSync(path.join(release, "README.md"), "utf8");
    expect(readme).to.include('await check("losses")').and.include("npm test").and.include("hidden tests");
    expect(readme).to.include("every test fails");
    // The stubs are exactly the committed ones.
    for (const m of modules) {
      expect(fs.readFileSync(path.join(release, "exercises", m), "utf8"), m).to.equal(
        fs.readFileSync(path.join(root, "exercises", m), "utf8"),
      );
    }
  });

  it("leaves out solutions, hidden tests, instructor tools and tests, and git history", () => {
    const forbidden = files.filter(
      (f) =>
        /^(solutions|test\/hidden|test\/grader-authoring|tools\/authoring|\.git|\.ci|node_modules|build|\.jupyter)(\/|$)/.test(
          f,
        ) ||
        ["test/graded-both-ways.test.ts"].includes(f) ||
        (/\.test\.ts$/.test(f) && !f.startsWith("test/graded/")),
    );
    expect(forbidden).to.deep.equal([]);
  });

  it("contains no solution code: no solution-only line, no solution file, no hidden test, no markers", () => {
    const secret = solutionLines(root);
    expect(secret.length, "solution-only lines to look for").to.be.greaterThan(50);
    const solutionTexts = fs
      .readdirSync(path.join(root, "solutions"))
      .map((f) => fs.readFileSync(path.join(root, "solutions", f), "utf8"));
    const hiddenTitles = fs
      .readdirSync(path.join(root, "test", "hidden"))
      .flatMap((f) => [
        ...fs.readFileSync(path.join(root, "test", "hidden", f), "utf8").matchAll(/graded\(\s*"([^"]+)"/g),
      ])
      .map((m) => m[1]);
    expect(hiddenTitles.length, "hidden test titles to look for").to.be.greaterThan(0);
    const leaks: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(release, f), "utf8");
      const lines = new Set(text.split("\n").map((l) => l.trim()));
      if (f.endsWith(".ipynb")) {
        const nb = JSON.parse(text) as { cells: { source: string | string[]; outputs?: unknown[] }[] };
        for (const cell of nb.cells) {
          const src = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
          src.split("\n").forEach((l) => lines.add(l.trim()));
          if ((cell.outputs ?? []).length > 0) leaks.push(`${f}: a cell with outputs`);
        }
      }
      for (const s of secret) if (lines.has(s.line)) leaks.push(`${f}: ${s.line} (${s.where})`);
      if (solutionTexts.includes(text)) leaks.push(`${f}: a whole solution file`);
      if (/\b(BEGIN|END) SOLUTION\b/.test(text)) leaks.push(`${f}: a SOLUTION marker`);
      for (const title of hiddenTitles) if (text.includes(title)) leaks.push(`${f}: hidden test "${title}"`);
    }
    expect(leaks).to.deep.equal([]);
  });

  it("the leak scan finds solution lines (in code and notebook cells) and markers; renamed copies go to review", () => {
    const file = (p: string, text: string): ReleaseFile => ({ path: p, content: Buffer.from(text), mode: 0o644 });
    const all = solutionLines(root);
    const unique = (key: (l: string) => string) => (x: { line: string }) =>
      all.filter((y) => key(y.line) === key(x.line)).length === 1;
    const secret = all.filter(unique((l) => l));
    const decl = all.find((x) => /^const \w+ = /.test(x.line) && unique(withoutLocalNames)(x))!;
    const renamed = decl.line.replace(/^const (\w+) = /, "const somethingElse = ");
    const nb = JSON.stringify({ cells: [{ cell_type: "code", source: [`let a = 1;\n`, `${secret[0].line}\n`] }] });
    expect(findLeaks([file("lib/a.ts", `  ${secret[0].line}\n`)], root)).to.deep.equal([
      `lib/a.ts:1: solution code from ${secret[0].where}: ${secret[0].line}`,
    ]);
    expect(findLeaks([file("notebooks/a.ipynb", nb)], root)).to.deep.equal([
      `notebooks/a.ipynb: a cell holds solution code from ${secret[0].where}: ${secret[0].line}`,
    ]);
    expect(findLeaks([file("README.md", "x\n// BEGIN SOLUTION\n")], root)).to.deep.equal([
      "README.md:2: a SOLUTION marker",
    ]);
    expect(findLeaks([file("lib/b.ts", `${renamed}\n`)], root), "a renamed copy is no exact match").to.deep.equal([]);
    expect(findNearLeaks([file("lib/b.ts", `${renamed}\n`)], root)).to.deep.equal([
      `lib/b.ts:1: ${renamed}  ~  ${decl.where}: ${decl.line}`,
    ]);
  });

  it("has package.json scripts for students and the project's dependencies that the edition uses", () => {
    const project = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const student = JSON.parse(fs.readFileSync(path.join(release, "package.json"), "utf8"));
    expect(student.scripts.test).to.equal("mocha");
    expect(student.scripts.check).to.equal("tsx grader/check.ts");
    expect(student.scripts.start).to.equal(project.scripts.start);
    for (const instructorOnly of ["exercises", "release", "test:notebooks", "test:unit", "grade", "gradescope"]) {
      expect(student.scripts, instructorOnly).not.to.have.property(instructorOnly);
    }
    const all = { ...project.dependencies, ...project.devDependencies };
    for (const deps of [student.dependencies, student.devDependencies]) {
      for (const [name, version] of Object.entries(deps)) expect(all[name], name).to.equal(version);
    }
    // what students run and what the kernel, the notebooks and check() load stays …
    for (const name of ["tslab", "tsx", "mathjs", "seedrandom", "mnist", "mocha", "chai", "typescript", "prettier"]) {
      expect({ ...student.dependencies, ...student.devDependencies }, name).to.have.property(name);
    }
    // … what only the instructor's side uses (benchmark, Lab and browser harnesses, similarity report) goes
    for (const name of ["@tensorflow/tfjs-core", "@jupyterlab/outputarea", "playwright-core", "@dodona/dolos-core"]) {
      if (name in all) expect({ ...student.dependencies, ...student.devDependencies }, name).not.to.have.property(name);
    }
    const mocharc = JSON.parse(fs.readFileSync(path.join(release, ".mocharc.json"), "utf8"));
    expect(mocharc.spec).to.deep.equal(["test/graded/*.test.ts"]);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(release, "tsconfig.json"), "utf8"));
    expect(tsconfig.include).not.to.include("solutions");
  });

  it("refuses a non-empty folder without --force, and any folder inside the project or holding it", async () => {
    const refused = async (out: string, force = false) => {
      try {
        await writeRelease(out, { force });
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(await refused(release)).to.match(/is not empty; .*--force/);
    expect(await refused(path.join(root, "build", "release"))).to.match(/is inside the project/);
    expect(await refused(path.dirname(root), true)).to.match(/contains the project/);
    const other = path.join(tmp, "other");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "notes.txt"), "mine");
    expect(await refused(other)).to.match(/is not empty/);
    // --force over a previous release clears it first; over another folder it leaves other files alone.
    fs.writeFileSync(path.join(release, "stray.txt"), "old");
    expect(await refused(release, true)).to.equal("");
    expect(fs.existsSync(path.join(release, "stray.txt"))).to.equal(false);
    expect(await refused(other, true)).to.equal("");
    expect(fs.readFileSync(path.join(other, "notes.txt"), "utf8")).to.equal("mine");
  });

  it("npm test runs the public tests on the student's exercises: all fail on the stubs, all pass when solved", () => {
    linkPackages(release);
    const fresh = npmTest(release);
    expect(fresh.stats.tests, "public tests run").to.be.greaterThan(20);
    expect(fresh.stats.passes, "tests passing on the fresh stubs").to.equal(0);
    for (const f of fs.readdirSync(path.join(root, "solutions"))) {
      fs.copyFileSync(path.join(root, "solutions", f), path.join(release, "exercises", f));
    }
    const solved = npmTest(release);
    expect(
      solved.failures.map((t) => `${t.fullTitle}: ${t.err.message}`),
      "public tests failing on solved exercises",
    ).to.deep.equal([]);
    expect(solved.stats.passes).to.equal(fresh.stats.tests);
  });

  it("the self-check runs inside the release with its own engine copy", () => {
    // Runs after the previous test: exercises/ holds the solutions, node_modules is linked.
    const env = { ...process.env };
    delete env.NN_COURSE_IMPL;
    const run = spawnSync(path.join(release, "node_modules", ".bin", "tsx"), ["grader/check.ts", "losses"], {
      cwd: release,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).to.equal(0);
    expect(run.stdout.split("\n")[0]).to.match(/^losses: (\d+) \/ \1 points, .* all public tests pass\.$/);
  });
});
