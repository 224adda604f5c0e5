/**
 * The program behind Gradescope's run_autograder: grades ROOT/submission with the same engine as batch grading and
 * writes ROOT/results/results.json (ROOT is /autograder on Gradescope). A results file is written whatever happens.
 *
 * Usage: node --require tsx/cjs grader/gradescope/autograder-run.ts /autograder
 */
import * as path from "path";
import { GradeResults, gradeSubmission, ungraded } from "../engine/grade";
import { writeAtomic } from "../report/gradebook";

async function main(root: string): Promise<void> {
  const started = Date.now();
  let results: GradeResults;
  try {
    results = await gradeSubmission({ exercisesDir: path.join(root, "submission"), visibility: "all" });
  } catch (e) {
    results = ungraded("grader-error", `grading failed: ${e instanceof Error ? e.message : String(e)}`, started);
  }
  writeAtomic(path.join(root, "results", "results.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(`${results.score}/${results.max_score} (${results.status})\n`);
}

void main(path.resolve(process.argv[2] ?? "/autograder"));
