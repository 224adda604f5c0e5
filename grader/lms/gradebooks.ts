/**
 * The gradebooks of a batch: gradebook.csv (everything, for the course team) and, for an assignment, files that
 * Canvas and Moodle import as they are. Each row has the raw score, the per-module subtotals, the submission time,
 * the due date that applies (with an extension), the days late, the penalty and the final score: a late penalty is
 * always shown beside the score it was taken from. Lateness is computed only from submission times the instructor
 * gave (--submitted); the files' own times are shown, never charged.
 *
 * Canvas (Grades → Import, "Import a CSV file"): the columns Student, ID, SIS User ID, SIS Login ID, Section, then
 * one column per assignment, a "Points Possible" line under the header. A column with a new name becomes a new
 * assignment: the per-module subtotal columns can be imported as their own (unweighted) assignments or ignored in
 * Canvas's import preview. Moodle (Grades → Import → CSV file): any columns; "Identify user by" maps one of
 * Username, ID number or Email address, and each grade column and Feedback are mapped to the grade item.
 *
 * @example
 * writeGradebooks("out", ["alice", "bob"], { course, assignment: course.assignments[0] });
 * // ["out/gradebook.csv", "out/canvas-a1.csv", "out/moodle-a1.csv"]
 */
import * as path from "path";
import type { Assignment, Course } from "../course/course";
import { latePolicyOf } from "../course/course";
import { csvLine } from "../report/csv";
import { readResults, readSubmission, SubmissionInfo, writeAtomic } from "../report/gradebook";
import { afterPenalty, lateness, Lateness } from "../report/late";
import { groupByModule } from "../results/by-module";
import type { GradeResults } from "../results/types";
import type { RosterEntry } from "./roster";

/** What a gradebook is built from. */
export interface GradebookOptions {
  course?: Course;
  /** The assignment graded; without it there is no due date, no late policy and no LMS file. */
  assignment?: Assignment;
  /** Folder name → LMS identities. */
  roster?: Map<string, RosterEntry>;
  /** Student → extra days for this assignment. */
  extensions?: Map<string, number>;
  /** Student → submission time (ISO), instead of the time recorded when grading. */
  times?: Map<string, string>;
}

