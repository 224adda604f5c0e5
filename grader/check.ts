/**
 * The student's self-check: the PUBLIC graded tests of one exercise module, run against the student's current
 * exercise files by the official grading engine (same sandbox, same limits), shown as a pass/fail table.
 *
 * Because it is the official engine on the public tests, a self-check pass means the public part of the official
 * grade passes too. Notebooks call it through `check` from "nn-course"; on the command line:
 *
 *   npm run check -- losses        (in the student edition; `npx tsx grader/check.ts losses` anywhere)
 *
 * @example
 * const results = await selfCheck("losses", { show: false });
 * results.score; // points earned on the public tests of losses
 */
import * as fs from "fs";
import * as path from "path";
import { sharedTypeChecker } from "../lib/typecheck";
import { findExercisesDir } from "./find-exercises";
import { gradeSubmission, type GradeResults, type TestResult } from "./grade";
import { groupByModule, type Fold } from "./report";
import { implementationDir } from "../lib/course";
import { CourseInputError } from "../lib/errors";
import { escapeHtml } from "../lib/display/escape";
import { showHtml } from "../lib/display/rich";

const projectRoot = path.resolve(__dirname, "..");

import type { CheckOptions } from "./types";
export type { CheckOptions };

/** The exercise modules that have public graded tests: test/graded/<module>.test.ts. */
export function checkableModules(root = projectRoot): string[] {
  const dir = path.join(root, "test", "graded");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -".test.ts".length))
    .sort();
}

/**
 * The type errors of `module`'s file in `exercisesDir` (or why they could not be found); null when there is no such
 * file. In a notebook the checker is the one the exercise loader already warmed up, so this takes a fraction of a
 * second; it runs while the tests run in their own process.
 */
