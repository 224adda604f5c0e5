/**
 * The executed notebooks as JupyterLab 4 shows them, rendered by Lab's own code: @jupyterlab/outputarea and
 * @jupyterlab/rendermime (pinned in package.json), bundled by esbuild (labOutputs.ts) and run in Debian's Chromium
 * through playwright-core. JupyterLab itself cannot be installed here (Debian has no package; npm has only its
 * source packages), so this is the part of Lab that draws outputs, fed with the saved outputs of every notebook:
 *
 * - signed: every executed notebook in build/notebooks/ carries a signature the local Jupyter accepts: the real
 *   Jupyter server (Notebook 6's, with the user's Jupyter data folder, where the signatures are kept) serves each one
 *   with every code cell marked trusted, as Lab's server does for a notebook it opens — and that served copy is what
 *   is rendered;
 * - trusted, as Lab shows a signed notebook: every figure drawn by plotly, every progress bar at 100 %;
 * - untrusted, as Lab shows a notebook it did not sign (scripts stripped by its sanitiser): every figure shows a
 *   visible line saying to trust the notebook or re-run the cell, never a blank box;
 * - windowed, as Lab's windowed notebook may leave the cell that carries plotly.js out of the page: each later
 *   figure draws from the browser's copy of the library when there is one, and otherwise says what to do.
 *
 * It reuses the executed notebooks that `npm run test:notebooks` (or `npm run notebooks`) wrote to build/notebooks/
 * (npm test runs that step just before this one). No request leaves the machine. Screenshots:
 * build/screenshots/lab-NAME.{trusted,untrusted,windowed}.png.
 *
 *   npm run test:lab                      NN_LAB_ONLY=03,07 npm run test:lab
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserServer, Page } from "playwright-core";
import { plotlyPayload } from "../../lib/display/plotlyLibrary";
import { joinText, readNotebook, type Notebook } from "../../tools/notebooks/nbformat";
import { firstError } from "../../tools/notebooks/run";
import { buildDir, jupyterEnv, notebooksDir } from "../../tools/paths";
import {
  chromiumPath,
  closeQuietly,
  launchChromium,
  offlineContext,
  readOutputs,
  waitFiguresDrawn,
  watchConsole,
} from "../browser/notebookPage";
import { notebookCommand, startNotebookServer, type NotebookServer } from "../browser/notebookServer";
import { stopProcess, withTimeout } from "../browser/processes";

const executedDir = path.join(buildDir, "notebooks");
const labDir = path.join(buildDir, "lab");
const screenshotsDir = path.join(buildDir, "screenshots");
const python = "/usr/bin/python3";
const only = process.env.NN_LAB_ONLY;
const names = fs
  .readdirSync(notebooksDir)
  .filter((f) => f.endsWith(".ipynb") && (!only || only.split(",").some((o) => f.includes(o))))
  .sort();

/** Builds the page: JupyterLab's output rendering bundled by esbuild, and the HTML that loads it. */
function buildHarness(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  fs.mkdirSync(labDir, { recursive: true });
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, "labOutputs.ts")],
    bundle: true,
    outfile: path.join(labDir, "lab.js"),
    format: "iife",
    platform: "browser",
    target: "chrome100",
    logLevel: "warning",
    loader: { ".svg": "text" },
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const html = path.join(labDir, "index.html");
  fs.writeFileSync(
    html,
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>JupyterLab 4 outputs</title>` +
      `<style>body { font-family: sans-serif; margin: 1em; width: 1000px; }` +
      ` .nn-lab-cell { border-left: 3px solid #ddd; margin: 0.5em 0; padding-left: 0.5em; }</style></head>\n` +
      `<body><div id="notebook"></div><script src="lab.js"></script></body></html>\n`,
  );
  return `file://${html}`;
}

/** Figure outputs of a saved notebook (display outputs whose text form is "[plot: …]"), by code-cell index. */
function figureCells(nb: Notebook): number[] {
  const cells: number[] = [];
  nb.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      if (o.data && joinText(o.data["text/plain"] as string | string[]).startsWith("[plot:")) cells.push(i);
    }
  });
  return cells;
}

/** The index of the cell whose output carries plotly.js, or -1. */
function carrierCell(nb: Notebook): number {
  const probe = plotlyPayload().slice(1000, 1100);
  return nb.cells.findIndex((cell) =>
    (cell.outputs ?? []).some((o) => joinText((o.data?.["text/html"] ?? "") as string | string[]).includes(probe)),
  );
}

/** Which of `files` carry a signature that the local Jupyter's notary accepts. */
function signedForLocalJupyter(files: string[]): boolean[] {
  const code =
    "import sys, json, nbformat\nfrom nbformat.sign import NotebookNotary\nn = NotebookNotary()\n" +
    "print(json.dumps([bool(n.check_signature(nbformat.read(f, as_version=4))) for f in sys.argv[1:]]))";
  const out = execFileSync(python, ["-c", code, ...files], { env: jupyterEnv(), encoding: "utf8", timeout: 60_000 });
  return JSON.parse(out) as boolean[];
}

