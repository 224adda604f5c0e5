/**
 * The official grade's type check of a submission (lib/typecheck.ts, with the project's TypeScript).
 *
 * Type errors are reported to the student but do not stop grading: the notebooks and the self-check run exercise
 * code without a type check (tsx), so a function that runs correctly earns its points in both places. Only files that
 * do not compile at all (syntax errors) make a "compile-error" submission.
 *
 * @example
 * typeErrors(copy.workDir, ["losses.ts"]); // ["losses.ts:12:5 Type 'string' is not assignable to type 'number'."]
 */
import * as ts from "typescript";
import { TypeChecker } from "../../lib/typecheck";

/** Type errors in `files` (names inside workDir/exercises), as "file:line:col message" lines; at most 20. */
export function typeErrors(workDir: string, files: string[]): string[] {
  return new TypeChecker(ts).check({ root: workDir, files });
}

let warm: TypeChecker | undefined;

/**
 * The same check with one checker kept for the whole process (a batch): TypeScript is loaded once, and its own
 * library and the course library are parsed once, so each submission after the first costs a fraction of a
 * cold check. `files` (names in `exercisesDir`) are checked as if they sat in projectRoot/exercises next to the
 * course library; the checker reads nothing else of the project (lib/typecheck.ts). A submission's files are
 * parsed afresh whenever their text differs from the last submission's.
 */
export function warmTypeErrors(projectRoot: string, exercisesDir: string, files: string[]): string[] {
  warm ??= new TypeChecker(ts);
  return warm.check({ root: projectRoot, exercisesDir, files });
}
