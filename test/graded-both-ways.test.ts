/**
 * The graded tests are trustworthy only if they tell a finished exercise from an untouched one. This runs every
 * graded test file, public (test/graded/*.test.ts) and hidden (test/hidden/*.test.ts), twice in child processes —
 * once against the reference solutions and once against the exercise stubs — and checks that all pass on solutions, all fail on stubs, and that both runs
 * see the same tests worth the same points.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePoints } from "./graded/graded";

const root = path.resolve(__dirname, "..");
/** The public and the hidden graded tests. */
const GRADED_FILES = ["test/graded/*.test.ts", "test/hidden/*.test.ts"];

interface TestResult {
  file?: string;
  fullTitle: string;
  title: string;
  err: { message?: string };
}

interface Report {
  stats: { tests: number; passes: number; failures: number };
  passes: TestResult[];
  failures: TestResult[];
  pending: TestResult[];
}

/** Runs the graded tests with NN_COURSE_IMPL = impl and returns mocha's JSON report. */
function runGraded(impl: string): Report {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "graded-")), "report.json");
  const mocha = path.join(root, "node_modules", ".bin", "mocha");
  const args = [
    "--no-config", // only the graded files, not the project's default spec list
    "--require",
    "tsx/cjs",
    "--reporter",
    "json",
    "--reporter-option",
    `output=${out}`,
    "--timeout",
    "60000",
    ...GRADED_FILES,
  ];
  const run = spawnSync(mocha, args, {
    cwd: root,
    env: { ...process.env, NN_COURSE_IMPL: impl },
    encoding: "utf8",
    timeout: 240_000,
  });
  if (!fs.existsSync(out)) {
    throw new Error(
      `mocha with NN_COURSE_IMPL=${impl} wrote no report (exit ${run.status}, ${run.error ?? "no spawn error"}):\n` +
        `${run.stdout}\n${run.stderr}`,
    );
  }
  const report = JSON.parse(fs.readFileSync(out, "utf8")) as Report;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return report;
}

function totalPoints(tests: TestResult[]): number {
  return tests.reduce((sum, t) => sum + (parsePoints(t.title) ?? 0), 0);
}

describe("graded tests, run on solutions and on stubs", function () {
  this.timeout(300_000);

  let onSolutions: Report;
  let onStubs: Report;

  before(function () {
    onSolutions = runGraded("solutions");
    onStubs = runGraded("exercises");
  });

  it("find at least one graded test, each with points in its title", () => {
    const all = [...onSolutions.passes, ...onSolutions.failures, ...onSolutions.pending];
    expect(all.length, `number of graded tests found in ${GRADED_FILES.join(" and ")}`).to.be.greaterThan(0);
    const hidden = all.filter((t) => (t.file ?? "").includes(`${path.sep}test${path.sep}hidden${path.sep}`));
    expect(hidden.length, "number of hidden graded tests (test/hidden/*.test.ts)").to.be.greaterThan(0);
    const withoutPoints = all.filter((t) => parsePoints(t.title) === null).map((t) => t.fullTitle);
    expect(withoutPoints, "graded tests without '[n pts]' in their title (use graded())").to.deep.equal([]);
  });

  it("pass every graded test on solutions/", () => {
    const failed = onSolutions.failures.map((t) => `${t.fullTitle}: ${t.err.message}`);
    expect(failed, "graded tests failing on the reference solutions").to.deep.equal([]);
    expect(
      onSolutions.pending.map((t) => t.fullTitle),
      "pending (skipped) graded tests",
    ).to.deep.equal([]);
  });

  it("fail every graded test on the untouched exercises/ stubs", () => {
    const passed = onStubs.passes.map((t) => t.fullTitle);
    expect(
      passed,
      "graded tests that pass without any exercise implemented (they cannot tell right from missing)",
    ).to.deep.equal([]);
  });

  it("see the same tests and the same total points both ways", () => {
    const titles = (r: Report) => [...r.passes, ...r.failures, ...r.pending].map((t) => t.fullTitle).sort();
    expect(titles(onStubs), "graded test titles on exercises/ vs on solutions/").to.deep.equal(titles(onSolutions));
    const pointsSolutions = totalPoints([...onSolutions.passes, ...onSolutions.failures]);
    const pointsStubs = totalPoints([...onStubs.passes, ...onStubs.failures]);
    expect(pointsStubs, "total points on exercises/ vs on solutions/").to.equal(pointsSolutions);
    expect(pointsSolutions, "total points").to.be.greaterThan(0);
  });
});
