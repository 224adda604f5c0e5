/**
 * Batch grading: `npm run grade -- --submissions DIR --out OUT [--jobs N] [--timeout-per-test MS] [--timeout-total MS]`.
 *
 * Each entry of DIR is one student's submission, a folder or a .zip, named after the student. For each one this
 * writes OUT/<student>/results.json (Gradescope's format) and OUT/<student>/feedback.html, then OUT/gradebook.csv
 * with one row per student. Submissions are graded in parallel (one per core by default); a submission that already
 * has its results in OUT is skipped, so a stopped batch continues where it was. Whatever a submission does, the
 * batch goes on and the submission gets a row with its status and reason. Each test has its own time limit
 * (--timeout-per-test, default 10 s) and each submission a time budget (--timeout-total, default 5 minutes).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { feedbackHtml } from "./report/feedback-html";
import { GradeResults, gradeSubmission, ungraded } from "./engine/grade";
import { Progress } from "./report/progress";
import { gradebookCsv, isFinished, readResults, resultsFile, writeAtomic } from "./report/gradebook";
import { extractZip, ZipError } from "./report/zip";
import { parseCommandLine, UsageError } from "../lib/cli";

const USAGE =
  "usage: npm run grade -- --submissions DIR --out OUT [--jobs N] [--timeout-per-test MS] [--timeout-total MS]";

interface Options {
  submissions: string;
  out: string;
  jobs: number;
  timeoutMsPerTest?: number;
  timeoutMsTotal?: number;
}

function parseArgs(argv: string[]): Options {
  const value = { type: "string" } as const;
  const { values } = parseCommandLine(
    {
      args: argv,
      options: { submissions: value, out: value, jobs: value, "timeout-per-test": value, "timeout-total": value },
    },
    USAGE,
  );
  const { submissions, out } = values;
  if (!submissions || !out) throw new UsageError(`--submissions and --out are required\n${USAGE}`);
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
      timeoutMsPerTest: opts.timeoutMsPerTest,
      timeoutMsTotal: opts.timeoutMsTotal,
    });
  } catch (e) {
    return ungraded("grader-error", `grading failed: ${e instanceof Error ? e.message : String(e)}`, started);
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs the batch described by the command-line arguments. */
export async function main(argv: string[]): Promise<void> {
  const opts = parseArgs(argv);
  const entries = listEntries(opts.submissions);
  fs.mkdirSync(opts.out, { recursive: true });
  const todo = entries.filter((e) => !isFinished(opts.out, e.student));
  const skipped = entries.length - todo.length;
  if (skipped > 0) process.stderr.write(`${skipped} submission(s) already graded in ${opts.out}: skipped\n`);
  const progress = new Progress(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const entry = todo[next++];
      const results = await gradeEntry(entry, opts);
      // feedback.html first: results.json is what marks the submission as finished.
      writeAtomic(path.join(opts.out, entry.student, "feedback.html"), feedbackHtml(entry.student, results));
      writeAtomic(resultsFile(opts.out, entry.student), JSON.stringify(results, null, 2) + "\n");
      progress.tick(`${entry.student}: ${results.score}/${results.max_score} (${results.status})`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, Math.max(1, todo.length)) }, worker));
  progress.done();
  const rows = entries.flatMap((e) => {
    const results = readResults(opts.out, e.student);
    return results ? [{ student: e.student, results }] : [];
  });
  writeAtomic(path.join(opts.out, "gradebook.csv"), gradebookCsv(rows));
  process.stderr.write(`${rows.length} student(s) in ${path.join(opts.out, "gradebook.csv")}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`grade: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`grade: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
