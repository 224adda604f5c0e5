/**
 * Notices: the short, plain lines the course shows a student about their exercises instead of an error —
 * "softmax is not implemented yet …", "type errors in exercises/losses.ts …". One look for all of them, and
 * metadata that tools can find (`nn_course.kind`): the notebook runner fails an instructor's run on any notice.
 */
import { displayBundle, hasKernel, type MimeBundle } from "./bundle";
import { escapeHtml } from "./escape";

/**
 * What a notice is about:
 *   - "exercise-pending": a cell needs an exercise that is not implemented yet (directly, or through a value of an
 *     earlier cell that needed one); the run goes on;
 *   - "exercise-type-errors": an exercise file that runs but has type errors.
 */
export type NoticeKind = "exercise-pending" | "exercise-type-errors";

/** The metadata key under which notices describe themselves. */
export const NOTICE_METADATA_KEY = "nn_course";

const STYLE: Record<NoticeKind, { icon: string; colour: string; background: string }> = {
  "exercise-pending": { icon: "✎", colour: "#8a6d00", background: "#fff8e1" },
  "exercise-type-errors": { icon: "⚠", colour: "#8a3b00", background: "#fff1e6" },
};

/**
 * The display_data content of a notice: the text as text/plain (first line the summary, further lines details),
 * the same as a small coloured box in text/html, and `{ nn_course: { kind, ...fields } }` as metadata.
 *
 * @example
 * noticeBundle("exercise-pending", "softmax is not implemented yet: …", { exercise: "softmax" }).metadata;
 * // { nn_course: { kind: "exercise-pending", exercise: "softmax" } }
 */
export function noticeBundle(
  kind: NoticeKind,
  text: string,
  fields: Record<string, unknown> = {},
): { data: MimeBundle; metadata: Record<string, unknown> } {
  const { icon, colour, background } = STYLE[kind];
  const [summary, ...details] = text.split("\n");
  const detailHtml = details.length
    ? `<pre style="margin:0.3em 0 0 1.6em;white-space:pre-wrap;font-size:0.92em">${escapeHtml(details.join("\n"))}</pre>`
    : "";
  const html =
    `<div style="border-left:4px solid ${colour};background:${background};color:#222;padding:0.35em 0.7em;` +
    `font-family:var(--jp-ui-font-family,system-ui,sans-serif);font-size:0.95em">` +
    `<span style="color:${colour};font-weight:bold">${icon}</span> ${escapeHtml(summary)}${detailHtml}</div>`;
  return {
    data: { "text/plain": text, "text/html": html },
    metadata: { [NOTICE_METADATA_KEY]: { kind, ...fields } },
  };
}

/**
 * Shows a notice in the running cell; without a notebook, writes its text to stderr.
 *
 * @example
 * showNotice("exercise-type-errors", "Type errors in exercises/losses.ts …");
 */
export function showNotice(kind: NoticeKind, text: string, fields: Record<string, unknown> = {}): void {
  if (!hasKernel()) {
    process.stderr.write(text + "\n");
    return;
  }
  const { data, metadata } = noticeBundle(kind, text, fields);
  displayBundle(data, { metadata });
}
