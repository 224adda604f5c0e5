/**
 * HTML, Markdown and LaTeX output for notebooks, each with a text/plain fallback.
 */
import { displayBundle, htmlToText } from "./bundle";

/**
 * Shows an HTML fragment; `text` is the plain-text fallback (default: the HTML without its tags).
 *
 * @example
 * showHtml("<b>Loss</b> went down", "Loss went down");
 */
export function showHtml(html: string, text?: string): void {
  displayBundle({ "text/html": html, "text/plain": text ?? htmlToText(html) });
}

/**
 * Shows Markdown (rendered by the notebook; `$…$` maths works too).
 *
 * @example
 * showMarkdown("**Epoch 3**: loss = 0.12");
 */
export function showMarkdown(md: string): void {
  displayBundle({ "text/markdown": md, "text/plain": md });
}

/**
 * The MIME bundle of a display-maths block: text/markdown with `$$…$$` (Notebook 6, JupyterLab, VS Code),
 * text/latex (nbconvert) and the TeX source as text/plain.
 *
 * @example
 * latexBundle("x^2")["text/markdown"]; // "$$\nx^2\n$$"
 */
export function latexBundle(tex: string): Record<string, string> {
  const body = tex.trim();
  return { "text/markdown": `$$\n${body}\n$$`, "text/latex": `$$${body}$$`, "text/plain": body };
}

/**
 * Shows a LaTeX formula as a display-maths block.
 *
 * @example
 * showLatex("\\sigma(z) = \\frac{1}{1 + e^{-z}}");
 */
export function showLatex(tex: string): void {
  displayBundle(latexBundle(tex));
}
