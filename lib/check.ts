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
import type { CheckOptions, GradeResults } from "../grader/types";

export type { CheckOptions };

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