/** One student's line of every gradebook. */
export interface GradebookRow {
  student: string;
  results: GradeResults;
  /** Module → points and maximum. */
  modules: Map<string, { score: number; max: number }>;
  submitted: SubmissionInfo | null;
  extensionDays: number;
  late: Lateness | null;
  /** The score after the late penalty. */
  final: number;
  /** The final score on the assignment's LMS scale (its points), or null without an assignment. */
  lms: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Where a submission time that the late policy may use comes from: the instructor's --submitted file. */
export const TIMES_FILE = "times file";

/** The rows of the students in `out` that have results, sorted by student. */
export function gradebookRows(out: string, students: string[], opts: GradebookOptions): GradebookRow[] {
  const rows: GradebookRow[] = [];
  for (const student of [...students].sort((a, b) => a.localeCompare(b))) {
    const results = readResults(out, student);
    if (!results) continue;
    const modules = new Map(groupByModule(results.tests).map((g) => [g.module, { score: g.score, max: g.max }]));
    const recorded = readSubmission(out, student);
    const given = opts.times?.get(student);
    const submitted = given ? { submitted: given, from: TIMES_FILE } : recorded;
    const extensionDays = opts.extensions?.get(student) ?? 0;
    const a = opts.assignment;
    const policy = a && opts.course ? latePolicyOf(opts.course, a) : null;
    // Only an instructor's times count: a file's time is when it was copied or downloaded, not when it was handed in.
    const known = submitted?.from === TIMES_FILE ? submitted : null;
    const late = a && known ? lateness({ submitted: known.submitted, due: a.due, extensionDays, policy }) : null;
    const final = afterPenalty(results.score, late?.penaltyPercent ?? 0);
    const lms = a ? (results.max_score > 0 ? round2((final / results.max_score) * a.points) : 0) : null;
    rows.push({ student, results, modules, submitted, extensionDays, late, final, lms });
  }
  return rows;
}

/** The modules that columns are made for: the assignment's, else every module some row has. */
function moduleColumns(rows: GradebookRow[], assignment?: Assignment): string[] {
  if (assignment) return assignment.modules;
  return [...new Set(rows.flatMap((r) => [...r.modules.keys()]))];
}

/** gradebook.csv: one row per student, every number the grade was made from. */
export function gradebookCsv(rows: GradebookRow[], assignment?: Assignment): string {
  const modules = moduleColumns(rows, assignment);
  const header = [
    "student",
    "status",
    "score",
    "max_score",
    ...modules,
    "submitted",
    "submitted_from",
    "due",
    "extension_days",
    "days_late",
    "late_penalty_percent",
    "final_score",
    "points",
    "lms_score",
    "reason",
  ];
  const lines = [csvLine(header)];
  for (const r of rows) {
    lines.push(
      csvLine([
        r.student,
        r.results.status,
        r.results.score,
        r.results.max_score,
        ...modules.map((m) => r.modules.get(m)?.score ?? ""),
        r.submitted?.submitted ?? "",
        r.submitted?.from ?? "",
        r.late?.due ?? "",
        assignment ? r.extensionDays : "",
        r.late?.daysLate ?? "",
        r.late?.penaltyPercent ?? "",
        r.final,
        assignment?.points ?? "",
        r.lms ?? "",
        r.results.reason ?? "",
      ]),
    );
  }
  return lines.join("\n") + "\n";
}

/** The header of a per-module subtotal column in the LMS files. */
export const moduleColumn = (a: Assignment, module: string): string => `${a.title}: ${module}`;

/** The most points each module column can have (from the rows; 0 when no row has the module). */
function moduleMax(rows: GradebookRow[], module: string): number {
  return Math.max(0, ...rows.map((r) => r.modules.get(module)?.max ?? 0));
}

/** Students without a roster entry: the LMS files name them by folder (as login), and the caller says so. */
export function unmatched(rows: GradebookRow[], roster?: Map<string, RosterEntry>): string[] {
  return roster ? rows.filter((r) => !roster.has(r.student)).map((r) => r.student) : [];
}

/** Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment's columns. */
export function canvasCsv(rows: GradebookRow[], a: Assignment, roster?: Map<string, RosterEntry>): string {
  const header = [
    "Student",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Section",
    a.title,
    ...a.modules.map((m) => moduleColumn(a, m)),
  ];
  const possible = ["Points Possible", "", "", "", "", a.points, ...a.modules.map((m) => moduleMax(rows, m))];
  const lines = [csvLine(header), csvLine(possible)];
  for (const r of rows) {
    const who = roster?.get(r.student);
    lines.push(
      csvLine([
        who?.name || r.student,
        who?.lmsId ?? "",
        who?.sisUserId ?? "",
        who ? who.login : r.student,
        who?.section ?? "",
        r.lms ?? "",
        ...a.modules.map((m) => r.modules.get(m)?.score ?? ""),
      ]),
    );
  }
  return lines.join("\n") + "\n";
}

/** The feedback text of a row: subtotals, and the late penalty when there is one. */
export function feedbackText(r: GradebookRow, a: Assignment): string {
  const parts = a.modules.map((m) => {
    const g = r.modules.get(m);
    return g ? `${m} ${g.score}/${g.max}` : `${m} not graded`;
  });
  let text = `Tests: ${r.results.score}/${r.results.max_score} points (${parts.join(", ")}).`;
  if (r.late && r.late.daysLate > 0) {
    text += ` Submitted ${r.late.daysLate} day(s) late: −${r.late.penaltyPercent} %, ${r.final}/${r.results.max_score}.`;
  }
  if (r.results.status !== "graded") text += ` ${r.results.status}: ${r.results.reason ?? ""}`;
  return `${text} Scaled to ${a.points}: ${r.lms}.`;
}

/** Moodle's CSV grade import: identity columns, the assignment's grade, the subtotals and a feedback text. */
export function moodleCsv(rows: GradebookRow[], a: Assignment, roster?: Map<string, RosterEntry>): string {
  const header = [
    "Username",
    "ID number",
    "Email address",
    a.title,
    ...a.modules.map((m) => moduleColumn(a, m)),
    "Feedback",
  ];
  const lines = [csvLine(header)];
  for (const r of rows) {
    const who = roster?.get(r.student);
    lines.push(
      csvLine([
        who ? who.login : r.student,
        who?.sisUserId ?? "",
        who?.email ?? "",
        r.lms ?? "",
        ...a.modules.map((m) => r.modules.get(m)?.score ?? ""),
        feedbackText(r, a),
      ]),
    );
  }
  return lines.join("\n") + "\n";
}

/** Writes gradebook.csv and, for an assignment, canvas-<name>.csv and moodle-<name>.csv into `out`; returns them. */
export function writeGradebooks(
  out: string,
  students: string[],
  opts: GradebookOptions,
): { files: string[]; rows: GradebookRow[] } {
  const rows = gradebookRows(out, students, opts);
  const files = [path.join(out, "gradebook.csv")];
  writeAtomic(files[0], gradebookCsv(rows, opts.assignment));
  const a = opts.assignment;
  if (a) {
    const canvas = path.join(out, `canvas-${a.name}.csv`);
    const moodle = path.join(out, `moodle-${a.name}.csv`);
    writeAtomic(canvas, canvasCsv(rows, a, opts.roster));
    writeAtomic(moodle, moodleCsv(rows, a, opts.roster));
    files.push(canvas, moodle);
  }
  return { files, rows };
}
