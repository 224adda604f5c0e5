/**
 * The grader's result and option types, on their own: the notebook-facing check() (lib/check.ts) needs only these,
 * so the notebook kernel's type checker does not load the grading engine for every notebook.
 */

/** One graded test's result, in Gradescope's format. */
export interface TestResult {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
  /** Gradescope's test tags; the grader puts the test's exercise module here (e.g. ["losses"]). */
  tags?: string[];
}

/** How grading a submission ended; anything but "graded" comes with a `reason`. */
export type GradeStatus =
  | "graded"
  | "compile-error"
  | "import-error"
  | "timeout"
  | "crashed"
  | "no-exercises"
  | "bad-submission"
  | "grader-error";

/** A submission's results, in Gradescope's results.json format (`status` and `reason` are extra fields). */
export interface GradeResults {
  score: number;
  max_score: number;
  execution_time: number;
  tests: TestResult[];
  output?: string;
  status: GradeStatus;
  reason?: string;
  /**
   * Type errors of the checked file, as "losses.ts:86:3 message" lines (self-check only; the official grade lists
   * them in `output`).
   */
  typeErrors?: string[];
}

/** Options of selfCheck / check. */
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