/**
 * The notebook as Jupyter's server hands it to Lab: nbformat's reader joins the lines that the file stores as lists
 * (text/html, text/plain, stream text) back into strings (nbformat.v4.rwbase.rejoin_lines).
 */
function asServed(nb: Notebook): Notebook {
  const join = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? v.join("") : v);
  return {
    ...nb,
    cells: nb.cells.map((cell) => ({
      ...cell,
      outputs: cell.outputs?.map((o) => ({
        ...o,
        ...(o.text !== undefined ? { text: join(o.text) } : {}),
        ...(o.data ? { data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, join(v)])) } : {}),
      })),
    })),
  } as Notebook;
}

/** Renders a notebook's outputs the way Lab does, on a fresh page of `page`'s context. */
async function render(page: Page, url: string, nb: Notebook, trusted: boolean, cells?: number[]): Promise<number> {
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  return page.evaluate(
    ([n, t, c]) =>
      (
        window as unknown as { nnLab: { render(nb: unknown, trusted: boolean, cells?: number[]): number } }
      ).nnLab.render(n, t as boolean, (c as number[] | null) ?? undefined),
    [nb, trusted, cells ?? null] as const,
  );
}

/** The text and size of every figure box on the page. */
async function figureBoxes(page: Page): Promise<{ text: string; height: number }[]> {
  return page.$$eval("div.nn-course-plot", (divs) =>
    divs.map((d) => ({ text: (d.textContent ?? "").trim(), height: d.getBoundingClientRect().height })),
  );
}

