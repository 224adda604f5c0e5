/**
 * Renders an executed notebook as a standalone HTML page, for machines without Jupyter's nbconvert.
 * Markdown through marked, LaTeX through KaTeX (rendered here, so the page needs no script for maths);
 * rich outputs are embedded as they are (plots carry their own script). The page links katex/ beside it.
 */
import * as fs from "fs";
import * as path from "path";
import katex from "katex";
import { marked } from "marked";
import { joinText, Notebook, Output } from "./nbformat";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Markdown with $…$ and $$…$$ maths: the maths is cut out first so that markdown cannot mangle it. */
export function markdownToHtml(md: string): string {
  const maths: string[] = [];
  const keep = (tex: string, display: boolean) => {
    maths.push(katex.renderToString(tex, { displayMode: display, throwOnError: false }));
    return `@@MATH${maths.length - 1}@@`;
  };
  const cut = md
    .replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => keep(tex, true))
    .replace(/(?<![\\$])\$([^$\n]+?)\$/g, (_m, tex: string) => keep(tex, false));
  const html = marked.parse(cut, { async: false }) as string;
  return html.replace(/@@MATH(\d+)@@/g, (_m, i: string) => maths[Number(i)]);
}

function outputToHtml(o: Output): string {
  if (o.output_type === "stream") {
    return `<pre class="stream ${o.name}">${escapeHtml(joinText(o.text))}</pre>`;
  }
  if (o.output_type === "error") {
    return `<pre class="stream stderr">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  }
  const data = o.data ?? {};
  const text = (mime: string) => joinText(data[mime] as string | string[]);
  if (data["text/html"]) return `<div class="html">${text("text/html")}</div>`;
  if (data["image/svg+xml"]) return `<div class="svg">${text("image/svg+xml")}</div>`;
  if (data["image/png"]) return `<img src="data:image/png;base64,${text("image/png")}">`;
  if (data["text/markdown"]) return `<div class="markdown">${markdownToHtml(text("text/markdown"))}</div>`;
  if (data["text/latex"]) return `<div class="markdown">${markdownToHtml(text("text/latex"))}</div>`;
  if (data["text/plain"]) return `<pre>${escapeHtml(text("text/plain"))}</pre>`;
  return "";
}

const style = `
body { font-family: system-ui, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
.cell { margin: 1em 0; }
.input { background: #f5f5f5; border-left: 3px solid #42a5f5; padding: .5em; overflow-x: auto; }
.output { border-left: 3px solid #ddd; padding: .2em .5em; overflow-x: auto; }
pre { margin: 0; white-space: pre-wrap; }
.stderr { background: #fdd; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
`;

export function notebookToHtml(nb: Notebook, title: string): string {
  const cells = nb.cells.map((cell) => {
    const source = joinText(cell.source);
    if (cell.cell_type === "markdown") return `<div class="cell markdown">${markdownToHtml(source)}</div>`;
    if (cell.cell_type !== "code") return "";
    const outs = (cell.outputs ?? []).map(outputToHtml).join("\n");
    return `<div class="cell code"><pre class="input">${escapeHtml(source)}</pre>${
      outs ? `<div class="output">${outs}</div>` : ""
    }</div>`;
  });
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="katex/katex.min.css"><style>${style}</style></head>
<body>
${cells.join("\n")}
</body></html>
`;
}

/** Writes DIR/NAME.html and the KaTeX stylesheet and fonts it links to. */
export function writeHtml(nb: Notebook, file: string): void {
  const dir = path.dirname(file);
  const katexDist = path.join(path.dirname(require.resolve("katex/package.json")), "dist");
  fs.mkdirSync(path.join(dir, "katex"), { recursive: true });
  fs.copyFileSync(path.join(katexDist, "katex.min.css"), path.join(dir, "katex", "katex.min.css"));
  fs.cpSync(path.join(katexDist, "fonts"), path.join(dir, "katex", "fonts"), { recursive: true });
  fs.writeFileSync(file, notebookToHtml(nb, path.basename(file, ".html")));
}
