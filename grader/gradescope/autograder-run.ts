/**
 * The program behind Gradescope's run_autograder: grades ROOT/submission with the same engine as batch grading and
 * writes ROOT/results/results.json (ROOT is /autograder on Gradescope). A results file is written whatever happens.
 * An autograder built for one assignment (`npm run gradescope -- --assignment NAME`) has assignment.json beside this
 * file, naming the modules to grade; without it, every module is graded.
 *
 * Usage: node --require tsx/cjs grader/gradescope/autograder-run.ts /autograder
 */
import * as fs from "fs";
import * as path from "path";
import { GradeResults, gradeSubmission, ungraded } from "../engine/grade";
import { writeAtomic } from "../report/gradebook";
import { exitOnUsageError, parseCommandLine, UsageError } from "../../lib/cli";

const USAGE = "usage: node --require tsx/cjs grader/gradescope/autograder-run.ts [ROOT]   (ROOT: /autograder)";

/** The modules of the assignment this autograder was built for, or undefined for the whole course. */
function assignmentModules(): string[] | undefined {
  const file = path.join(__dirname, "assignment.json");
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { modules: string[] }).modules;
}

async function main(root: string): Promise<void> {
  const started = Date.now();
  let results: GradeResults;
  try {
    const modules = assignmentModules();
    results = await gradeSubmission({ exercisesDir: path.join(root, "submission"), visibility: "all", modules });
  } catch (e) {
    results = ungraded("grader-error", `grading failed: ${e instanceof Error ? e.message : String(e)}`, started);
  }
  writeAtomic(path.join(root, "results", "results.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`${results.score}/${results.max_score} (${results.status})\n`);
}

const root = exitOnUsageError(() => {
  const { positionals } = parseCommandLine({ args: process.argv.slice(2), options: {}, allowPositionals: true }, USAGE);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}\n${USAGE}`);
  return path.resolve(positionals[0] ?? "/autograder");
});
void main(root);
