/**
 * Interactive plotly.js figures in notebooks, drawn with no network access.
 *
 * Each figure output is an HTML bundle: a div with a deterministic id (nn-course-plot-1, -2, … per kernel session)
 * holding a readable message, and a small script that replaces the message by the chart as soon as window.Plotly
 * exists (queued on window until then). The first figure of the session also carries plotly.js itself, compressed
 * (see plotlyLibrary.ts), so a saved notebook or its nbconvert HTML export still draws every figure when reopened.
 * The message a figure shows when no script runs (an untrusted notebook) says how to get it drawn; the figure's data
 * is stored once, in its script.
 */
import * as zlib from "zlib";
import { CourseInputError } from "../errors";
import { displayBundle, hasKernel } from "./bundle";
import { escapeHtml, scriptJson } from "./escape";
import { PLOTLY_QUEUE, plotlyLibraryHtml, plotlyLoaderJs, plotlyStorageKey } from "./plotlyLibrary";
import { displaySession } from "./session";

/** Options of plot(). */
export interface PlotOptions {
  /** Animation frames ({ name, data }), e.g. one per value of a parameter, played by layout.sliders/updatemenus. */
  frames?: object[];
  /** Figure height in pixels (default 420). */
  height?: number;
  /** plotly config, merged over { responsive: true, displaylogo: false }. */
  config?: object;
}

/** The title text of a plotly layout (layout.title may be a string or { text }). */
function titleOf(layout: object): string | undefined {
  const t = (layout as { title?: unknown }).title;
  if (typeof t === "string") return t;
  if (t !== null && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") {
    return (t as { text: string }).text;
  }
  return undefined;
}

/** title: "text" → title: { text: "text" } (plotly.js 3+ accepts only the object form), for the figure and its axes. */
function withTitleObjects(layout: object): object {
  const out: Record<string, unknown> = { ...layout };
  const fix = (o: Record<string, unknown>) => {
    if (typeof o.title === "string") o.title = { text: o.title };
  };
  fix(out);
  for (const key of Object.keys(out)) {
    const v = out[key];
    if (/^[xyz]axis\d*$/.test(key) && v !== null && typeof v === "object" && !Array.isArray(v)) {
      out[key] = { ...v };
      fix(out[key] as Record<string, unknown>);
    }
  }
  return out;
}

/**
 * The plain-text stand-in of a figure, e.g. "[plot: Loss, 2 traces]".
 *
 * @example
 * figureText([{}, {}], { title: "Loss" }); // "[plot: Loss, 2 traces]"
 */
export function figureText(traces: object[], layout: object = {}): string {
  const title = titleOf(layout);
  const n = `${traces.length} trace${traces.length === 1 ? "" : "s"}`;
  return title ? `[plot: ${title}, ${n}]` : `[plot: ${n}]`;
}

/** A histogram trace with more raw values than this is stored as counts on a fine grid (see compactHistogram). */
export const HISTOGRAM_RAW_MAX = 5000;

/** Levels of the grid a large histogram's values are put on: 10⁴ across their range, far finer than any bin. */
const HISTOGRAM_LEVELS = 10_000;

/**
 * A histogram of many raw values (`{ type: "histogram", x: [...] }`, more than HISTOGRAM_RAW_MAX numbers, no y, no
 * histfunc) as the same histogram from far less data: each value moved to the nearest of 10⁴ evenly spaced levels
 * across the values' range (at most range/20000 away, a small fraction of a bin), and the trace given as those levels
 * with their counts (`histfunc: "sum"`, which plotly bins exactly as it bins the raw values). Other traces are
 * returned as they are.
 *
 * @example
 * const t = compactHistogram({ type: "histogram", x: Array.from({ length: 6000 }, (_, i) => i % 3) });
 * // { type: "histogram", x: [0, 1, 2], y: [2000, 2000, 2000], histfunc: "sum" }
 */
