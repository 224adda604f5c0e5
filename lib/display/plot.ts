/**
 * Interactive plotly.js figures in notebooks, drawn with no network access.
 *
 * Each figure output is an HTML bundle: a div with a deterministic id (nn-course-plot-1, -2, … per kernel session)
 * holding a readable message, and a small script that replaces the message by the chart as soon as window.Plotly
 * exists (queued on window until then). The first figure of the session also carries plotly.js itself (see
 * plotlyLibrary.ts), so a saved notebook or its nbconvert HTML export still draws every figure when reopened.
 */
import { CourseInputError } from "../errors";
import { displayBundle, hasKernel } from "./bundle";
import { escapeHtml, scriptJson } from "./escape";
import { PLOTLY_QUEUE, plotlyLibraryHtml } from "./plotlyLibrary";
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
  const figure = { data: traces, layout: fullLayout, config, ...(opts.frames ? { frames: opts.frames } : {}) };
  const message =
    `${escapeHtml(figureText(traces, layout))} This figure is drawn by plotly.js, which the first figure of the ` +
    `notebook loads. If this message stays, run the notebook again from the top (Restart &amp; Run All).`;
  // Finds its own div (currentScript where the frontend keeps the script in place, else the first undrawn div with
  // this id), then draws now or once plotly.js has loaded.
  const script = `(function () {
  var id = ${scriptJson(id)}, fig = ${scriptJson(figure)}, tries = 0;
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
    function draw() {
      el.innerHTML = "";
      el.style.border = "none";
      el.style.padding = "0";
      window.Plotly.newPlot(el, fig).catch(function (e) { el.textContent = "Plot failed: " + e; });
    }
    if (window.Plotly) draw(); else (window.${PLOTLY_QUEUE} = window.${PLOTLY_QUEUE} || []).push(draw);
  }
  start(target());
})();`;
  return (
    `<div id="${escapeHtml(id)}" class="nn-course-plot" style="width:100%;height:${height}px;box-sizing:border-box;` +
    `border:1px dashed #bbb;color:#666;padding:1em;font:13px sans-serif">${message}</div>\n` +
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
