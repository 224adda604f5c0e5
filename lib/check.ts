/**
 * `check("losses")`: the self-check for a notebook. It runs the public graded tests of one exercise module against
 * your current exercises/ code with the official grading engine (the same sandbox and limits as the real grade) and
 * shows a table: each test, pass or fail, its points and, when it fails, what it checked and what came back; tests
 * of functions you have not implemented yet are one line; the type errors of your file are listed below the table.
 *
 * A self-check pass means the public part of the official grade passes too; hidden tests count as well, so also
 * check your work beyond these tests.
 *
 * @example
 * const results = await check("losses");
 * results.score; // e.g. 12 of results.max_score
 */
import { inspect } from "util";
import type { GradeResults } from "../grader/results/types";
import { showMarkdown } from "./display/rich";

/** Options of check (and of the grader's selfCheck, which it calls). */
export interface CheckOptions {
  /** The exercise folder to check (default: the active one, exercises/ unless NN_COURSE_IMPL says otherwise). */
  exercisesDir?: string;
  /** Show the table (default true); false only returns the results. */
  show?: boolean;
  /** Time limit per test in ms (default: the engine's). */
  timeoutMsPerTest?: number;
  /** Time budget for the whole check in ms (default: the engine's); tests after it are not run. */
  timeoutMsTotal?: number;
  /**
   * Type-check the module's file and list its type errors in the table, `results.typeErrors` and `results.output`
   * (default true). They earn or lose no points; the check runs beside the tests, so it adds little time.
   */
  typeCheck?: boolean;
}

/** Runs the public tests of `module` on your exercise files, shows the pass/fail table and returns the results. */
export async function check(module: string, opts: CheckOptions = {}): Promise<GradeResults> {
  // Loaded on first use: importing "nn-course" stays quick, and the grading engine is only loaded when asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { selfCheck } = require("../grader/check") as {
    selfCheck(module: string, opts: CheckOptions): Promise<GradeResults>;
  };
  const results = await selfCheck(module, opts);
  // The table above already shows everything; as a cell's value (Out[n]) the results print as one line.
  const summary = `${module}: ${results.score} / ${results.max_score} points`;
  Object.defineProperty(results, inspect.custom, { value: () => summary, enumerable: false });
  return results;
}

/**
 * A derivation shown only once its exercise is done: runs the public graded tests of `module` (without the table),
 * and when every test whose name starts with one of `tests` passes, shows `derivation` (Markdown, `$…$` maths);
 * otherwise a notice naming the tests still to pass. Returns whether it was shown.
 *
 * @example
 * await reveal("normalization", ["batchnormBackwardAlt"], "$$\\frac{\\partial L}{\\partial x_i} = \\dots$$");
 */
export async function reveal(module: string, tests: string[], derivation: string): Promise<boolean> {
  const results = await check(module, { show: false, typeCheck: false });
  const mine = results.tests.filter((t) => tests.some((name) => t.name.startsWith(name)));
  if (mine.length === 0 && results.status === "graded") {
    throw new Error(`reveal: no public test of ${module} starts with ${tests.join(" or ")}; check the names.`);
  }
  const failing = mine.filter((t) => t.status !== "passed");
  const done = mine.length > 0 && failing.length === 0;
  const names = [...new Set(tests.map((t) => t.split(/[:\s]/)[0]))].map((n) => `\`${n}\``).join(", ");
  if (done) {
    showMarkdown(`**The derivation** (your ${names} passes all ${mine.length} of its checks):\n\n${derivation}`);
  } else {
    const todo =
      failing.length > 0
        ? failing.map((t) => `- ${t.name}`).join("\n")
        : `- (${results.status}) ${results.reason ?? ""}`;
    showMarkdown(
      `*The derivation is shown here once your ${names} in exercises/${module}.ts passes its checks. ` +
        `Finish the exercise, save, and re-run this cell. Still to pass:*\n\n${todo}`,
    );
  }
  return done;
}