describe("notebooks as JupyterLab 4 renders them (Lab's outputarea + rendermime in Chromium)", function () {
  this.timeout(120_000);
  let browserServer: BrowserServer | undefined;
  let browser: Browser | undefined;
  let url = "";
  let server: NotebookServer | undefined;
  let scratch = "";
  let emptyCacheChecked = false;
  const timings: string[] = [];

  /** A notebook as the Jupyter server hands it to a front end, and whether it marks it trusted (every code cell). */
  const served = async (name: string): Promise<{ nb: Notebook; trusted: boolean }> => {
    if (!server) return { nb: asServed(readNotebook(path.join(executedDir, name))), trusted: true };
    const res = await fetch(`${server.url}/api/contents/${encodeURIComponent(name)}?type=notebook&content=1`);
    expect(res.status, `the server serves ${name}`).to.equal(200);
    const nb = ((await res.json()) as { content: Notebook }).content;
    const code = nb.cells.filter((c) => c.cell_type === "code");
    return { nb, trusted: code.every((c) => (c.metadata as { trusted?: boolean } | undefined)?.trusted === true) };
  };

  before(async function () {
    if (!fs.existsSync(chromiumPath)) {
      console.log("      skipped: /usr/bin/chromium is not installed (Debian: apt install chromium; .ci/run does)");
      this.skip();
    }
    const missing = names.filter((n) => !fs.existsSync(path.join(executedDir, n)));
    if (missing.length > 0) {
      throw new Error(
        `no executed copy of ${missing.join(", ")} in build/notebooks/: run \`npm run test:notebooks\` ` +
          "(or `npm run notebooks`) first; npm test runs it before this step.",
      );
    }
    // a student's run (`npm run notebooks` on the stubs) leaves notices and unfinished progress bars: not this test's input
    const unfinished = names.flatMap((n) => {
      const first = firstError(path.join(executedDir, n));
      return first ? [`${n}: ${first.slice(0, 200)}`] : [];
    });
    if (unfinished.length > 0) {
      throw new Error(
        `these executed notebooks in build/notebooks/ did not run cleanly with the solutions:\n${unfinished.join("\n")}\n` +
          "run `npm run test:notebooks` first (npm test runs it before this step).",
      );
    }
    const started = Date.now();
    if (fs.existsSync(notebookCommand)) {
      // the user's Jupyter data folder: where `jupyter trust` and the notebook runner keep the signatures
      const dataDir = execFileSync("/usr/bin/jupyter", ["--data-dir"], { env: jupyterEnv(), encoding: "utf8" }).trim();
      scratch = fs.mkdtempSync(path.join(buildDir, "lab-test-"));
      server = await startNotebookServer({
        rootDir: executedDir,
        scratchDir: scratch,
        env: { JUPYTER_DATA_DIR: dataDir },
      });
    } else console.log("      (jupyter-notebook not installed: signatures checked with nbformat's notary instead)");
    url = buildHarness();
    fs.mkdirSync(screenshotsDir, { recursive: true });
    ({ browserServer, browser } = await launchChromium());
    timings.push(`bundle + browser ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  after(async function () {
    if (browser) await withTimeout(browser.close(), 10_000, "closing the browser").catch(() => undefined);
    const pid = browserServer?.process().pid;
    if (browserServer) await withTimeout(browserServer.close(), 10_000, "stopping the browser").catch(() => undefined);
    if (pid !== undefined) await stopProcess(pid, { group: true, graceMs: 2000 });
    if (server) await withTimeout(server.stop(), 40_000, "stopping Jupyter").catch(() => undefined);
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    if (timings.length > 0) console.log(`      Lab suite timings: ${timings.join("; ")}`);
  });

  it("every executed notebook is signed for the local Jupyter, so Lab and Notebook open it trusted", async function () {
    const files = names.map((n) => path.join(executedDir, n));
    if (server) {
      const untrusted: string[] = [];
      for (const name of names) if (!(await served(name)).trusted) untrusted.push(name);
      expect(untrusted, "notebooks the Jupyter server does not mark trusted").to.deep.equal([]);
      return;
    }
    if (!fs.existsSync(python)) this.skip();
    const signed = signedForLocalJupyter(files);
    expect(
      names.filter((_, i) => !signed[i]),
      "notebooks the local Jupyter does not trust",
    ).to.deep.equal([]);
  });

  for (const name of names) {
    it(`${name}: trusted, every figure drawn and progress at 100 %; untrusted, each figure says to trust or re-run; windowed, drawn from the cache`, async function () {
      const started = Date.now();
      const stem = name.replace(/\.ipynb$/, "");
      const { nb, trusted: signed } = await served(name);
      const figures = figureCells(nb);
      const blocked: string[] = [];
      const context = await offlineContext(browser!, null, blocked);
      const messages: string[] = [];
      try {
        const page = await context.newPage();
        watchConsole(page, messages);
        const why = () => `\nbrowser console:\n${messages.slice(-10).join("\n")}`;

        // trusted (the server says so for a signed notebook): Lab runs the outputs' scripts
        expect(signed, "the Jupyter server marks the notebook trusted").to.equal(true);
        const areas = await render(page, url, nb, true);
        await waitFiguresDrawn(page, 30_000);
        const trusted = await readOutputs(page);
        await page.screenshot({ path: path.join(screenshotsDir, `lab-${stem}.trusted.png`), fullPage: true });
        expect(areas, "output areas").to.be.greaterThan(0);
        expect(trusted.figures.total, "figure boxes on the page vs figure outputs saved").to.equal(figures.length);
        expect(trusted.figures.undrawn, `figures left undrawn (trusted)${why()}`).to.deep.equal([]);
        for (const p of trusted.progress) expect(p, "a progress bar ends at 100 %").to.match(/^100% \((\d+)\/\1\)/);

        // untrusted: Lab sanitises text/html (no script runs); each figure must say what to do
        await render(page, url, nb, false);
        const boxes = await figureBoxes(page);
        await page.screenshot({ path: path.join(screenshotsDir, `lab-${stem}.untrusted.png`), fullPage: true });
        expect(boxes.length, "figure boxes (untrusted) vs figure outputs saved").to.equal(figures.length);
        expect(await page.$$eval(".main-svg", (e) => e.length), "no chart drawn without trust").to.equal(0);
        for (const b of boxes) {
          expect(b.text, "an untrusted figure's visible line").to.match(/^\[plot: .*\] Not drawn: .*Trust.*re-run/);
          expect(b.height, "the line is visible (the box has a height)").to.be.greaterThan(20);
        }

        // windowed: the cell carrying plotly.js is not in the page
        const carrier = carrierCell(nb);
        expect(carrier >= 0, "one output carries plotly.js").to.equal(figures.length > 0);
        const later = [...new Set(figures.filter((i) => i !== carrier))];
        if (later.length > 0) {
          // the trusted render above left the compressed library in this browser's storage: later figures draw
          await render(page, url, nb, true, later);
          await waitFiguresDrawn(page, 30_000);
          const cached = await readOutputs(page);
          await page.screenshot({ path: path.join(screenshotsDir, `lab-${stem}.windowed.png`), fullPage: true });
          expect(cached.figures.undrawn, `figures undrawn without the carrier cell${why()}`).to.deep.equal([]);
          // a browser that never saw the library: each figure says where plotly.js is, instead of staying blank
          // (the same for every notebook: checked on the first one, it takes the figures' 4 s of patience)
          if (!emptyCacheChecked) {
            emptyCacheChecked = true;
            await page.evaluate(() => localStorage.clear());
            await render(page, url, nb, true, later);
            await page.waitForFunction(
              () =>
                Array.from(document.querySelectorAll("div.nn-course-plot")).every((d) =>
                  (d.textContent ?? "").includes("Waiting for plotly.js"),
                ),
              undefined,
              { timeout: 15_000 },
            );
            for (const b of await figureBoxes(page)) expect(b.text).to.match(/first figure of this notebook carries/);
          }
        }
        expect(blocked, "requests that tried to leave the machine").to.deep.equal([]);
      } finally {
        await closeQuietly(context);
        timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s (${figures.length} figures)`);
      }
    });
  }
});