export function compactHistogram(trace: object): object {
  const t = trace as { type?: unknown; x?: unknown; y?: unknown; histfunc?: unknown };
  if (t.type !== "histogram" || t.y !== undefined || t.histfunc !== undefined) return trace;
  const raw = t.x as ArrayLike<unknown> | undefined;
  if (raw === undefined || raw === null || typeof raw !== "object" || typeof raw.length !== "number") return trace;
  if (raw.length <= HISTOGRAM_RAW_MAX) return trace;
  const values: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v !== "number") return trace; // categories: left to plotly
    if (Number.isFinite(v)) values.push(v);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Map<number, number>();
  const step = hi > lo ? (hi - lo) / HISTOGRAM_LEVELS : 1;
  for (const v of values) {
    const k = Math.round((v - lo) / step);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const levels = [...counts.keys()].sort((a, b) => a - b);
  return {
    ...trace,
    x: levels.map((k) => Number((lo + k * step).toPrecision(7))),
    y: levels.map((k) => counts.get(k)!),
    histfunc: "sum",
  };
}

/** A figure whose JSON is longer than this (characters) is stored rounded and compressed (see figureData). */
export const PACK_ABOVE = 20_000;

/** Numbers rounded to 6 significant digits (integers as they are), deep; other values as they are. */
function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rounded(v);
    return out;
  }
  return value;
}

/**
 * How a figure's data goes into its script: `json`, the figure as a script-safe JSON literal, or — for a figure
 * larger than PACK_ABOVE characters — `json` "null" and `packed`, a string literal of the figure's JSON with every
 * number rounded to 6 significant digits (far finer than a chart's pixels and its hover labels), gzip-compressed and
 * base64-encoded, which the browser unpacks with DecompressionStream. Either way the data is stored once, and the
 * same figure always gives the same text.
 *
 * @example
 * figureData({ data: [{ y: [1, 2] }] }).json; // '{"data":[{"y":[1,2]}]}'
 */
export function figureData(figure: object): { json: string; packed: string } {
  const json = scriptJson(figure);
  if (json.length <= PACK_ABOVE) return { json, packed: "null" };
  const small = JSON.stringify(rounded(JSON.parse(json)));
  return {
    json: "null",
    packed: JSON.stringify(zlib.gzipSync(Buffer.from(small, "utf8"), { level: 9 }).toString("base64")),
  };
}

/**
 * The HTML of one figure: the div (with a message shown until plotly draws) and the script that draws it.
 * Pure: the same arguments give the same HTML.
 *
 * @example
 * figureHtml("nn-course-plot-1", [{ x: [0, 1], y: [1, 0] }], { title: "demo" }).includes('id="nn-course-plot-1"'); // true
 */
