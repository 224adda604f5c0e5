/**
 * Builds the Gradescope autograder: `npm run gradescope -- --out autograder.zip`.
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
import { parseCommandLine, UsageError } from "../lib/cli";

const projectRoot = path.resolve(__dirname, "..");
const FILES = ["package.json", "package-lock.json", "tsconfig.json"];
const FOLDERS = ["lib", "exercises", "grader", "test/graded", "test/hidden"];

function collect(rel: string, out: ZipEntry[]): void {
  const abs = path.join(projectRoot, rel);
  if (!fs.existsSync(abs)) return;
  const st = fs.lstatSync(abs);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(abs).sort()) collect(path.posix.join(rel, name), out);
  } else if (st.isFile()) {
    if (rel.startsWith("lib/") && rel.endsWith(".test.ts")) return; // the library's own unit tests are not needed
    out.push({ name: rel, data: fs.readFileSync(abs), mode: st.mode & 0o111 ? 0o755 : 0o644 });
  }
}

/** The autograder's files, in zip order. */
export function autograderEntries(): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const script of ["setup.sh", "run_autograder"]) {
    entries.push({ name: script, data: fs.readFileSync(path.join(__dirname, "gradescope", script)), mode: 0o755 });
  }
  for (const f of [...FILES, ...FOLDERS]) collect(f, entries);
  return entries;
}

const USAGE = "usage: npm run gradescope -- --out autograder.zip";

async function main(argv: string[]): Promise<void> {
  const { values } = parseCommandLine({ args: argv, options: { out: { type: "string" } } }, USAGE);
  if (!values.out) throw new UsageError(USAGE);
  const out = path.resolve(values.out);
  const entries = autograderEntries();
  writeAtomic(out, await writeZip(entries));
  process.stderr.write(`${out}: ${entries.length} files (setup.sh, run_autograder, engine, library, graded tests)\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}
