/**
 * The student edition: `npm run release -- --out DIR [--force]` writes what students get — notebooks (without
 * outputs), the course library, the generated exercise stubs, the public graded tests, the grading engine that
 * `check()` uses, the kernel and tools, configs, package.json + package-lock.json and a README for students.
 *
 * Never in it: solutions/, hidden tests (test/hidden/), the instructor's own tests and fixtures, the authoring tools
 * (tools/authoring/: the generator and this release tool), git history. Before anything is written, every file is scanned for the solution blocks' code
 * lines and the SOLUTION markers; a match stops the release with the file and line.
 *
 * DIR must be outside the project and empty; --force writes into a non-empty DIR (a previous release there is
 * cleared first; other files are left as they are).
 *
 * --assignment NAME (course.json) writes the edition of that assignment: the notebooks, stubs and public tests of
 * it and of every earlier assignment, nothing of later ones. A notebook that needs a module of a later assignment
 * (directly or through the library, see notebook-deps.ts) stops the release with what to move where; notebooks in no
 * assignment are left out with a warning. Stubs are generated the same way in every edition, so a student's
 * repository takes the next edition without a conflict in the files they worked on.
 *
 * @example
 * // npm run release -- --out ../course-2025
 * buildRelease(); // the files, in memory: [{ path: "lib/matrix.ts", content: <Buffer …>, mode: 0o644 }, …]
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { planExercises, solutionFiles, stale, staleReason } from "./generate";
import { notebookModules } from "./notebook-deps";
import { assignmentOf, assignmentsThrough, CourseError, readCourse } from "../../grader/course/course";
import { parseCommandLine, UsageError } from "../../lib/cli";

const projectRoot = path.resolve(__dirname, "..", "..");

/** The marker file of a student edition; --force clears a folder only when it holds one. */
export const RELEASE_MARKER = ".nn-course-release.json";

/** What only instructors get, never the student edition: solutions, hidden tests, this folder (generator, release). */
const INSTRUCTOR_ONLY = /^(solutions|test\/hidden|tools\/authoring)\//;

/** Scripts of the project's package.json that mean the same in the student edition. */
const KEPT_SCRIPTS = ["postinstall", "start", "notebooks", "typecheck", "lint", "lint:fix", "format", "format:check"];

/** One file of the student edition. */
export interface ReleaseFile {
  /** Path inside the release, with "/" separators. */
  path: string;
  content: Buffer;
  mode: number;
}

/** A release that cannot be built or written; the message says why and what to do. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReleaseError";
  }
}

/** Every file under `dir` (relative to root, "/" separators), skipping dependency, build and checkpoint folders. */
function walk(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (["node_modules", "build", ".ipynb_checkpoints", "fixtures"].includes(entry.name)) continue;
      out.push(...walk(root, rel));
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
  return out.sort();
}

const isTest = (f: string) => /\.test\.[cm]?[jt]s$/.test(f) || /(^|\/)test_[^/]*\.py$/.test(f);

/**
 * The grader files check() needs at run time: lib/check.ts's import closure inside grader/, plus every grader
 * file that a file of the closure names in a string as a file beside it (a sandbox or worker script started by path).
 */
export function graderRuntimeFiles(root = projectRoot): string[] {
  const candidates = walk(root, "grader").filter((f) => f.endsWith(".ts") && !isTest(f));
  const byStem = new Map(candidates.map((f) => [f.slice(0, -3), f] as const));
  const needed = new Set<string>();
  const queue = ["lib/check.ts"];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const refs = new Set<string>();
    for (const i of ts.preProcessFile(text, true, true).importedFiles) {
      if (i.fileName.startsWith(".")) refs.add(path.posix.join(path.posix.dirname(file), i.fileName));
    }
    // Strings naming a file beside this one: path.join(__dirname, "worker.ts"), new Worker(".../child.js").
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const name = path.posix.basename(node.text).replace(/\.[cm]?[jt]s$/, "");
        const stem = path.posix.join(path.posix.dirname(file), name);
        if (name && byStem.has(stem)) refs.add(stem);
      }
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true));
    for (const ref of refs) {
      const stem = ref.replace(/\.[cm]?[jt]s$/, "").replace(/\/index$/, "");
      const hit = byStem.get(stem) ?? byStem.get(`${stem}/index`);
      if (hit && !needed.has(hit)) {
        needed.add(hit);
        queue.push(hit);
      }
    }
  }
  return [...needed].sort();
}

