/**
 * Claims are code: a sentence that states what an experiment shows is written as `claim(sentence, holds, evidence)`,
 * so that the text can never drift away from the data. The notebook shows the sentence with ✓ and, under it, the
 * measured evidence. When the claim does not hold:
 *   - with the reference solutions (NN_COURSE_IMPL=solutions, as CI runs every notebook) the cell fails with
 *     ClaimFailed: the text and the experiment disagree, and one of them must change;
 *   - with a student's own code it shows ✗ and the evidence, and the run goes on: the student's implementation is
 *     the likely cause, and the line says what was expected.
 */
import { displayBundle } from "./bundle";
import { escapeHtml } from "./escape";

/** Thrown (with the reference solutions) when a claim does not hold. */
export class ClaimFailed extends Error {
  constructor(sentence: string, evidence: string) {
    super(`This claim does not hold: "${sentence}" (measured: ${evidence})`);
    this.name = "ClaimFailed";
  }
}

/** Whether a claim that does not hold fails the cell: with the reference solutions (instructor mode, CI). */
function strict(): boolean {
  return process.env.NN_COURSE_IMPL === "solutions";
}

/**
 * Shows `sentence` with ✓ and `evidence` (what was measured) under it; see the file's comment for a claim that does
 * not hold.
 *
 * @example
 * claim("The L¹ optimum stays at the median", bestL1 === median, `best c ${bestL1}, median ${median}`);
 */
export function claim(sentence: string, holds: boolean, evidence: string): void {
  if (!holds && strict()) throw new ClaimFailed(sentence, evidence);
  const mark = holds ? "✓" : "✗";
  const note = holds ? "" : " — does not hold with your code; see what was measured:";
  const colour = holds ? "#1b7f3b" : "#b3261e";
  const html =
    `<div style="margin:0.2em 0;font-family:var(--jp-content-font-family,system-ui,sans-serif)">` +
    `<span style="color:${colour};font-weight:bold">${mark}</span> ${escapeHtml(sentence)}${escapeHtml(note)}` +
    `<div style="margin-left:1.3em;color:#555;font-size:0.9em">${escapeHtml(evidence)}</div></div>`;
  displayBundle(
    { "text/html": html, "text/plain": `${mark} ${sentence}${note}\n  ${evidence}` },
    { metadata: { nn_course_claim: { holds } } },
  );
}
