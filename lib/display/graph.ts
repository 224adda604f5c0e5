/**
 * Drawings of a computational graph (Lecture 001, "Flow graph"): every Value of a scalar expression as a box with
 * its label, value (data) and gradient (grad), every operation as a small circle, edges from operands to results.
 *
 * The layout is Graphviz's `dot`, compiled to WebAssembly (@viz-js/viz): it runs in the kernel process, with no
 * network and no program to install, and produces SVG. The notebook output is a static image — an <img> whose
 * source is that SVG as a data URI, inside text/html — because that is what every front end shows: Jupyter
 * Notebook 6 and JupyterLab also in an untrusted notebook (their sanitizers keep <img> with a data URI, while a bare
 * image/svg+xml output or inline <svg> is dropped there), VS Code, and nbconvert's HTML export. Under the image a
 * fold-out table lists the same numbers, and the text/plain part is that table, for plain-text front ends.
 *
 * Works on anything shaped like a Value of exercises/autograd.ts (`GraphNode`), so the library does not depend on
 * the exercise file.
 *
 * @example
 * const f = add(mul(x, y), x);
 * backward(f);
 * await showGraph(f, { title: "f = x·y + x" });
 */
import { CourseInputError } from "../errors";
import { displayBundle } from "./bundle";
import { escapeHtml } from "./escape";
import { fmt } from "./slides";
import { tableHtml, tableText } from "./table";

/** What a drawing needs of a Value: its numbers, its operands and how it was made. */
export interface GraphNode {
  data: number;
  grad: number;
  readonly children: readonly GraphNode[];
  /** The operation that made it ("+", "×", "tanh", …), "" for a leaf. */
  readonly op: string;
  label?: string;
}

/** How to draw a graph. */
export interface GraphOptions {
  /** Decimals of data and grad (default 4). */
  digits?: number;
  /** Layout direction: "LR" left to right (default), "TB" top to bottom. */
  direction?: "LR" | "TB";
  /** A caption above the drawing. */
  title?: string;
  /** Leave the grad out of the boxes (for a graph before backward; default false). */
  hideGrad?: boolean;
}

/** Graphs with more Values than this are refused: the drawing would be unreadable. */
export const MAX_DRAWN_NODES = 400;

/**
 * Every Value `root` depends on, `root` included, each once: breadth-first from the root, then reversed, so the
 * root comes last and the leaves far from it first (the same on every run, so drawings and tables are
 * reproducible). Not necessarily a topological order: a drawing does not need one, Graphviz lays the graph out.
 *
 * @example
 * graphNodes(f).length; // the number of boxes in f's drawing
 */
export function graphNodes(root: GraphNode): GraphNode[] {
  checkNode(root, "root");
  const found: GraphNode[] = [root];
  const seen = new Set<GraphNode>(found);
  for (let i = 0; i < found.length; i++) {
    for (const child of found[i].children) {
      checkNode(child, "a child");
      if (!seen.has(child)) {
        seen.add(child);
        found.push(child);
      }
    }
  }
  return found.reverse();
}

function checkNode(node: GraphNode, what: string): void {
  if (
    node === null ||
    typeof node !== "object" ||
    typeof node.data !== "number" ||
    typeof node.grad !== "number" ||
    !Array.isArray(node.children) ||
    typeof node.op !== "string"
  ) {
    throw new CourseInputError(
      `graph drawing: ${what} is not a Value (an object with data, grad, children and op, as value(…) and the ` +
        "operations of exercises/autograd.ts make); pass the Value to draw, e.g. showGraph(loss).",
    );
  }
}

