/**
 * Writing results so that a crash or a kill never leaves a half-written file: each file is written to a temporary
 * name in the same folder and renamed into place (a rename within a folder is atomic).
 *
 * @example
 * writeAtomic("out/alice/results.json", JSON.stringify(results));
 * isFinished("out", "alice"); // true
 *
 * The gradebooks themselves (gradebook.csv, Canvas, Moodle) are written by ../lms/.
 */
import * as fs from "fs";
import * as path from "path";
import type { GradeResults } from "../results/types";

/** Writes `text` to `file` atomically (temporary file + rename). */
export function writeAtomic(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** The results file of `student` in `out`. */
export function resultsFile(out: string, student: string): string {
  return path.join(out, student, "results.json");
}

/** A student's saved results, or null when there are none (or they cannot be read). */
export function readResults(out: string, student: string): GradeResults | null {
  try {
    const r = JSON.parse(fs.readFileSync(resultsFile(out, student), "utf8")) as GradeResults;
    return typeof r.score === "number" && Array.isArray(r.tests) ? r : null;
  } catch {
    return null;
  }
}

/** Where a student's submission time is kept: when it was submitted, and where that time came from. */
export interface SubmissionInfo {
  /** ISO 8601. */
  submitted: string;
  /** "times file" (the instructor's --submitted file) or "file times" (the newest file of the submission). */
  from: string;
}

/** The submission record of `student` in `out`. */
export function submissionFile(out: string, student: string): string {
  return path.join(out, student, "submission.json");
}

/** A student's saved submission record, or null. */
export function readSubmission(out: string, student: string): SubmissionInfo | null {
  try {
    const s = JSON.parse(fs.readFileSync(submissionFile(out, student), "utf8")) as SubmissionInfo;
    return typeof s.submitted === "string" && !Number.isNaN(Date.parse(s.submitted)) ? s : null;
  } catch {
    return null;
  }
}

/** Whether `student` already has complete results in `out` (results.json and feedback.html). */
export function isFinished(out: string, student: string): boolean {
  return readResults(out, student) !== null && fs.existsSync(path.join(out, student, "feedback.html"));
}
