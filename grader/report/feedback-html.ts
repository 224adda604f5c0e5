/**
 * feedback.html: a student's results as a small self-contained web page (no scripts, no external files): the total,
 * the status with its reason, the points of each exercise module, then one table per module (failed tests first,
 * tests of untouched stubs and repeated failures folded into one line each, see results/by-module.ts) and the grader's notes.
 * Everything from the submission is escaped, so printed text cannot inject markup.
 *
 * @example
 * fs.writeFileSync("feedback.html", feedbackHtml("alice", results));
 */
import type { GradeResults, TestResult } from "../results/types";
import { groupByModule, type Fold } from "../results/by-module";
import { escapeHtml } from "../../lib/display/escape";

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
.passed{color:#0a6b2d}.failed{color:#b00020}pre{white-space:pre-wrap;margin:0;font-size:.9em}summary{cursor:pointer;font-size:.9em}`;

const HEAD = "<thead><tr><th>Test</th><th>Result</th><th>Points</th><th>Message</th></tr></thead>";

function testRow(t: TestResult): string {
  return (
    `<tr><td>${escapeHtml(t.name)}${t.visibility === "visible" ? "" : " <small>(hidden test)</small>"}</td>` +
    `<td class="${t.status}">${t.status === "passed" ? "✓ passed" : "✗ failed"}</td>` +
    `<td>${t.score} / ${t.max_score}</td><td><pre>${escapeHtml(t.output)}</pre></td></tr>`
  );
}

function foldRow(f: Fold): string {
  const names = f.tests.map((t) => `${t.name}${t.visibility === "visible" ? "" : " (hidden test)"}`).join("\n");
  return (
    `<tr><td>${escapeHtml(f.text)}<details><summary>the ${f.tests.length} tests</summary><pre>${escapeHtml(names)}</pre>` +
    `</details></td><td class="failed">✗ failed</td><td>0 / ${f.max}</td><td></td></tr>`
  );
}

/** The feedback page for `student`. */
export function feedbackHtml(student: string, r: GradeResults): string {
  const groups = groupByModule(r.tests);
  const summary = groups
    .map((g) => {
      const cls = g.score === g.max ? "passed" : "failed";
      return `<tr><td><a href="#${escapeHtml(g.module)}">${escapeHtml(g.module)}.ts</a></td><td class="${cls}">${g.score} / ${g.max}</td></tr>`;
    })
    .join("\n");
  const sections = groups
    .map((g) => {
      const rows = [
        ...g.rows.filter((t) => t.status !== "passed").map(testRow),
        ...[...(g.notImplemented ? [g.notImplemented] : []), ...g.folds].map(foldRow),
        ...g.rows.filter((t) => t.status === "passed").map(testRow),
      ];
      return (
        `<h2 id="${escapeHtml(g.module)}">${escapeHtml(g.module)}.ts — ${g.score} / ${g.max} points</h2>\n` +
        `<table>${HEAD}\n<tbody>\n${rows.join("\n")}\n</tbody></table>`
      );
    })
    .join("\n");
  const status =
    r.status === "graded"
      ? ""
      : `<p><strong>Status: ${escapeHtml(r.status)}</strong> — ${escapeHtml(r.reason ?? "")}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback for ${escapeHtml(student)}</title><style>${STYLE}</style></head>
<body>
<h1>Feedback for ${escapeHtml(student)}</h1>
<p>Score: <strong>${r.score} / ${r.max_score}</strong> (graded in ${r.execution_time.toFixed(1)} s)</p>
${status}
${groups.length > 0 ? `<table><thead><tr><th>Module</th><th>Points</th></tr></thead>\n<tbody>\n${summary}\n</tbody></table>` : ""}
${sections}
${r.output ? `<h2>Notes</h2><pre>${escapeHtml(r.output)}</pre>` : ""}
</body></html>
`;
}