export function figureHtml(id: string, traces: object[], layout: object = {}, opts: PlotOptions = {}): string {
  const height = opts.height ?? 420;
  const fullLayout = {
    autosize: true,
    height,
    margin: { l: 60, r: 30, t: titleOf(layout) ? 50 : 25, b: 50 },
    ...withTitleObjects(layout),
  };
  const config = { responsive: true, displaylogo: false, ...(opts.config ?? {}) };
  const figure = {
    data: traces.map(compactHistogram),
    layout: fullLayout,
    config,
    ...(opts.frames ? { frames: opts.frames } : {}),
  };
  const text = figureText(traces, layout);
  const { json, packed } = figureData(figure);
  // Shown as it is where no script runs: an untrusted notebook (JupyterLab, Notebook) keeps the text, drops the script.
  const untrusted =
    `${text} Not drawn: Jupyter runs no script in a notebook it does not trust, and plotly.js draws this figure. ` +
    `Trust the notebook (JupyterLab: command palette → Trust Notebook; Jupyter Notebook: File → Trust Notebook), ` +
    `or re-run this cell.`;
  const waiting =
    `${text} Waiting for plotly.js, which the first figure of this notebook carries: scroll up to that figure, ` +
    `or run the notebook again from the top (Restart Kernel and Run All Cells).`;
  // Finds its own div (currentScript where the frontend keeps the script in place, else the first undrawn div with
  // this id), then draws now, or once plotly.js has loaded: from the output that carries it, else from the copy that
  // output left in localStorage (when its cell is not in the page, e.g. scrolled away in a windowed notebook).
  const script = `(function () {
  var id = ${scriptJson(id)}, fig = ${json}, tries = 0;
  var packed = ${packed}, W = window, Q = ${scriptJson(PLOTLY_QUEUE)};
  var key = ${scriptJson(plotlyStorageKey())}, text = ${scriptJson(text)}, waiting = ${scriptJson(waiting)};
  ${plotlyLoaderJs()}
  function target() {
    var me = document.currentScript, el = me && me.previousElementSibling;
    if (el && el.id === id && !el.getAttribute("data-nn-claimed")) return el;
    var all = document.querySelectorAll('[id="' + id + '"]');
    for (var i = 0; i < all.length; i++) if (!all[i].getAttribute("data-nn-claimed")) return all[i];
    return null;
  }
  function start(el) {
    if (!el) { if (tries++ < 200) setTimeout(function () { start(target()); }, 50); return; }
    el.setAttribute("data-nn-claimed", "1");
    var drawn = false;
    function say(why) { if (!drawn) el.textContent = why; }
    function draw() {
      if (!fig) {
        W.__nnCourseUnpack(packed).then(function (t) { fig = JSON.parse(t); draw(); },
          function (e) { say(text + " Not drawn: " + e); });
        return;
      }
      drawn = true;
      el.innerHTML = "";
      el.style.border = "none";
      el.style.padding = "0";
      W.Plotly.newPlot(el, fig).catch(function (e) { el.textContent = "Plot failed: " + e; });
    }
    if (W.Plotly) { draw(); return; }
    say(text + " Loading plotly.js…");
    (W[Q] = W[Q] || []).push(draw);
    var cached = null;
    try { cached = W.localStorage ? W.localStorage.getItem(key) : null; } catch (e) { cached = null; }
    if (cached) W.__nnCoursePlotlyLoad(cached, function (why) { say(text + " Not drawn: " + why); });
    setTimeout(function () { say(W.__nnCoursePlotlyError ? text + " Not drawn: " + W.__nnCoursePlotlyError : waiting); }, 4000);
  }
  start(target());
})();`;
  return (
    `<div id="${escapeHtml(id)}" class="nn-course-plot" style="width:100%;height:${height}px;box-sizing:border-box;` +
    `border:1px dashed #bbb;color:#666;padding:1em;font:13px sans-serif">${escapeHtml(untrusted)}</div>\n` +
    `<script type="text/javascript">\n${script}\n</script>`
  );
}

/**
 * Shows a plotly.js figure: any traces, any layout (sliders, updatemenus, subplots…) and optional animation
 * frames, so a precomputed parameter sweep can be scrubbed in the browser with no kernel round trip.
 * Without a kernel it prints "[plot: <title>, N traces]".
 *
 * @example
 * const ks = [1, 2, 3];
 * const xs = Array.from({ length: 50 }, (_, i) => i / 10);
 * plot([{ x: xs, y: xs.map((x) => Math.sin(x)), mode: "lines" }], {
 *   title: "sin(k·x)",
 *   sliders: [{ steps: ks.map((k) => ({ label: `k=${k}`, method: "animate", args: [[`k${k}`], { mode: "immediate" }] })) }],
 * }, { frames: ks.map((k) => ({ name: `k${k}`, data: [{ x: xs, y: xs.map((x) => Math.sin(k * x)) }] })) });
 */
export function plot(traces: object[], layout: object = {}, opts: PlotOptions = {}): void {
  if (!Array.isArray(traces)) {
    throw new CourseInputError(
      "plot: traces must be an array of plotly trace objects, e.g. [{ x: [0, 1], y: [1, 0] }].",
    );
  }
  if (opts.height !== undefined && !(opts.height > 0)) {
    throw new CourseInputError(`plot: height must be a positive number of pixels, got ${opts.height}.`);
  }
  const text = figureText(traces, layout);
  if (!hasKernel()) {
    displayBundle({ "text/plain": text });
    return;
  }
  const session = displaySession();
  const id = `nn-course-plot-${++session.plots}`;
  const library = session.librarySent ? "" : plotlyLibraryHtml() + "\n";
  displayBundle({ "text/html": library + figureHtml(id, traces, layout, opts), "text/plain": text });
  session.librarySent = true;
}
