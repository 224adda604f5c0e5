/**
 * The temporary working copy a submission runs from: its exercise files and the course library, compiled to plain
 * JavaScript, laid out like the project so that `../lib/matrix` resolves the same way:
 *
 *   <tmp>/work/exercises/*.ts, *.js    the submission's files (regular files only: links are not followed)
 *   <tmp>/work/lib/**.ts, **.js        the course library (tests excluded)
 *   <tmp>/work/node_modules/nn-course  points at that lib copy
 *   <tmp>/work/.grader/*.js            the sandbox program
 *
 * Only this folder (and the runtime packages) is readable inside the sandbox; solutions/ and the tests are not here.
 *
 * @example
 * const copy = makeWorkingCopy("/subs/alice/exercises", projectRoot);
 * copy.syntaxErrors; // [] when every file compiles
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A prepared working copy. */
export interface WorkingCopy {
  /** The temporary folder to delete afterwards. */
  root: string;
  /** root/work: the sandbox's working directory and only readable project-like folder. */
  workDir: string;
  /** The compiled sandbox program. */
  childScript: string;
  /** The .ts files copied from the submission (names, e.g. "losses.ts"). */
  files: string[];
  /** Files skipped, with why (links, oversized files). */
  skipped: string[];
  /** Syntax errors that stop a file from compiling, as "losses.ts:3:7 ')' expected." lines. */
  syntaxErrors: string[];
}

const MAX_FILE_BYTES = 512 * 1024;
const MAX_FILES = 64;

/** esbuild's synchronous transform (installed with tsx, which runs the exercises in notebooks the same way). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = require("esbuild") as typeof import("esbuild");

/**
 * Compiles `source` to JavaScript next to `tsFile` the way tsx does (esbuild, types stripped, not checked), so code
 * that runs in the student's notebook runs here too. Returns the syntax errors (empty when it compiled); a file with
 * syntax errors gets no JavaScript.
 */
function compile(source: string, tsFile: string, name: string): string[] {
  try {
    const out = esbuild.transformSync(source, { loader: "ts", format: "cjs", target: "es2022", sourcefile: name });
    fs.writeFileSync(tsFile.replace(/\.ts$/, ".js"), out.code);
    return [];
  } catch (e) {
    const errors = (e as { errors?: { text: string; location: { line: number; column: number } | null }[] }).errors;
    if (!Array.isArray(errors)) return [`${name}: ${e instanceof Error ? e.message : String(e)}`];
    return errors.map((x) =>
      x.location ? `${name}:${x.location.line}:${x.location.column + 1} ${x.text}` : `${name}: ${x.text}`,
    );
  }
}

function copyLibrary(fromDir: string, toDir: string): void {
  fs.mkdirSync(toDir, { recursive: true });
  for (const entry of fs.readdirSync(fromDir, { withFileTypes: true })) {
    const from = path.join(fromDir, entry.name);
    const to = path.join(toDir, entry.name);
    if (entry.isDirectory()) copyLibrary(from, to);
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      const source = fs.readFileSync(from, "utf8");
      fs.writeFileSync(to, source);
      if (!entry.name.endsWith(".d.ts")) compile(source, to, entry.name);
    }
  }
}

function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755); // the sandbox may run as an unprivileged user
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) openUp(p);
    else if (!entry.isSymbolicLink()) fs.chmodSync(p, 0o644); // a link to the shared build is opened up there
  }
}

/** The folders of a working copy that a shared build provides (links to it instead of copies). */
const SHARED_PARTS = ["lib", "node_modules", ".grader"];

/**
 * The submission's files a working copy takes (names, e.g. "losses.ts") and those it skips, with why: only regular
 * .ts files (links are not followed), at most MAX_FILES of at most MAX_FILE_BYTES each.
 */
export function submissionFiles(exercisesDir: string): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const name of fs.readdirSync(exercisesDir).sort()) {
    if (!name.endsWith(".ts")) continue;
    const st = fs.lstatSync(path.join(exercisesDir, name));
    if (!st.isFile()) skipped.push(`${name}: not a regular file (links are not followed)`);
    else if (st.size > MAX_FILE_BYTES) skipped.push(`${name}: larger than ${MAX_FILE_BYTES / 1024} KB`);
    else if (files.length >= MAX_FILES) skipped.push(`${name}: more than ${MAX_FILES} files`);
    else files.push(name);
  }
  return { files, skipped };
}

