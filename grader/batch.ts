/**
 * Batch grading: `npm run grade -- --submissions DIR --out OUT [--assignment NAME] [--only STUDENT …] [--jobs N]
 * [--timeout-per-test MS] [--timeout-total MS] [--submitted FILE] [--extensions FILE] [--roster FILE]`.
 *
 * Each entry of DIR is one student's submission, a folder or a .zip, named after the student. For each one this
 * writes OUT/<student>/results.json (Gradescope's format), OUT/<student>/feedback.html and OUT/<student>/submission.json
 * (when it was submitted), then the gradebooks (../lms/gradebooks.ts): OUT/gradebook.csv with one row per student
 * and, with --assignment, canvas-NAME.csv and moodle-NAME.csv with the late policy of course.json applied; and the
 * similarity report OUT/similarity/ (./similarity/), evidence for a person to look at, never a grade.
 *
 * --assignment NAME grades only that assignment's modules (course.json). Submissions are graded in parallel (one
 * per core by default); a submission that already has its results in OUT is skipped, so a stopped batch continues
 * where it was. --only STUDENT (repeatable) grades those students again, whatever OUT holds; their earlier files
 * are kept in OUT/<student>/earlier/<time>/. Whatever a submission does, the batch goes on and the submission gets
 * a row with its status and reason. Each test has its own time limit (--timeout-per-test, default 10 s) and each
 * submission a time budget (--timeout-total, default 5 minutes).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Assignment, assignmentOf, Course, CourseError, readCourse } from "./course/course";
import { feedbackHtml } from "./report/feedback-html";
import { GradeResults, gradeSubmission, ungraded } from "./engine/grade";
import { Progress } from "./report/progress";
import { isFinished, resultsFile, SubmissionInfo, submissionFile, writeAtomic } from "./report/gradebook";
import { CsvError } from "./report/csv";
import { extractZip, ZipError } from "./report/zip";
import { TIMES_FILE, unmatched, writeGradebooks } from "./lms/gradebooks";
import { readExtensions, readRoster, readSubmissionTimes, RosterEntry } from "./lms/roster";
import { similarityReport } from "./similarity/report";
import { parseCommandLine, UsageError } from "../lib/cli";

const USAGE =
  "usage: npm run grade -- --submissions DIR --out OUT [--assignment NAME] [--only STUDENT …] [--jobs N] " +
  "[--timeout-per-test MS] [--timeout-total MS] [--submitted FILE] [--extensions FILE] [--roster FILE]";

const projectRoot = path.resolve(__dirname, "..");

interface Options {
  submissions: string;
  out: string;
  jobs: number;
  timeoutMsPerTest?: number;
  timeoutMsTotal?: number;
  course?: Course;
  assignment?: Assignment;
  only: string[];
  times?: Map<string, string>;
  extensions?: Map<string, number>;
  roster?: Map<string, RosterEntry>;
}

function parseArgs(argv: string[]): Options {
  const value = { type: "string" } as const;
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        submissions: value,
        out: value,
        jobs: value,
        "timeout-per-test": value,
        "timeout-total": value,
        assignment: value,
        only: { type: "string", multiple: true },
        submitted: value,
        extensions: value,
        roster: value,
      },
    },
    USAGE,
  );
  const { submissions, out } = values;
  if (!submissions || !out) throw new UsageError(`--submissions and --out are required\n${USAGE}`);
  if (values.extensions && !values.assignment) {
    throw new UsageError("--extensions needs --assignment: an extension moves an assignment's due date");
  }
  let course: Course | undefined;
  let assignment: Assignment | undefined;
  if (values.assignment !== undefined) {
    course = readCourse(projectRoot);
    assignment = assignmentOf(course, values.assignment);
  }
  const file = (key: "submitted" | "extensions" | "roster"): string | undefined => {
    const given = values[key];
    return given === undefined ? undefined : path.resolve(given);
  };
  const times = file("submitted");
  const extensions = file("extensions");
  const roster = file("roster");
  const number = (key: "jobs" | "timeout-per-test" | "timeout-total"): number | undefined => {
    const given = values[key];
    if (given === undefined) return undefined;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${key} must be a whole number ≥ 1, got ${given}`);
    return n;
  };
  return {
    submissions: path.resolve(submissions),
    out: path.resolve(out),
    jobs: number("jobs") ?? os.availableParallelism(),
    timeoutMsPerTest: number("timeout-per-test"),
    timeoutMsTotal: number("timeout-total"),
    course,
    assignment,
    only: (values.only ?? []).flatMap((o) => o.split(",")).filter((o) => o !== ""),
    times: times === undefined ? undefined : readSubmissionTimes(times),
    extensions: extensions === undefined || !assignment ? undefined : readExtensions(extensions, assignment.name),
    roster: roster === undefined ? undefined : readRoster(roster),
  };
}

/** One submission: the student id and where it is. */
interface Entry {
  student: string;
  file: string;
}