/** A notebook without outputs and execution counts (it may have been run with the solutions). */
function cleanNotebook(text: string, file: string): string {
  let nb: { cells?: { cell_type: string; outputs?: unknown[]; execution_count?: unknown }[] };
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new ReleaseError(`${file} is not valid notebook JSON: ${(e as Error).message}`);
  }
  let dirty = false;
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== "code") continue;
    if ((cell.outputs ?? []).length > 0 || cell.execution_count !== null) dirty = true;
    cell.outputs = [];
    cell.execution_count = null;
  }
  return dirty ? `${JSON.stringify(nb, null, 1)}\n` : text;
}

/**
 * The solution-only code lines: lines inside the solution blocks that say something specific (see isDistinctive)
 * and that the solution files do not also show outside their blocks (input checks, shared helpers).
 */
export function solutionLines(root = projectRoot): { line: string; where: string }[] {
  const inside: { line: string; where: string }[] = [];
  const outside = new Set<string>();
  for (const name of solutionFiles(root)) {
    const lines = fs.readFileSync(path.join(root, "solutions", name), "utf8").split("\n");
    let open = false;
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (/^\/\/\s*BEGIN SOLUTION$/.test(line)) open = true;
      else if (/^\/\/\s*END SOLUTION$/.test(line)) open = false;
      else if (!open) outside.add(line);
      else if (isDistinctive(line)) inside.push({ line, where: `solutions/${name}:${i + 1}` });
    });
  }
  return inside.filter((s) => !outside.has(s.line));
}

/** A line that says something specific: 16+ characters besides brackets, punctuation and the keywords around them. */
function isDistinctive(line: string): boolean {
  const code = line.replace(/\b(return|const|let|for|if|else|of|in)\b/g, "").replace(/[\s{}()[\];,.:]/g, "");
  return code.length >= 16;
}

/** Where a release leaks solution code: any solution line, or a SOLUTION marker, in any text file. */
export function findLeaks(files: ReleaseFile[], root = projectRoot): string[] {
  const secret = new Map(solutionLines(root).map((s) => [s.line, s.where] as const));
  const leaks: string[] = [];
  for (const f of files) {
    const text = f.content.toString("utf8");
    text.split("\n").forEach((raw, i) => {
      const line = raw.trim();
      if (/\b(BEGIN|END) SOLUTION\b/.test(line)) leaks.push(`${f.path}:${i + 1}: a SOLUTION marker`);
      const where = secret.get(line);
      if (where) leaks.push(`${f.path}:${i + 1}: solution code from ${where}: ${line}`);
    });
    // Notebook sources are JSON strings: look at their lines too.
    if (f.path.endsWith(".ipynb")) {
      const nb = JSON.parse(text) as { cells?: { source?: string | string[] }[] };
      for (const cell of nb.cells ?? []) {
        const source = Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
        for (const line of source.split("\n")) {
          const where = secret.get(line.trim());
          if (where) leaks.push(`${f.path}: a cell holds solution code from ${where}: ${line.trim()}`);
        }
      }
    }
  }
  return [...new Set(leaks)];
}

/** A code line with the names it declares (const/let/var x) replaced by "_": the same code under other names. */
export function withoutLocalNames(line: string): string {
  let out = line;
  for (const m of line.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) {
    out = out.replace(new RegExp(`(?<![\\w$])${m[1].replace(/\$/g, "\\$")}(?![\\w$])`, "g"), "_");
  }
  return out;
}

/**
 * Lines that equal a solution-only line once declared names are ignored: possibly solution code under other
 * names (or a common line). Not an error — printed for the instructor to review.
 */