function typeCheckModule(exercisesDir: string, module: string): string[] | string | null {
  const dir = findExercisesDir(exercisesDir, [module]);
  if (dir === null) return null;
  try {
    return sharedTypeChecker().check({ root: projectRoot, exercisesDir: dir, files: [`${module}.ts`] });
  } catch (e) {
    return `the type check could not run: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Runs the public graded tests of `module` against the student's exercise files with the official engine,
 * shows the pass/fail table (unless `show: false`) and returns the engine's results. The module's file is
 * type-checked at the same time (unless `typeCheck: false`); its type errors are listed in the table,
 * `results.typeErrors` and `results.output`.
 */
export async function selfCheck(module: string, opts: CheckOptions = {}): Promise<GradeResults> {
  const modules = checkableModules();
  if (typeof module !== "string" || !modules.includes(module)) {
    throw new CourseInputError(
      `check(${JSON.stringify(module)}): there are no public tests for that exercise module. ` +
        `Use one of: ${modules.map((m) => JSON.stringify(m)).join(", ")} (the file name in exercises/ without .ts).`,
    );
  }
  const exercisesDir = path.resolve(opts.exercisesDir ?? implementationDir());
  // The tests start first (their process is spawned at once); the type check runs here meanwhile.
  const grading = gradeSubmission({
    exercisesDir,
    visibility: "public",
    modules: [module],
    ...(opts.timeoutMsPerTest !== undefined ? { timeoutMsPerTest: opts.timeoutMsPerTest } : {}),
    ...(opts.timeoutMsTotal !== undefined ? { timeoutMsTotal: opts.timeoutMsTotal } : {}),
    typeCheck: false,
  });
  const errors = (opts.typeCheck ?? true) ? typeCheckModule(exercisesDir, module) : null;
  const results = await grading;
  if (errors !== null && results.status !== "compile-error") {
    const section = (title: string, body: string) => [results.output, `${title}\n${body}`].filter(Boolean).join("\n\n");
    if (typeof errors === "string") results.output = section("Type check:", errors);
    else {
      results.typeErrors = errors;
      if (errors.length > 0) results.output = section("Type errors (not graded, but worth fixing):", errors.join("\n"));
    }
  }
  if (opts.show ?? true) showCheck(module, results);
  return results;
}

/** "2/2" style points of one test. */
function points(t: TestResult): string {
  return `${t.score}/${t.max_score}`;
}

/** One line summing up a check: points, passed tests, and the engine's status when it is not a normal grade. */
export function checkSummary(module: string, r: GradeResults): string {
  const passed = r.tests.filter((t) => t.status === "passed").length;
  const total = `${module}: ${r.score} / ${r.max_score} points, ${passed} of ${r.tests.length} public tests pass`;
  const verdict = r.tests.length > 0 && passed === r.tests.length ? " — all public tests pass." : ".";
  return r.status === "graded" ? total + verdict : `${total}. ${r.status}: ${r.reason ?? "see the messages below"}`;
}

const indent = (text: string): string[] =>
  text
    .trim()
    .split("\n")
    .map((l) => `          ${l}`);

/**
 * The plain-text table, by module: the module's points, then its failed tests (message indented below), the
 * untouched stubs as one line, and its passed tests; then the type errors and the total.
 */
export function checkText(module: string, r: GradeResults): string {
  const lines = [checkSummary(module, r)];
  const row = (ok: boolean, pts: string, text: string) => `${ok ? "✓" : "✗"} ${pts.padStart(5)}  ${text}`;
  for (const g of groupByModule(r.tests)) {
    lines.push("", `${g.module}.ts — ${g.score} / ${g.max} points`);
    const failed = g.rows.filter((t) => t.status !== "passed");
    for (const t of failed) {
      lines.push(row(false, points(t), t.name));
      if (t.output.trim()) lines.push(...indent(t.output));
    }
    for (const f of [...(g.notImplemented ? [g.notImplemented] : []), ...g.folds]) {
      lines.push(row(false, `0/${f.max}`, f.text));
    }
    for (const t of g.rows.filter((t) => t.status === "passed")) lines.push(row(true, points(t), t.name));
  }
  if (r.typeErrors && r.typeErrors.length > 0) {
    lines.push("", `Type errors in ${module}.ts (they cost no points, but fix them):`);
    lines.push(...r.typeErrors.map((e) => `  ${e}`));
  }
  lines.push("", `Total: ${r.score} / ${r.max_score} points`);
  return lines.join("\n");
}

/** The HTML table: by module, status, points, test name and, for a failed test, its message. */
export function checkHtml(module: string, r: GradeResults): string {
  const allPass = r.status === "graded" && r.tests.length > 0 && r.tests.every((t) => t.status === "passed");
  const colour = allPass ? "#1a7f37" : "#cf222e";
  const pre = (text: string) =>
    `<pre style="white-space:pre-wrap;margin:4px 0 0;font-size:90%">${escapeHtml(text.trim())}</pre>`;
  const row = (ok: boolean, pts: string, body: string) =>
    `<tr><td style="color:${ok ? "#1a7f37" : "#cf222e"};font-weight:bold">${ok ? "✓ pass" : "✗ fail"}</td>` +
    `<td style="text-align:right">${pts}</td><td style="text-align:left">${body}</td></tr>`;
  const foldRow = (f: Fold) =>
    row(
      false,
      `0/${f.max}`,
      `${escapeHtml(f.text)}<details><summary style="font-size:90%">the tests</summary>` +
        `${pre(f.tests.map((t) => t.name).join("\n"))}</details>`,
    );
  const rows = groupByModule(r.tests).flatMap((g) => [
    `<tr><th colspan="3" style="text-align:left">${escapeHtml(`${g.module}.ts — ${g.score} / ${g.max} points`)}</th></tr>`,
    ...g.rows
      .filter((t) => t.status !== "passed")
      .map((t) => row(false, points(t), escapeHtml(t.name) + (t.output.trim() ? pre(t.output) : ""))),
    ...[...(g.notImplemented ? [g.notImplemented] : []), ...g.folds].map(foldRow),
    ...g.rows.filter((t) => t.status === "passed").map((t) => row(true, points(t), escapeHtml(t.name))),
  ]);
  const types =
    r.typeErrors && r.typeErrors.length > 0
      ? `<p style="font-weight:bold">Type errors in ${escapeHtml(module)}.ts (they cost no points, but fix them):</p>` +
        pre(r.typeErrors.join("\n"))
      : "";
  return (
    `<div class="nn-course-check"><p style="color:${colour};font-weight:bold">${escapeHtml(checkSummary(module, r))}</p>` +
    `<table><thead><tr><th>result</th><th>points</th><th style="text-align:left">test</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody>` +
    `<tfoot><tr><td><b>total</b></td><td style="text-align:right"><b>${r.score}/${r.max_score}</b></td><td></td></tr>` +
    `</tfoot></table>${types}</div>`
  );
}

/** Shows a check's results in the notebook (HTML) or, outside one, as text. */
export function showCheck(module: string, r: GradeResults): void {
  showHtml(checkHtml(module, r), checkText(module, r));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const known = checkableModules();
  const wanted = args.length > 0 ? args : known;
  (async () => {
    let allPass = true;
    for (const m of wanted) {
      const r = await selfCheck(m, { show: false });
      console.log(checkText(m, r) + "\n");
      allPass &&= r.status === "graded" && r.score === r.max_score;
    }
    process.exit(allPass ? 0 : 1);
  })().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
