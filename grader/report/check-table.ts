/**
 * The self-check's table (what check("losses") shows): one summary line, then by exercise module its points, failed
 * tests first with their messages, the untouched stubs and repeated failures folded into one line each (see
 * results/by-module.ts), the passed tests, the file's type errors and the total; as HTML in a notebook, as text in a
 * terminal.
 *
 * @example
 * console.log(checkText("losses", results));
 */
import { escapeHtml } from "../../lib/display/escape";
import { showHtml } from "../../lib/display/rich";
import { groupByModule, type Fold } from "../results/by-module";
import type { GradeResults, TestResult } from "../results/types";

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