export function findNearLeaks(files: ReleaseFile[], root = projectRoot): string[] {
  const secret = new Map(solutionLines(root).map((s) => [withoutLocalNames(s.line), s] as const));
  const out: string[] = [];
  for (const f of files.filter((f) => /\.(ts|js|mjs|ipynb)$/.test(f.path))) {
    f.content
      .toString("utf8")
      .split("\n")
      .forEach((raw, i) => {
        const line = raw.trim();
        const s = secret.get(withoutLocalNames(line));
        if (s && s.line !== line) out.push(`${f.path}:${i + 1}: ${line}  ~  ${s.where}: ${s.line}`);
      });
  }
  return out;
}

/**
 * Packages the student edition always keeps although no file of it names them: the tools its scripts and configs
 * run (type check, lint, format, tests, TypeScript through tsx) and the kernel.
 */
const TOOL_PACKAGES = ["typescript", "tsx", "esbuild", "mocha", "chai", "eslint", "prettier", "tslab", "nn-course"];

/**
 * Whether the edition needs `pkg`: a tool it runs, a package one of its files names (import, require or a path like
 * "plotly.js-cartesian-dist-min/…"), or the types of such a package (@types/x for x, @types/node always).
 */
function editionNeeds(pkg: string, files: ReleaseFile[]): boolean {
  if (TOOL_PACKAGES.includes(pkg) || pkg === "@types/node") return true;
  if (pkg.startsWith("@types/")) {
    const typed = pkg.slice("@types/".length);
    return editionNeeds(typed.includes("__") ? `@${typed.replace("__", "/")}` : typed, files);
  }
  const named = new RegExp(`["'\`]${pkg.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(["'\`/])`);
  return files.some(
    (f) =>
      f.path !== "package-lock.json" &&
      /\.(ts|js|mjs|cjs|json|py)$/.test(f.path) &&
      named.test(f.content.toString("utf8")),
  );
}

/**
 * The student edition's package.json: scripts for students, and the project's dependencies less those only the
 * instructor's side uses (the benchmark's TensorFlow.js, the JupyterLab and browser test harnesses, the similarity
 * report…), which no file of the edition names. `npm install` in the edition prunes them from its lock file.
 */
function studentPackageJson(root: string, files: ReleaseFile[]): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>;
  const scripts = (pkg.scripts ?? {}) as Record<string, string>;
  const kept: Record<string, string> = {};
  for (const name of KEPT_SCRIPTS) if (scripts[name]) kept[name] = scripts[name];
  kept.test = "mocha";
  kept.check = "tsx grader/check.ts";
  const needed = (deps: unknown): Record<string, string> =>
    Object.fromEntries(
      Object.entries((deps ?? {}) as Record<string, string>).filter(([name]) => editionNeeds(name, files)),
    );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (key === "scripts") out.scripts = kept;
    else if (key === "description") out.description = `${String(value)} Student edition.`;
    else if (key === "dependencies" || key === "devDependencies") out[key] = needed(value);
    else out[key] = value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** tsconfig.json without the folders the student edition does not have. */
function studentTsconfig(root: string, present: Set<string>): string {
  const config = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { include?: string[] };
  config.include = (config.include ?? []).filter((dir) => present.has(dir));
  return `${JSON.stringify(config, null, 2)}\n`;
}

const MOCHARC = {
  require: ["tsx/cjs"],
  spec: ["test/graded/*.test.ts"],
  timeout: 20000,
  reporter: "spec",
};

