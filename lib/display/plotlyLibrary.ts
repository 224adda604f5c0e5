/**
 * plotly.js for notebook figures, shipped inside the notebook (no CDN, no network), light enough to keep every saved
 * notebook small.
 *
 * The course draws only scatter, bar, histogram, heatmap and contour traces, so it ships plotly's "cartesian" dist
 * bundle (npm plotly.js-cartesian-dist-min, 1.5 MB minified) gzip-compressed and base64-encoded: 0.67 MB of text in
 * the first figure output of a kernel session. The browser unpacks it with DecompressionStream ("gzip") and runs it
 * once; every later figure reuses window.Plotly.
 *
 * A figure whose library-carrying output is not in the page (JupyterLab's windowed notebook leaves off-screen
 * cells out of the document) finds the compressed library in the browser's localStorage, where the first figure
 * put it, and draws anyway; otherwise it says what to do instead of staying blank.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

/** Where figure scripts wait for plotly.js: `window[PLOTLY_QUEUE]` is an array of draw callbacks. */
export const PLOTLY_QUEUE = "__nnCoursePlotlyQueue";

/** The plotly.js trace types the shipped bundle draws (the course uses these only). */
export const PLOTLY_TRACE_TYPES = ["scatter", "bar", "histogram", "heatmap", "contour"] as const;

/** The project folder (the one holding lib/). */
const projectDir = path.resolve(__dirname, "..", "..");

const PACKAGE = "plotly.js-cartesian-dist-min";

let cachedSource: string | undefined;
let cachedPayload: string | undefined;

/** Path of a file of the plotly.js cartesian dist package. */
function packageFile(file: string): string {
  return require.resolve(`${PACKAGE}/${file}`, { paths: [projectDir, __dirname] });
}

/** The version of the shipped plotly.js, e.g. "4.1.1" (part of the browser cache key). */
export function plotlyVersion(): string {
  return (JSON.parse(fs.readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
}

/**
 * The minified plotly.js source (cartesian bundle) that the figures run.
 *
 * @example
 * plotlySource().length > 1e6; // true
 */
export function plotlySource(): string {
  cachedSource ??= fs.readFileSync(packageFile("plotly-cartesian.min.js"), "utf8");
  return cachedSource;
}

/**
 * plotly.js gzip-compressed (level 9, no timestamp: the same bytes on every run) and base64-encoded: what a
 * notebook stores.
 *
 * @example
 * plotlyPayload().length < 0.7e6; // true
 */
export function plotlyPayload(): string {
  cachedPayload ??= zlib.gzipSync(Buffer.from(plotlySource(), "utf8"), { level: 9 }).toString("base64");
  return cachedPayload;
}

/** The localStorage key under which the browser keeps the compressed library (one per plotly.js version). */
export function plotlyStorageKey(): string {
  return `nn-course-plotly-${plotlyVersion()}`;
}

/**
 * Browser code (ES5, no template literals) defining two functions on window:
 * - `__nnCourseUnpack(b64)`: a promise of the text inside a base64 gzip payload (DecompressionStream), rejected with
 *   a sentence when the browser cannot unpack it;
 * - `__nnCoursePlotlyLoad(payload, onError)`: unpacks plotly.js, runs it with require.js's define/module/exports
 *   shadowed (Notebook 6 and nbconvert's template load require.js, which would otherwise turn plotly's UMD wrapper into
 *   an anonymous AMD module), then runs every draw callback queued on `window[PLOTLY_QUEUE]`. Loading twice is
 *   harmless.
 * Small: every figure carries it, so that a figure can load the library from the browser's cache without the
 * output that carries it.
 */
export function plotlyLoaderJs(): string {
  return (
    `window.__nnCourseUnpack = window.__nnCourseUnpack || function (b64) {` +
    ` if (typeof DecompressionStream !== "function") return Promise.reject("this browser cannot unpack the figure` +
    ` (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or newer)");` +
    ` var bin = atob(b64), bytes = new Uint8Array(bin.length);` +
    ` for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);` +
    ` return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();` +
    ` };\n` +
    `window.__nnCoursePlotlyLoad = window.__nnCoursePlotlyLoad || function (b64, fail) {` +
    ` var W = window, Q = ${JSON.stringify(PLOTLY_QUEUE)};` +
    ` function flush() { var q = W[Q] || []; W[Q] = [];` +
    ` for (var i = 0; i < q.length; i++) { try { q[i](); } catch (e) { console.error(e); } } }` +
    ` if (W.Plotly) { flush(); return; }` +
    ` if (W.__nnCoursePlotlyLoading) return; W.__nnCoursePlotlyLoading = true;` +
    ` W.__nnCourseUnpack(b64).then(function (code) {` +
    ` if (!W.Plotly) new Function("define", "module", "exports", code).call(W);` +
    ` W.__nnCoursePlotlyLoading = false; flush();` +
    ` }, function (e) { W.__nnCoursePlotlyLoading = false; fail("plotly.js could not be unpacked: " + e); });` +
    ` };`
  );
}

/**
 * The <script> element that loads plotly.js into the page once (and keeps the compressed copy in localStorage for
 * figures whose carrier is not in the page), then draws every figure waiting for it.
 */
export function plotlyLibraryHtml(): string {
  const payload = JSON.stringify(plotlyPayload());
  const key = JSON.stringify(plotlyStorageKey());
  return (
    `<script type="text/javascript">\n` +
    `(function () {\n${plotlyLoaderJs()}\n` +
    `var b64 = ${payload};\n` +
    `try { if (window.localStorage && localStorage.getItem(${key}) === null) localStorage.setItem(${key}, b64); } catch (e) {}\n` +
    `window.__nnCoursePlotlyLoad(b64, function (why) { window.__nnCoursePlotlyError = why; console.error(why); });\n` +
    `})();\n` +
    `</script>`
  );
}