function listEntries(dir: string): Entry[] {
  if (!fs.existsSync(dir)) throw new UsageError(`--submissions ${dir}: no such folder`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`--submissions ${dir}: not a folder`);
  const entries = fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith("."))
    .sort()
    .map((n) => ({ student: n.replace(/\.zip$/i, ""), file: path.join(dir, n) }));
  if (entries.length === 0) {
    throw new UsageError(`--submissions ${dir} is empty: put one folder or .zip per student in it`);
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.student)) throw new UsageError(`two submissions for ${e.student} (a folder and a .zip?): keep one`);
    seen.add(e.student);
  }
  return entries;
}

/** Grades one entry; never throws. */
async function gradeEntry(entry: Entry, opts: Options): Promise<GradeResults> {
  const started = Date.now();
  let tmp: string | undefined;
  try {
    let dir = entry.file;
    const st = fs.lstatSync(entry.file);
    if (st.isFile() && /\.zip$/i.test(entry.file)) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nn-submission-"));
      try {
        await extractZip(entry.file, tmp);
      } catch (e) {
        if (e instanceof ZipError)
          return ungraded("bad-submission", `${path.basename(entry.file)}: ${e.message}`, started);
        throw e;
      }
      dir = tmp;
    } else if (!st.isDirectory()) {
      return ungraded("bad-submission", `${path.basename(entry.file)} is neither a folder nor a .zip file`, started);
    }
    return await gradeSubmission({
      exercisesDir: dir,
      visibility: "all",
      modules: opts.assignment?.modules,
      timeoutMsPerTest: opts.timeoutMsPerTest,
      timeoutMsTotal: opts.timeoutMsTotal,
      // The library compiled once and one warm type checker for the batch; NN_GRADE_WARM=0 (the bench's
      // comparison) compiles and type-checks in each submission's own test process instead.
      warm: process.env.NN_GRADE_WARM !== "0",
    });
  } catch (e) {
    return ungraded("grader-error", `grading failed: ${e instanceof Error ? e.message : String(e)}`, started);
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The newest modification time of the files of an entry (a folder's files, or the .zip itself), ISO 8601. */
function fileTime(file: string): string {
  let newest = 0;
  const visit = (p: string): void => {
    const st = fs.lstatSync(p);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) visit(path.join(p, n));
    else if (st.isFile()) newest = Math.max(newest, st.mtimeMs);
  };
  visit(file);
  return new Date(newest || fs.lstatSync(file).mtimeMs).toISOString();
}

/** Moves a student's earlier results into OUT/<student>/earlier/<time>/, so that a regrade keeps them. */
function keepEarlier(out: string, student: string): string | null {
  const dir = path.join(out, student);
  const files = ["results.json", "feedback.html", "submission.json"].filter((f) => fs.existsSync(path.join(dir, f)));
  if (files.length === 0) return null;
  const earlier = path.join(dir, "earlier", new Date().toISOString().replace(/:/g, "-"));
  fs.mkdirSync(earlier, { recursive: true });
  for (const f of files) fs.renameSync(path.join(dir, f), path.join(earlier, f));
  return earlier;
}

/** OUT's record of which assignment it grades: one OUT folder holds one assignment's results. */
function checkOutFolder(out: string, assignment: string | null): void {
  const file = path.join(out, "batch.json");
  let recorded: string | null | undefined;
  try {
    recorded = (JSON.parse(fs.readFileSync(file, "utf8")) as { assignment: string | null }).assignment;
  } catch {
    recorded = undefined;
  }
  if (recorded !== undefined && recorded !== assignment) {
    const was = recorded === null ? "the whole course" : `assignment ${recorded}`;
    const now = assignment === null ? "the whole course" : `assignment ${assignment}`;
    throw new UsageError(`--out ${out} holds the results of ${was}, not ${now}: choose another --out folder`);
  }
  if (recorded === undefined) writeAtomic(file, JSON.stringify({ assignment }) + "\n");
}

/** Runs the batch described by the command-line arguments. */
export async function main(argv: string[]): Promise<void> {
  const opts = parseArgs(argv);
  const entries = listEntries(opts.submissions);
  const unknown = opts.only.filter((s) => !entries.some((e) => e.student === s));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only ${unknown.join(", ")}: no such submission in ${opts.submissions} (the students are the names of its folders and .zip files)`,
    );
  }
  fs.mkdirSync(opts.out, { recursive: true });
  checkOutFolder(opts.out, opts.assignment?.name ?? null);
  let todo: Entry[];
  if (opts.only.length > 0) {
    todo = entries.filter((e) => opts.only.includes(e.student));
    for (const e of todo) {
      const kept = keepEarlier(opts.out, e.student);
      if (kept) process.stderr.write(`${e.student}: earlier results kept in ${kept}\n`);
    }
  } else {
    todo = entries.filter((e) => !isFinished(opts.out, e.student));
    const skipped = entries.length - todo.length;
    if (skipped > 0) process.stderr.write(`${skipped} submission(s) already graded in ${opts.out}: skipped\n`);
  }
  const progress = new Progress(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const entry = todo[next++];
      const given = opts.times?.get(entry.student);
      const submission: SubmissionInfo = given
        ? { submitted: given, from: TIMES_FILE }
        : { submitted: fileTime(entry.file), from: "file times" };
      const results = await gradeEntry(entry, opts);
      writeAtomic(submissionFile(opts.out, entry.student), JSON.stringify(submission, null, 2) + "\n");
      // feedback.html first: results.json is what marks the submission as finished.
      writeAtomic(path.join(opts.out, entry.student, "feedback.html"), feedbackHtml(entry.student, results));
      writeAtomic(resultsFile(opts.out, entry.student), JSON.stringify(results, null, 2) + "\n");
      progress.tick(`${entry.student}: ${results.score}/${results.max_score} (${results.status})`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, Math.max(1, todo.length)) }, worker));
  progress.done();
  const students = entries.map((e) => e.student);
  const { files, rows } = writeGradebooks(opts.out, students, opts);
  process.stderr.write(`${rows.length} student(s) in ${files.join(", ")}\n`);
  const late = rows.filter((r) => r.late && r.late.penaltyPercent > 0);
  if (late.length > 0) {
    process.stderr.write(`late penalty applied in the gradebooks: ${late.map((r) => r.student).join(", ")}\n`);
  }
  const noRoster = unmatched(rows, opts.roster);
  if (noRoster.length > 0) {
    process.stderr.write(`not in the roster (named by folder in the LMS files): ${noRoster.join(", ")}\n`);
  }
  if (opts.assignment && !opts.times) {
    process.stderr.write(
      "no --submitted: the late policy is not applied (the files' times are in the gradebook, but they say when " +
        "a file was copied, not when it was handed in)\n",
    );
  }
  if (opts.assignment && !opts.roster) {
    process.stderr.write("no --roster: the LMS files name students by folder, as their login\n");
  }
  try {
    const report = await similarityReport({
      submissions: entries,
      out: path.join(opts.out, "similarity"),
      modules: opts.assignment?.modules,
      projectRoot,
    });
    process.stderr.write(`${report.summary}\n`);
  } catch (e) {
    // The grades are written; a report that could not be made is said, not a failed batch.
    process.stderr.write(`no similarity report: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    if (e instanceof UsageError || e instanceof CourseError || e instanceof CsvError) {
      process.stderr.write(`grade: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`grade: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
