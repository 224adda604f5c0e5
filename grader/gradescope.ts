/**
 * Builds the Gradescope autograder: `npm run gradescope -- --out autograder.zip [--assignment NAME]`.
 *
 * With --assignment (course.json), the autograder grades that assignment's modules only: the zip holds only their
 * stubs and graded tests, and gradescope/assignment.json names them, so that a submission of one assignment is not
 * reported as missing the others. Without it, the whole course.
 *
 * The zip holds setup.sh and run_autograder (from grader/gradescope/) at its root, and the files grading needs:
 * package.json and package-lock.json (setup.sh installs exactly those packages), tsconfig.json, lib/, exercises/,
 * grader/ and the graded tests (test/graded/, test/hidden/). The reference solutions are not included.
 * Gradescope unpacks it to /autograder/source, runs setup.sh once, then run_autograder per submission.
 */
import * as fs from "fs";
import * as path from "path";
import { writeAtomic } from "./report/gradebook";
import { writeZip, ZipEntry } from "./report/zip";
import { Assignment, assignmentOf, CourseError, readCourse } from "./course/course";
import { parseCommandLine, UsageError } from "../lib/cli";

const projectRoot = path.resolve(__dirname, "..");
const FILES = ["package.json", "package-lock.json", "tsconfig.json", "course.json"];
const FOLDERS = ["lib", "exercises", "grader", "test/graded", "test/hidden"];

/** Whether an assignment's autograder leaves `rel` out: another assignment's stub or graded test. */
function otherAssignment(rel: string, a: Assignment | undefined): boolean {
  if (!a) return false;
  const m = /^(?:exercises\/([^/]+)\.ts|test\/(?:graded|hidden)\/([^/]+)\.test\.ts)$/.exec(rel);
  const module = m?.[1] ?? m?.[2];
  return module !== undefined && !a.modules.includes(module);
}

function collect(rel: string, out: ZipEntry[], a: Assignment | undefined): void {
  const abs = path.join(projectRoot, rel);
  if (!fs.existsSync(abs)) return;
  const st = fs.lstatSync(abs);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(abs).sort()) collect(path.posix.join(rel, name), out, a);
  } else if (st.isFile()) {
    if (rel.startsWith("lib/") && rel.endsWith(".test.ts")) return; // the library's own unit tests are not needed
    if (rel === "grader/gradescope/assignment.json" || otherAssignment(rel, a)) return;
    out.push({ name: rel, data: fs.readFileSync(abs), mode: st.mode & 0o111 ? 0o755 : 0o644 });
  }
}

/** The autograder's files, in zip order (of one assignment when given). */
export function autograderEntries(assignment?: Assignment): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const script of ["setup.sh", "run_autograder"]) {
    entries.push({ name: script, data: fs.readFileSync(path.join(__dirname, "gradescope", script)), mode: 0o755 });
  }
  for (const f of [...FILES, ...FOLDERS]) collect(f, entries, assignment);
  if (assignment) {
    const data = Buffer.from(JSON.stringify({ assignment: assignment.name, modules: assignment.modules }) + "\n");
    entries.push({ name: "grader/gradescope/assignment.json", data, mode: 0o644 });
  }
  return entries;
}

const USAGE = "usage: npm run gradescope -- --out autograder.zip [--assignment NAME]";

async function main(argv: string[]): Promise<void> {
  const options = { out: { type: "string" }, assignment: { type: "string" } } as const;
  const { values } = parseCommandLine({ args: argv, options }, USAGE);
  if (!values.out) throw new UsageError(USAGE);
  const out = path.resolve(values.out);
  const assignment =
    values.assignment === undefined ? undefined : assignmentOf(readCourse(projectRoot), values.assignment);
  const entries = autograderEntries(assignment);
  writeAtomic(out, await writeZip(entries));
  const what = assignment ? `assignment ${assignment.name}: ${assignment.modules.join(", ")}` : "the whole course";
  process.stderr.write(
    `${out}: ${entries.length} files (setup.sh, run_autograder, engine, library, graded tests of ${what})\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError || e instanceof CourseError ? 2 : 1);
  });
}
