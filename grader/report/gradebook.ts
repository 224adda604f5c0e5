/**
 * Writing results so that a crash or a kill never leaves a half-written file: each file is written to a temporary
 * name in the same folder and renamed into place (a rename within a folder is atomic).
 *
 * @example
 * writeAtomic("out/alice/results.json", JSON.stringify(results));
 * isFinished("out", "alice"); // true
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

/** Whether `student` already has complete results in `out` (results.json and feedback.html). */
export function isFinished(out: string, student: string): boolean {
  return readResults(out, student) !== null && fs.existsSync(path.join(out, student, "feedback.html"));
}

/** One CSV field, quoted when needed (and guarded against spreadsheet formulas). */
function csvField(v: string | number): string {
  let s = String(v).replace(/\r?\n/g, " ");
  if (/^[=+\-@]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The gradebook: one row per student (student, score, max_score, status, reason), sorted by student. */
export function gradebookCsv(rows: { student: string; results: GradeResults }[]): string {
  const lines = ["student,score,max_score,status,reason"];
  for (const { student, results } of [...rows].sort((a, b) => a.student.localeCompare(b.student))) {
    const r = results;
    lines.push([student, r.score, r.max_score, r.status, r.reason ?? ""].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}
