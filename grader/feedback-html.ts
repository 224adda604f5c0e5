/**
 * feedback.html: a student's results as a small self-contained web page (no scripts, no external files): the total,
 * the status with its reason, a table of tests with pass/fail, points and message, and the grader's notes.
 * Everything from the submission is escaped, so printed text cannot inject markup.
 *
 * @example
 * fs.writeFileSync("feedback.html", feedbackHtml("alice", results));
 */
import type { GradeResults } from "./grade";

/** `text` with the five HTML special characters escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
.passed{color:#0a6b2d}.failed{color:#b00020}pre{white-space:pre-wrap;margin:0;font-size:.9em}`;

/** The feedback page for `student`. */
export function feedbackHtml(student: string, r: GradeResults): string {
  const rows = r.tests
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.name)}${t.visibility === "visible" ? "" : " <small>(hidden test)</small>"}</td>` +
        `<td class="${t.status}">${t.status === "passed" ? "✓ passed" : "✗ failed"}</td>` +
        `<td>${t.score} / ${t.max_score}</td><td><pre>${escapeHtml(t.output)}</pre></td></tr>`,
    )
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
<table><thead><tr><th>Test</th><th>Result</th><th>Points</th><th>Message</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${r.output ? `<h2>Notes</h2><pre>${escapeHtml(r.output)}</pre>` : ""}
</body></html>
`;
}