/** The README for students. */
export function studentReadme(modules: string[]): string {
  const list = modules.map((m) => `\`${m}\``).join(", ");
  const first = modules.includes("losses") ? "losses" : (modules[0] ?? "losses");
  return `# Neural networks, trained by hand — student edition

Jupyter notebooks that teach how neural networks are trained, written in TypeScript, with exercises that you
implement yourself: ${list}.

## Getting started

\`\`\`sh
npm install
npm start
\`\`\`

- \`npm install\` installs the dependencies and registers the course kernel **"TypeScript (NN course)"** in a
  project-local Jupyter folder (\`.jupyter/\`).
- \`npm start\` opens JupyterLab (or Jupyter Notebook) at \`notebooks/\`. Without Jupyter it runs every notebook and
  writes HTML copies to \`build/notebooks/\`; install Jupyter with \`pip install jupyterlab\` (or, on Debian/Ubuntu,
  \`sudo apt-get install jupyter-notebook\`).

Requirements: Node.js ≥ 20.19 and npm.

## Doing an exercise

1. A notebook cell that needs your code says so, e.g. _Exercise: implement \`softmax\` in \`exercises/losses.ts\`_.
   Until you do, the cell shows one line, \`softmax is not implemented yet: implement softmax in exercises/losses.ts, …\`,
   and _Run All_ goes on: every cell that can already run shows its result, and a cell that needs a value of a cell
   still waiting for an exercise names the cell to re-run.
2. Open the file in \`exercises/\`, replace the \`throw new NotImplementedError("…")\` line with your implementation,
   and save. Keep the function's name and signature.
3. Re-run the cell: your saved code is picked up at once, no kernel restart needed. Type errors in your file show as
   a warning (file, line, TypeScript's message) in the cell that loads it; a syntax error or an exception stops the
   cell with the file and line to look at.
4. _Kernel → Interrupt_ stops a cell that runs too long (one \`KeyboardInterrupt\` line); earlier variables are kept.

## Checking your work

In a notebook cell:

\`\`\`ts
await check("${first}");
\`\`\`

(\`import { check } from "nn-course"\`) runs the public graded tests of that exercise module on your current code and
shows a table: each test, pass or fail, its points, and for a failed test what it checked, on which input, what was
expected and what came back. When a known common mistake is recognised, the message names it in a **Hint**. Tests
of functions you have not implemented yet are one line; the type errors of your file are listed below the table
(they cost no points, but usually point at a bug). A test that runs longer than 10 s, or crashes, fails on its own:
the others still run. The check uses the same grading engine as the official grade, in the same sandbox, so a test
that passes here passes in the official grading too.

From a terminal:

\`\`\`sh
npm test                    # all public graded tests (mocha)
npm run check -- ${first}       # the self-check of one module, as in the notebook
\`\`\`

**On a fresh copy every test fails** — every exercise is still a stub. Each test passes once you have implemented
what it checks.

The official grade also has **hidden tests**: the same functions on other inputs and edge cases. Passing the public
tests is a good sign, not a guarantee: write code that is right in general, not just for the inputs you see.

## What to hand in

Your \`exercises/\` folder (the \`.ts\` files in it), as your course asks. Your code is graded in a sandbox: it may
only compute. It cannot read other files, write files, start processes or open network connections, and each test
has a time limit.

## What is where

| folder          | what is in it                                                                             |
| --------------- | ----------------------------------------------------------------------------------------- |
| \`notebooks/\`    | the lecture notebooks                                                                     |
| \`exercises/\`    | your files: the exercise functions to implement                                           |
| \`lib/\`          | the course library, imported in notebooks as \`nn-course\` (Matrix, plots, gradient checks) |
| \`test/graded/\`  | the public graded tests (points in each test's title)                                     |
| \`grader/\`       | the grading engine behind \`check()\`                                                       |
| \`kernel/\`       | the course kernel (tslab)                                                                 |
| \`tools/\`        | \`npm start\` and the notebook runner                                                       |
`;
}

/** What an assignment's edition holds: its modules and notebooks and those of earlier assignments. */
export interface EditionScope {
  assignment: string;
  modules: string[];
  notebooks: string[];
  /** Notebooks in no assignment of course.json: left out, and said so. */
  leftOut: string[];
}

/**
 * The scope of the edition of `assignment`; a ReleaseError when a notebook of it needs a module that a later
 * assignment brings (the message names both and what to change in course.json).
 */
