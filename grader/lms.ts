/**
 * The LMS gradebooks of a graded batch, written again: `npm run lms -- --out OUT --assignment NAME [--roster FILE]
 * [--extensions FILE] [--submitted FILE]`.
 *
 * Reads the results `npm run grade -- --assignment NAME --out OUT` left in OUT and writes OUT/gradebook.csv,
 * OUT/canvas-NAME.csv and OUT/moodle-NAME.csv (lms/gradebooks.ts): for a roster, an extension or a submission time
 * that came after grading, without grading again.
 */
import * as fs from "fs";
import * as path from "path";
import { assignmentOf, CourseError, readCourse } from "./course/course";
import { CsvError } from "./report/csv";
import { readResults } from "./report/gradebook";
import { unmatched, writeGradebooks } from "./lms/gradebooks";
import { readExtensions, readRoster, readSubmissionTimes } from "./lms/roster";
import { parseCommandLine, UsageError } from "../lib/cli";

const USAGE =
  "usage: npm run lms -- --out OUT --assignment NAME [--roster FILE] [--extensions FILE] [--submitted FILE]";
const projectRoot = path.resolve(__dirname, "..");

/** Writes the gradebooks the command line asks for; returns the files written. */
export function main(argv: string[]): string[] {
  const value = { type: "string" } as const;
  const { values } = parseCommandLine(
    {
      args: argv,
      options: { out: value, assignment: value, roster: value, extensions: value, submitted: value },
    },
    USAGE,
  );
  if (!values.out || !values.assignment) throw new UsageError(`--out and --assignment are required\n${USAGE}`);
  const out = path.resolve(values.out);
  const course = readCourse(projectRoot);
  const assignment = assignmentOf(course, values.assignment);
  let recorded: string | null | undefined;
  try {
    recorded = (JSON.parse(fs.readFileSync(path.join(out, "batch.json"), "utf8")) as { assignment: string | null })
      .assignment;
  } catch {
    throw new UsageError(
      `--out ${out} holds no graded batch: run npm run grade -- --assignment ${assignment.name} first`,
    );
  }
  if (recorded !== assignment.name) {
    const was = recorded === null ? "the whole course (no --assignment)" : `assignment ${recorded}`;
    throw new UsageError(`--out ${out} holds the results of ${was}, not of assignment ${assignment.name}`);
  }
  const students = fs
    .readdirSync(out, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && readResults(out, e.name) !== null)
    .map((e) => e.name);
  const roster = values.roster === undefined ? undefined : readRoster(path.resolve(values.roster));
  const { files, rows } = writeGradebooks(out, students, {
    course,
    assignment,
    roster,
    extensions:
      values.extensions === undefined ? undefined : readExtensions(path.resolve(values.extensions), assignment.name),
    times: values.submitted === undefined ? undefined : readSubmissionTimes(path.resolve(values.submitted)),
  });
  process.stderr.write(`${rows.length} student(s) in ${files.join(", ")}\n`);
  const missing = unmatched(rows, roster);
  if (missing.length > 0) process.stderr.write(`not in the roster (named by folder): ${missing.join(", ")}\n`);
  if (roster) {
    const absent = [...roster.keys()].filter((f) => !students.includes(f));
    if (absent.length > 0) process.stderr.write(`in the roster without a graded submission: ${absent.join(", ")}\n`);
  }
  return files;
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    const expected = e instanceof UsageError || e instanceof CourseError || e instanceof CsvError;
    process.stderr.write(`lms: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(expected ? 2 : 1);
  }
}