/** Text made safe inside a Graphviz record label (quotes, braces, bars, angle brackets and backslashes escaped). */
function recordText(text: string): string {
  return text.replace(/[\\"{}|<>]/g, (c) => `\\${c}`);
}

/**
 * The Graphviz (DOT) description of the graph of `root`: a record box per Value ("label | data … | grad …") and an
 * ellipse per operation between its operands and its result.
 *
 * @example
 * graphDot(value(2, "x")); // 'digraph G { … n0 [label="{ x | data 2.0000 | grad 0.0000 }"]; }'
 */
export function graphDot(root: GraphNode, opts: GraphOptions = {}): string {
  const nodes = graphNodes(root);
  if (nodes.length > MAX_DRAWN_NODES) {
    throw new CourseInputError(
      `graph drawing: this graph has ${nodes.length} Values, more than ${MAX_DRAWN_NODES} would be unreadable; ` +
        "draw a smaller expression (one neuron, or a network with fewer units).",
    );
  }
  const digits = opts.digits ?? 4;
  const id = new Map(nodes.map((n, i) => [n, `n${i}`] as const));
  const lines = [
    "digraph G {",
    `  rankdir=${opts.direction ?? "LR"};`,
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [color="#555555"];',
  ];
  nodes.forEach((n, i) => {
    const fields = [n.label ? recordText(n.label) : undefined, `data ${fmt(n.data, digits)}`];
    if (!opts.hideGrad) fields.push(`grad ${fmt(n.grad, digits)}`);
    const text = fields.filter((f) => f !== undefined).join(" | ");
    lines.push(`  n${i} [shape=record, style=filled, fillcolor="#eef3fb", label="{ ${text} }"];`);
    if (n.children.length > 0) {
      lines.push(`  n${i}_op [shape=ellipse, label="${recordText(n.op || "?")}", fontsize=12, width=0.3, height=0.3];`);
      lines.push(`  n${i}_op -> n${i};`);
      n.children.forEach((c) => lines.push(`  ${id.get(c)} -> n${i}_op;`));
    }
  });
  lines.push("}");
  return lines.join("\n");
}

/** The Graphviz renderer, loaded on first use (about 20 ms; WebAssembly inside the npm package, no network). */
let vizInstance: Promise<{ renderString(dot: string, opts: { format: string }): string }> | undefined;

/**
 * The SVG drawing of the graph of `root`.
 *
 * @example
 * (await graphSvg(f)).startsWith("<svg"); // true
 */
export async function graphSvg(root: GraphNode, opts: GraphOptions = {}): Promise<string> {
  const dot = graphDot(root, opts);
  if (vizInstance === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const viz = require("@viz-js/viz") as { instance(): Promise<{ renderString(d: string, o: object): string }> };
    vizInstance = viz.instance();
  }
  const svg = (await vizInstance).renderString(dot, { format: "svg" });
  return svg.slice(svg.indexOf("<svg")); // without the XML prolog and DOCTYPE
}

/** The rows of the fold-out table and of the text/plain part: one per Value, in the order of graphNodes. */
function graphRows(root: GraphNode, digits: number): (string | number)[][] {
  const nodes = graphNodes(root);
  const index = new Map(nodes.map((n, i) => [n, i] as const));
  return nodes.map((n, i) => [
    `#${i}`,
    n.label ?? "",
    n.children.length === 0 ? "leaf" : `${n.op}(${n.children.map((c) => `#${index.get(c)}`).join(", ")})`,
    fmt(n.data, digits),
    fmt(n.grad, digits),
  ]);
}

/**
 * Shows the graph of `root` in the notebook: the drawing with every Value's data and grad, and the same numbers in
 * a table that folds out under it (the text/plain part outside a notebook).
 *
 * @example
 * backward(f);
 * await showGraph(f, { title: "f = x·y + x after backward" });
 */
export async function showGraph(root: GraphNode, opts: GraphOptions = {}): Promise<void> {
  const svg = await graphSvg(root, opts);
  const digits = opts.digits ?? 4;
  const rows = graphRows(root, digits);
  const colLabels = ["#", "label", "made by", "data", "grad"];
  const title = opts.title ? `<div style="font-weight:bold;margin:0.3em 0">${escapeHtml(opts.title)}</div>` : "";
  const alt = escapeHtml(`computational graph${opts.title ? " of " + opts.title : ""}, ${rows.length} values`);
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  const html =
    `<div>${title}<img src="${src}" alt="${alt}" style="max-width:100%">` +
    `<details><summary>data and grad of every value as a table</summary>${tableHtml(rows, { colLabels })}` +
    `</details></div>`;
  const text = (opts.title ? opts.title + "\n" : "") + tableText(rows, { colLabels });
  displayBundle({ "text/html": html, "text/plain": text });
}