export function editionScope(root: string, assignment: string): EditionScope {
  let course;
  try {
    course = readCourse(root);
  } catch (e) {
    if (e instanceof CourseError) throw new ReleaseError(e.message);
    throw e;
  }
  let through;
  try {
    through = assignmentsThrough(course, assignment);
  } catch (e) {
    if (e instanceof CourseError) throw new ReleaseError(e.message);
    throw e;
  }
  const modules = through.flatMap((a) => a.modules);
  const notebooks = through.flatMap((a) => a.notebooks);
  const owner = new Map(course.assignments.flatMap((a) => a.modules.map((m) => [m, a.name] as const)));
  const problems: string[] = [];
  for (const a of through) {
    for (const nb of a.notebooks) {
      const file = path.join(root, "notebooks", `${nb}.ipynb`);
      if (!fs.existsSync(file)) {
        problems.push(`notebook ${nb} of assignment ${a.name} does not exist (notebooks/${nb}.ipynb)`);
        continue;
      }
      for (const m of notebookModules(root, file)) {
        if (modules.includes(m)) continue;
        const later = owner.get(m);
        problems.push(
          later
            ? `notebook ${nb} (assignment ${a.name}) needs module ${m}, which comes with the later assignment ${later}: ` +
                `move ${m} to ${a.name} or an earlier assignment, or ${nb} to ${later} or later, in course.json`
            : `notebook ${nb} (assignment ${a.name}) needs module ${m}, which is in no assignment: add it to course.json`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new ReleaseError(
      `the edition of assignment ${assignment} would break notebooks:\n  ${problems.join("\n  ")}`,
    );
  }
  const listed = new Set(course.assignments.flatMap((a) => a.notebooks));
  const leftOut = walk(root, "notebooks")
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => path.posix.basename(f, ".ipynb"))
    .filter((n) => !listed.has(n));
  return { assignment, modules, notebooks, leftOut };
}

/**
 * Builds the student edition in memory (nothing is written): of the whole course, or of `opts.assignment` and the
 * assignments before it. Throws a ReleaseError when something is wrong.
 */
export async function buildRelease(root = projectRoot, opts: { assignment?: string } = {}): Promise<ReleaseFile[]> {
  const scope = opts.assignment === undefined ? null : editionScope(root, opts.assignment);
  const inScope = (module: string): boolean => scope === null || scope.modules.includes(module);
  const plans = planExercises(root).filter((p) => inScope(path.posix.basename(p.file, ".ts")));
  const old = stale(plans);
  if (old.length > 0) {
    throw new ReleaseError(
      "exercises/ is stale; run `npm run exercises` (and commit) first:\n" +
        old.map((p) => `  ${p.file}: ${staleReason(p)}`).join("\n"),
    );
  }
  const files: ReleaseFile[] = [];
  const add = (rel: string, content: string | Buffer, mode = 0o644) =>
    files.push({ path: rel, content: Buffer.isBuffer(content) ? content : Buffer.from(content), mode });
  const copy = (rel: string) => {
    const abs = path.join(root, rel);
    add(rel, fs.readFileSync(abs), fs.statSync(abs).mode & 0o777);
  };

  for (const f of walk(root, "notebooks")) {
    if (!f.endsWith(".ipynb")) continue;
    if (scope && !scope.notebooks.includes(path.posix.basename(f, ".ipynb"))) continue;
    add(f, cleanNotebook(fs.readFileSync(path.join(root, f), "utf8"), f));
  }
  for (const dir of ["lib", "kernel", "tools"])
    walk(root, dir)
      .filter((f) => !isTest(f) && !INSTRUCTOR_ONLY.test(f))
      .forEach(copy);
  for (const p of plans) add(p.file, p.expected!);
  walk(root, "test/graded")
    .filter((f) => !f.endsWith(".test.ts") || inScope(path.posix.basename(f, ".test.ts")))
    .forEach(copy);
  graderRuntimeFiles(root).forEach(copy);
  for (const f of ["eslint.config.mjs", ".prettierrc.json", ".prettierignore", ".gitignore", "package-lock.json"]) {
    if (fs.existsSync(path.join(root, f))) copy(f);
  }
  const present = new Set(files.map((f) => f.path.split("/")[0]));
  const modules = plans.map((p) => path.basename(p.file, ".ts"));
  // Files written here are formatted like the project's, so that the edition's format check passes.
  const generated: [string, string][] = [
    ["tsconfig.json", studentTsconfig(root, present)],
    [".mocharc.json", JSON.stringify(MOCHARC)],
    ["package.json", studentPackageJson(root, files)],
    ["README.md", studentReadme(modules)],
    [RELEASE_MARKER, JSON.stringify({ edition: "student", assignment: scope?.assignment ?? null, modules })],
  ];
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(path.join(root, "package.json"))) ?? {};
  for (const [rel, text] of generated) add(rel, await prettier.format(text, { ...config, filepath: rel }));

  const forbidden = files.filter((f) => INSTRUCTOR_ONLY.test(f.path));
  if (forbidden.length > 0) {
    throw new ReleaseError(`instructor-only files in the release: ${forbidden.map((f) => f.path).join(", ")}`);
  }
  const leaks = findLeaks(files, root);
  if (leaks.length > 0) {
    throw new ReleaseError(`the release would leak solution code; nothing was written:\n  ${leaks.join("\n  ")}`);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Checks that `out` may receive a release: outside the project, and empty unless `force`. */
function checkTarget(out: string, force: boolean, root: string): void {
  const real = (p: string): string => {
    // The real path of p, or of its nearest existing ancestor joined with the rest (symlinks resolved).
    const rest: string[] = [];
    let cur = path.resolve(p);
    while (!fs.existsSync(cur)) {
      rest.unshift(path.basename(cur));
      cur = path.dirname(cur);
    }
    return path.join(fs.realpathSync(cur), ...rest);
  };
  const target = real(out);
  const project = fs.realpathSync(root);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(target, project)) {
    throw new ReleaseError(`--out ${out} is inside the project (${project}); choose a folder outside it.`);
  }
  if (inside(project, target)) {
    throw new ReleaseError(`--out ${out} contains the project (${project}); choose a folder outside it.`);
  }
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) throw new ReleaseError(`--out ${out} exists and is not a folder.`);
    if (fs.readdirSync(target).length > 0 && !force) {
      throw new ReleaseError(`--out ${out} is not empty; choose an empty folder, or pass --force to write into it.`);
    }
  }
}

