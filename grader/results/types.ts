/**
 * The results format: what grading one submission gives (Gradescope's results.json, with two extra fields). The
 * engine fills it, the reports read it, and the notebook-facing check() (lib/check.ts) returns it. Types only, on
 * their own, so that the notebook kernel's type checker does not load the grading engine for every notebook.
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
