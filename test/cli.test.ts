/**
 * Every program's command line (parsed by util.parseArgs through lib/cli.ts): an unknown option, a missing value or
 * a missing required option prints what is wrong and the program's usage, without a stack trace, and exits with 2.
 */
import { expect } from "chai";
import { runTs } from "./grader/fixtures";

const STACK_LINE = /^\s+at /m;

/** Program, arguments, and what its error output must say. */
const MISTAKES: [string, string[], RegExp][] = [
  ["grader/batch.ts", ["--bogus"], /^grade: unknown option --bogus\nusage: npm run grade -- --submissions DIR/],
  ["grader/batch.ts", ["--submissions"], /^grade: --submissions needs a value\nusage: npm run grade/],
  ["grader/batch.ts", ["--out", "x", "--jobs", "0", "--submissions", "y"], /--jobs must be a whole number ≥ 1, got 0/],
  ["grader/check.ts", ["--bogus"], /^unknown option --bogus\nusage: npm run check -- \[MODULE …\]/],
  ["grader/gradescope.ts", ["--bogus"], /^unknown option --bogus\nusage: npm run gradescope -- --out autograder\.zip/],
  ["grader/gradescope.ts", [], /^usage: npm run gradescope -- --out autograder\.zip/],
  ["grader/gradescope/autograder-run.ts", ["--bogus"], /^unknown option --bogus\nusage: .*autograder-run\.ts \[ROOT\]/],
  ["grader/gradescope/autograder-run.ts", ["a", "b"], /^unexpected argument b\nusage: /],
  ["tools/authoring/release.ts", ["--bogus"], /^release: unknown option --bogus\nusage: npm run release -- --out DIR/],
  ["tools/authoring/release.ts", [], /^release: say where to write: npm run release -- --out DIR \[--force\]/],
  ["tools/authoring/generate.ts", ["--bogus"], /^unknown option --bogus\nusage: npm run exercises \[-- --check\]/],
  ["tools/notebooks/run.ts", ["--fast"], /^Unknown option "--fast"\. Options: --check, --impl, --engine/],
  ["tools/notebooks/run.ts", ["--impl"], /^--impl needs a value\. Options: --check/],
  ["tools/notebooks/engine.ts", ["only-one.ipynb"], /^usage: engine\.ts IN\.ipynb OUT\.ipynb \[--allow-errors\]/],
  ["tools/notebooks/hygiene.ts", ["--bogus"], /^unknown option --bogus\nusage: npm run notebooks:check/],
  ["bench/run.ts", ["--bogus"], /^unknown option --bogus\nusage: npm run bench -- \[--tiny\]/],
  ["kernel/launch.js", ["--bogus"], /^unknown option --bogus\nusage: node kernel\/launch\.js --config-path/],
  ["kernel/launch.js", [], /^usage: node kernel\/launch\.js --config-path/],
];

describe("command lines: mistakes give the usage and exit 2", function () {
  this.timeout(60_000);

  it("every program", async () => {
    const runs = await Promise.all(MISTAKES.map(([program, args]) => runTs(program, args)));
    const wrong = MISTAKES.flatMap(([program, args, expected], i) => {
      const { code, stderr } = runs[i];
      const ok = code === 2 && expected.test(stderr) && !STACK_LINE.test(stderr);
      return ok ? [] : [`${program} ${args.join(" ")}: exit ${code}, said ${JSON.stringify(stderr)}`];
    });
    expect(wrong).to.deep.equal([]);
  });
});