/** The compiled part every working copy shares: the course library (lib/) and the sandbox program (.grader/). */
function buildShared(workDir: string, projectRoot: string): void {
  copyLibrary(path.join(projectRoot, "lib"), path.join(workDir, "lib"));
  const shim = path.join(workDir, "node_modules", "nn-course");
  fs.mkdirSync(shim, { recursive: true });
  fs.writeFileSync(path.join(shim, "package.json"), JSON.stringify({ name: "nn-course", main: "../../lib/index.js" }));
  const runtime = path.join(workDir, ".grader");
  fs.mkdirSync(runtime);
  for (const name of ["child.ts", "wire.ts"]) {
    compile(fs.readFileSync(path.join(__dirname, name), "utf8"), path.join(runtime, name), name);
  }
}

/** What the library's and the sandbox program's files are now (names, sizes, modification times), in one string. */
function sharedFingerprint(projectRoot: string): string {
  const parts: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile() && entry.name.endsWith(".ts")) {
        const st = fs.statSync(p);
        parts.push(`${p}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  visit(path.join(projectRoot, "lib"));
  for (const name of ["child.ts", "wire.ts"]) {
    const st = fs.statSync(path.join(__dirname, name));
    parts.push(`${name}:${st.size}:${st.mtimeMs}`);
  }
  return parts.join("\n");
}

/** A digest of every file under `dir` (names and contents): what a shared build holds. */
function contentDigest(dir: string): string {
  const hash = crypto.createHash("sha256");
  const visit = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, entry.name);
      hash.update(`${path.relative(dir, p)}\0${entry.isDirectory() ? "d" : entry.isFile() ? "f" : "other"}\0`);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile()) hash.update(fs.readFileSync(p));
    }
  };
  visit(dir);
  return hash.digest("hex");
}

const sharedBuilds = new Map<string, { dir: string; fingerprint: string; digest: string }>();

/**
 * The library and the sandbox program compiled once for many working copies (a batch): a private temporary folder,
 * removed when this process exits, built again when a file of lib/ or of the sandbox program changed. Pass it to
 * makeWorkingCopy, whose copy then links to its compiled library instead of compiling one.
 *
 * The sandboxes read it and can write nothing (Node's permission model grants reads only, files may not grow, and
 * when grading as root it belongs to root while the sandbox runs as nobody). On top of that, its contents are
 * checked against their digest at every call: a build that differs in any byte from what was compiled is thrown
 * away and built again, so nothing one submission could leave in it reaches the next.
 *
 * @example
 * const shared = sharedBuild(projectRoot); // at each submission: built once, then checked
 * const copy = makeWorkingCopy(submissionDir, projectRoot, shared);
 */
export function sharedBuild(projectRoot: string): string {
  const fingerprint = sharedFingerprint(projectRoot);
  const known = sharedBuilds.get(projectRoot);
  if (known && known.fingerprint === fingerprint && fs.existsSync(known.dir)) {
    if (contentDigest(known.dir) === known.digest) return known.dir;
  }
  if (known) fs.rmSync(known.dir, { recursive: true, force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-grade-shared-"));
  if (sharedBuilds.size === 0) {
    process.once("exit", () => {
      for (const b of sharedBuilds.values()) fs.rmSync(b.dir, { recursive: true, force: true });
    });
  }
  buildShared(dir, projectRoot);
  openUp(dir);
  sharedBuilds.set(projectRoot, { dir, fingerprint, digest: contentDigest(dir) });
  return dir;
}

/**
 * Copies the submission's exercise files from `exercisesDir` and the course library into a fresh working copy.
 * With `shared` (a folder from sharedBuild) the copy's lib/, node_modules/ and .grader/ are links to that build
 * (which the sandbox must then be allowed to read: sandboxCommand's `shared`); without, they are compiled here.
 */
export function makeWorkingCopy(exercisesDir: string, projectRoot: string, shared?: string): WorkingCopy {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "nn-grade-"));
  const workDir = path.join(root, "work");
  const exDir = path.join(workDir, "exercises");
  fs.mkdirSync(exDir, { recursive: true });
  const { files, skipped } = submissionFiles(exercisesDir);
  const syntaxErrors: string[] = [];
  for (const name of files) {
    const source = fs.readFileSync(path.join(exercisesDir, name), "utf8");
    const to = path.join(exDir, name);
    fs.writeFileSync(to, source);
    if (!name.endsWith(".d.ts")) syntaxErrors.push(...compile(source, to, name));
  }
  if (shared === undefined) buildShared(workDir, projectRoot);
  else for (const part of SHARED_PARTS) fs.symlinkSync(path.join(shared, part), path.join(workDir, part), "dir");
  const runtime = path.join(workDir, ".grader");
  openUp(root);
  return { root, workDir, childScript: path.join(runtime, "child.js"), files, skipped, syntaxErrors };
}
