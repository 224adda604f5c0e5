/**
 * plotly.js for notebook figures, shipped inside the notebook (no CDN, no network).
 *
 * The npm package plotly.js-dist holds a 10 MB unminified bundle; it is minified once with esbuild and cached in
 * <project>/build/vendor/plotly.min.js (re-made when missing or older than the source). The first figure of a
 * kernel session carries it in an inline <script>; later figures reuse window.Plotly.
 */
import * as fs from "fs";
import * as path from "path";

/** Where figure scripts wait for plotly.js: `window[PLOTLY_QUEUE]` is an array of draw callbacks. */
export const PLOTLY_QUEUE = "__nnCoursePlotlyQueue";

/** The project folder (the one holding lib/). */
const projectDir = path.resolve(__dirname, "..", "..");

/** The cached minified library. */
export const plotlyCachePath = path.join(projectDir, "build", "vendor", "plotly.min.js");

let cachedSource: string | undefined;

/** Path of the unminified plotly.js bundle from the npm package. */
function sourcePath(): string {
  return require.resolve("plotly.js-dist/plotly.js", { paths: [projectDir, __dirname] });
}

/** esbuild's minifier, or null when esbuild is not installed (then the unminified bundle is used). */
function minifier(): ((src: string) => string) | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as { transformSync(src: string, o: { minify: boolean }): { code: string } };
    return (src) => esbuild.transformSync(src, { minify: true }).code;
  } catch {
    return null;
  }
}

/**
 * The minified plotly.js source, made on first use and cached on disk and in memory.
 *
 * @example
 * plotlySource().length > 1e6; // true
 */
export function plotlySource(): string {
  if (cachedSource !== undefined) return cachedSource;
  const src = sourcePath();
  const srcTime = fs.statSync(src).mtimeMs;
  if (fs.existsSync(plotlyCachePath) && fs.statSync(plotlyCachePath).mtimeMs >= srcTime) {
    cachedSource = fs.readFileSync(plotlyCachePath, "utf8");
    return cachedSource;
  }
  const full = fs.readFileSync(src, "utf8");
  const minify = minifier();
  if (minify === null) {
    cachedSource = full;
    return cachedSource;
  }
  const code = minify(full);
  fs.mkdirSync(path.dirname(plotlyCachePath), { recursive: true });
  const tmp = `${plotlyCachePath}.${process.pid}.tmp`; // write then rename: a reader never sees half a file
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, plotlyCachePath);
  cachedSource = code;
  return cachedSource;
}

/**
 * The <script> element that loads plotly.js into the page once and then draws every figure waiting for it.
 *
 * require.js (Jupyter Notebook 6, nbconvert's HTML template) would make plotly's UMD wrapper register an anonymous
 * AMD module instead of setting window.Plotly, so define, module and exports are shadowed while it runs.
 */
export function plotlyLibraryHtml(): string {
  const code = plotlySource()
    .replace(/<\/script/gi, "<\\/script")
    .replace(/<!--/g, "<\\!--");
  return (
    `<script type="text/javascript">\n` +
    `if (!window.Plotly) { (function (define, module, exports) {\n${code}\n}).call(window); }\n` +
    `(function () { var q = window.${PLOTLY_QUEUE} || []; window.${PLOTLY_QUEUE} = [];` +
    ` for (var i = 0; i < q.length; i++) { try { q[i](); } catch (e) { console.error(e); } } })();\n` +
    `</script>`
  );
}