/** Writes the student edition into `out` (see the file comment for the rules); returns the files written. */
export async function writeRelease(
  out: string,
  opts: { force?: boolean; root?: string; assignment?: string } = {},
): Promise<ReleaseFile[]> {
  const root = opts.root ?? projectRoot;
  checkTarget(out, opts.force ?? false, root);
  const files = await buildRelease(root, { assignment: opts.assignment });
  const target = path.resolve(out);
  if (fs.existsSync(path.join(target, RELEASE_MARKER))) {
    for (const entry of fs.readdirSync(target)) fs.rmSync(path.join(target, entry), { recursive: true, force: true });
  }
  for (const f of files) {
    const abs = path.join(target, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.content, { mode: f.mode });
  }
  return files;
}

const USAGE = "usage: npm run release -- --out DIR [--force] [--assignment NAME]";

function parseArgs(argv: string[]): { out: string; force: boolean; assignment?: string } {
  const options = { out: { type: "string" }, force: { type: "boolean" }, assignment: { type: "string" } } as const;
  const { values } = parseCommandLine({ args: argv, options }, USAGE);
  if (!values.out) throw new UsageError(`say where to write: ${USAGE.slice("usage: ".length)}`);
  return { out: values.out, force: values.force ?? false, assignment: values.assignment };
}

if (require.main === module) {
  (async () => {
    const { out, force, assignment } = parseArgs(process.argv.slice(2));
    if (assignment !== undefined) {
      try {
        assignmentOf(readCourse(projectRoot), assignment);
      } catch (e) {
        throw e instanceof CourseError ? new UsageError(e.message) : e;
      }
      const scope = editionScope(projectRoot, assignment);
      if (scope.leftOut.length > 0) {
        console.warn(`Left out, in no assignment of course.json: ${scope.leftOut.map((n) => `${n}.ipynb`).join(", ")}`);
      }
    }
    const files = await writeRelease(out, { force, assignment });
    const near = findNearLeaks(files);
    if (near.length > 0) {
      console.warn("Review: these lines match solution code up to variable names (solution code, or a common line?):");
      for (const n of near) console.warn(`  ${n}`);
    }
    const folders = [...new Set(files.map((f) => f.path.split("/")[0]))].sort();
    const edition = assignment === undefined ? "Student edition" : `Student edition of assignment ${assignment}`;
    console.log(`${edition} written to ${path.resolve(out)}: ${files.length} files (${folders.join(", ")}).`);
    console.log("No solutions, no hidden tests; every file was checked for solution code.");
  })().catch((e: unknown) => {
    const expected = e instanceof ReleaseError || e instanceof UsageError;
    console.error(expected ? `release: ${e.message}` : e);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}
