/**
 * The student's self-check: the PUBLIC graded tests of one exercise module, run against the student's current
 * exercise files by the official grading engine (same sandbox, same limits), shown as a pass/fail table.
 *
 * Because it is the official engine on the public tests, a self-check pass means the public part of the official
 * grade passes too. Notebooks call it through `check` from "nn-course"; on the command line:
 *
 *   npm run check -- losses        (in the student edition; `npx tsx grader/check.ts losses` anywhere)
 *
 * @example
 * const results = await selfCheck("losses", { show: false });
 * results.score; // points earned on the public tests of losses
 */
import * as fs from "fs";
import * as path from "path";
import { sharedTypeChecker } from "../lib/typecheck";
import { findExercisesDir } from "./engine/find-exercises";
import { gradeSubmission, type GradeResults } from "./engine/grade";
import { checkText, showCheck } from "./report/check-table";
import { implementationDir } from "../lib/course";
import { CourseInputError } from "../lib/errors";
import type { CheckOptions } from "../lib/check";
import { parseCommandLine } from "../lib/cli";

const projectRoot = path.resolve(__dirname, "..");

/** The exercise modules that have public graded tests: test/graded/<module>.test.ts. */
export function checkableModules(root = projectRoot): string[] {
  const dir = path.join(root, "test", "graded");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -".test.ts".length))
    .sort();
}

/**
 * The type errors of `module`'s file in `exercisesDir` (or why they could not be found); null when there is no such
 * file. In a notebook the checker is the one the exercise loader already warmed up, so this takes a fraction of a
 * second; it runs while the tests run in their own process.
 */
function typeCheckModule(exercisesDir: string, module: string): string[] | string | null {
  const dir = findExercisesDir(exercisesDir, [module]);
  if (dir === null) return null;
  try {
    return sharedTypeChecker().check({ root: projectRoot, exercisesDir: dir, files: [`${module}.ts`] });
  } catch (e) {
    return `the type check could not run: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Runs the public graded tests of `module` against the student's exercise files with the official engine,
 * shows the pass/fail table (unless `show: false`) and returns the engine's results. The module's file is
 * type-checked at the same time (unless `typeCheck: false`); its type errors are listed in the table,
 * `results.typeErrors` and `results.output`.
 */
export async function selfCheck(module: string, opts: CheckOptions = {}): Promise<GradeResults> {
  const modules = checkableModules();
  if (typeof module !== "string" || !modules.includes(module)) {
    throw new CourseInputError(
      `check(${JSON.stringify(module)}): there are no public tests for that exercise module. ` +
        `Use one of: ${modules.map((m) => JSON.stringify(m)).join(", ")} (the file name in exercises/ without .ts).`,
    );
  }
  const exercisesDir = path.resolve(opts.exercisesDir ?? implementationDir());
  // The tests start first (their process is spawned at once); the type check runs here meanwhile.
  const grading = gradeSubmission({
    exercisesDir,
    visibility: "public",
    modules: [module],
    ...(opts.timeoutMsPerTest !== undefined ? { timeoutMsPerTest: opts.timeoutMsPerTest } : {}),
    ...(opts.timeoutMsTotal !== undefined ? { timeoutMsTotal: opts.timeoutMsTotal } : {}),
    typeCheck: false,
  });
  const errors = (opts.typeCheck ?? true) ? typeCheckModule(exercisesDir, module) : null;
  const results = await grading;
  if (errors !== null && results.status !== "compile-error") {
    const section = (title: string, body: string) => [results.output, `${title}\n${body}`].filter(Boolean).join("\n\n");
    if (typeof errors === "string") results.output = section("Type check:", errors);
    else {
      results.typeErrors = errors;
      if (errors.length > 0) results.output = section("Type errors (not graded, but worth fixing):", errors.join("\n"));
    }
  }
  if (opts.show ?? true) showCheck(module, results);
  return results;
}

if (require.main === module) {
  (async () => {
    const usage = "usage: npm run check -- [MODULE …]   (in the project: npx tsx grader/check.ts [MODULE …])";
    const args = parseCommandLine({ args: process.argv.slice(2), options: {}, allowPositionals: true }, usage);
    const wanted = args.positionals.length > 0 ? args.positionals : checkableModules();
    let allPass = true;
    for (const m of wanted) {
      const r = await selfCheck(m, { show: false });
      console.log(checkText(m, r) + "\n");
      allPass &&= r.status === "graded" && r.score === r.max_score;
    }
    process.exit(allPass ? 0 : 1);
  })().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
