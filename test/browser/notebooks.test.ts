/**
 * End to end, as a student meets the workbook: Jupyter Notebook 6 with the course kernel, every notebook opened in
 * headless Chromium and run with Cell → Run All, then checked on the page: the course kernel, no error output, every
 * figure drawn by plotly, every progress bar at 100 %. Each notebook is saved from the UI, the page reloaded (figures
 * must draw again from the saved outputs alone) and a full-page screenshot kept in build/screenshots/. The saved
 * notebooks are then exported with nbconvert and the HTML opened offline, and their size is checked: plotly.js is
 * carried once per notebook, not once per figure, and no saved notebook exceeds 1.5 MB.
 *
 * The server serves a temporary copy of notebooks/ inside build/ (node_modules is found up the tree), so the
 * committed notebooks are never touched. No request leaves 127.0.0.1: anything else is refused and reported.
 * Needs /usr/bin/chromium and /usr/bin/jupyter-notebook (installed by .ci/run); skipped, saying so, without them.
 *
 *   npm run test:browser                          all notebooks
 *   NN_BROWSER_ONLY=01 npm run test:browser       notebooks whose file name contains "01"
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import type { Browser, BrowserContext, BrowserServer, Page } from "playwright-core";
import { plotlyPayload } from "../../lib/display/plotlyLibrary";
import { MAX_NOTEBOOK_BYTES } from "../../tools/notebooks/size";
import { installKernelSpec } from "../../tools/kernelspec";
import { readNotebook, joinText, type Notebook } from "../../tools/notebooks/nbformat";
import { buildDir, jupyterEnv, kernelDisplayName, kernelName, notebooksDir } from "../../tools/paths";
import { notebookCommand, startNotebookServer, type NotebookServer } from "./notebookServer";
import {
  chromiumPath,
  launchChromium,
  closeQuietly,
  offlineContext,
  openNotebook,
  readNotebookPage,
  readOutputs,
  runAllCells,
  saveNotebook,
  screenshotFigures,
  screenshotNotebook,
  type PageState,
  waitFiguresDrawn,
  watchConsole,
} from "./notebookPage";
import { pidsWithArg, stopProcess, withTimeout } from "./processes";

const python = "/usr/bin/python3";
const execFileAsync = promisify(execFile);
const screenshotsDir = path.join(buildDir, "screenshots");
const only = process.env.NN_BROWSER_ONLY;
const notebookNames = fs
  .readdirSync(notebooksDir)
  .filter((f) => f.endsWith(".ipynb") && (!only || f.includes(only)))
  .sort();
/** The notebook whose HTML export is also kept as a screenshot. */
const firstStem = notebookNames[0]?.replace(/\.ipynb$/, "");

/** Per notebook: opening it and starting its kernel, running every cell (the slowest take ~40 s on 2 cores). */
const openTimeoutMs = 60_000;
const runTimeoutMs = 300_000;
const perNotebookMs = openTimeoutMs + runTimeoutMs + 120_000;
/**
 * Notebooks running at the same time, each in its own kernel and browser context (NN_BROWSER_PARALLEL, default 2).
 * Kernels spend much of a run waiting (compiling cells, messages), so two at a time use two cores well.
 */
const parallel = Math.max(1, Number(process.env.NN_BROWSER_PARALLEL ?? 2) || 2);

/** Figure outputs of a saved notebook: display outputs whose text form is the plot stand-in "[plot: …]". */
function figureOutputs(nb: Notebook): number {
  let n = 0;
  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) {
      if (o.data && joinText(o.data["text/plain"] as string | string[]).startsWith("[plot:")) n++;
    }
  }
  return n;
}

/** How many times `needle` occurs in the HTML outputs of a notebook (each output's text joined from its lines). */
function countInHtmlOutputs(nb: Notebook, needle: string): number {
  let n = 0;
  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) {
      const html = o.data?.["text/html"];
      if (html === undefined) continue;
      const text = joinText(html as string | string[]);
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
    }
  }
  return n;
}

function tool(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What running one notebook in the UI showed. */
interface NotebookRun {
  failure?: string;
  diagnostics: string;
  state?: PageState;
  reopened?: Awaited<ReturnType<typeof readOutputs>>;
  sessionKernel?: string;
  figureOutputs?: number;
  file?: string;
  /** The nbconvert HTML export of the saved notebook, opened from disk. */
  exported?: { outputs: Awaited<ReturnType<typeof readOutputs>>; console: string[] };
  blocked: string[];
  seconds: { run: number; checks: number };
}

/**
 * Opens one notebook in a fresh browser context, runs all cells from the menu, reads the page, takes the
 * screenshots, saves from the UI, reloads and reads the figures again; then shuts its kernel down. Never throws:
 * a failure is returned, and the test of that notebook reports it.
 */
async function runInBrowser(
  browser: Browser,
  server: NotebookServer,
  root: string,
  name: string,
): Promise<NotebookRun> {
  const blocked: string[] = [];
  const run: NotebookRun = { diagnostics: "", blocked, seconds: { run: 0, checks: 0 } };
  const started = Date.now();
  const stem = name.replace(/\.ipynb$/, "");
  const consoleErrors: string[] = [];
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  try {
    context = await offlineContext(browser, server.url, blocked);
    page = await context.newPage();
    watchConsole(page, consoleErrors);
    await openNotebook(page, `${server.url}/notebooks/${encodeURIComponent(name)}`, openTimeoutMs);
    await runAllCells(page, runTimeoutMs);
    await waitFiguresDrawn(page, 30_000);
    const ran = Date.now();
    run.seconds.run = (ran - started) / 1000;
    run.state = await readNotebookPage(page);
    const sessions = (await (await fetch(`${server.url}/api/sessions`)).json()) as Session[];
    run.sessionKernel = sessions.find((s) => s.path.endsWith(name))?.kernel.name;
    await screenshotNotebook(page, path.join(screenshotsDir, `${stem}.png`));
    await saveNotebook(page, 60_000);
    run.file = path.join(root, name);
    run.figureOutputs = figureOutputs(readNotebook(run.file));
    // reopen: the figures must draw from the saved outputs alone
    await page.reload({ waitUntil: "load", timeout: openTimeoutMs });
    await page.waitForSelector("#notebook-container .cell", { timeout: openTimeoutMs });
    await waitFiguresDrawn(page, 30_000);
    run.reopened = await readOutputs(page);
    if (process.env.NN_BROWSER_FIGURES) await screenshotFigures(page, path.join(screenshotsDir, stem));
    run.exported = await openExport(context, run.file, stem === firstStem);
    run.seconds.checks = (Date.now() - ran) / 1000;
  } catch (e) {
    run.failure = (e as Error).message;
    await page
      ?.screenshot({ path: path.join(screenshotsDir, `${stem}.failed.png`), timeout: 20_000 })
      .catch(() => undefined);
  } finally {
    run.diagnostics =
      `\nbrowser console (last lines):\n${consoleErrors.slice(-20).join("\n")}` +
      `\nserver log (tail):\n${server.log().slice(-3000)}`;
    await closeQuietly(context);
    await shutDownSessions(server, name);
  }
  return run;
}

/**
 * Exports a saved notebook with nbconvert (asynchronously: the other notebooks keep running) and reads its figures
 * with the page opened from disk; `screenshot` keeps a full-page PNG of it.
 */
async function openExport(
  context: BrowserContext,
  file: string,
  screenshot: boolean,
): Promise<NotebookRun["exported"]> {
  await withTimeout(
    execFileAsync(python, ["-m", "nbconvert", "--to", "html", "--log-level", "WARN", file], {
      env: jupyterEnv(),
      maxBuffer: 16 * 1024 * 1024,
    }),
    240_000,
    `nbconvert ${path.basename(file)}`,
  );
  const html = file.replace(/\.ipynb$/, ".html");
  const page = await context.newPage();
  const messages = watchConsole(page, []);
  // nbconvert's template asks CDNs for require.js and MathJax: refused here (page routes come before the
  // context's), the figures must draw without them
  await page.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort("internetdisconnected"),
  );
  try {
    await page.goto(`file://${html}`, { waitUntil: "load", timeout: 60_000 });
    await waitFiguresDrawn(page, 30_000);
    if (screenshot) {
      const png = path.join(screenshotsDir, path.basename(html).replace(/\.html$/, ".export.png"));
      await page.screenshot({ path: png, fullPage: true, timeout: 60_000 });
    }
    return { outputs: await readOutputs(page), console: messages };
  } finally {
    await page.close().catch(() => undefined);
  }
}

interface Session {
  id: string;
  path: string;
  kernel: { name: string };
}

/** Shuts down the kernel sessions of one notebook (frees memory and CPU for the next one). */
async function shutDownSessions(server: NotebookServer, name: string): Promise<void> {
  try {
    const res = await withTimeout(fetch(`${server.url}/api/sessions`), 5000, "listing sessions");
    const sessions = (await res.json()) as Session[];
    for (const s of sessions.filter((x) => x.path.endsWith(name))) {
      await withTimeout(fetch(`${server.url}/api/sessions/${s.id}`, { method: "DELETE" }), 10_000, "session");
    }
  } catch {
    // stopping the server shuts every kernel down anyway
  }
}

/** Runs `work` on every item, at most `limit` at a time; one promise per item, in order. */
function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R>[] {
  let next = 0;
  const results: { resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  const promises = items.map((_, i) => new Promise<R>((resolve, reject) => (results[i] = { resolve, reject })));
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]).then(results[i].resolve, results[i].reject);
    }
  };
  for (let k = 0; k < Math.min(limit, items.length); k++) void lane();
  return promises;
}

describe("notebooks in a real browser (Jupyter Notebook 6, headless Chromium)", function () {
  this.timeout(120_000);

  let scratch = "";
  let server: NotebookServer | undefined;
  let browserServer: BrowserServer | undefined;
  let browser: Browser | undefined;
  let runs: Map<string, Promise<NotebookRun>> | undefined;
  /** Notebooks run and saved in the UI, by file name → the saved copy. */
  const saved = new Map<string, string>();
  const timings: string[] = [];

  before(async function () {
    const missing = [chromiumPath, notebookCommand].filter((f) => !tool(f));
    if (missing.length > 0) {
      console.log(
        `      skipped: ${missing.join(" and ")} not installed ` +
          "(Debian/Ubuntu: apt install chromium jupyter-notebook; .ci/run installs both)",
      );
      this.skip();
    }
    this.timeout(120_000);
    installKernelSpec();
    fs.mkdirSync(buildDir, { recursive: true });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    // inside build/, so that the kernel resolves "nn-course" from the project's node_modules
    scratch = fs.mkdtempSync(path.join(buildDir, "browser-test-"));
    const root = path.join(scratch, "notebooks");
    fs.mkdirSync(root);
    for (const name of notebookNames) fs.copyFileSync(path.join(notebooksDir, name), path.join(root, name));
    const started = Date.now();
    server = await startNotebookServer({
      rootDir: root,
      scratchDir: path.join(scratch, "jupyter"),
      env: { NN_COURSE_IMPL: "solutions" },
    });
    ({ browserServer, browser } = await launchChromium());
    timings.push(`server + browser start ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const b = browser;
    const srv = server;
    const suiteStart = Date.now();
    const promises = pool(notebookNames, parallel, async (name) => {
      const run = await runInBrowser(b, srv, root, name);
      timings.push(
        `${name} ${run.seconds.run.toFixed(1)} s run + ${run.seconds.checks.toFixed(1)} s checks ` +
          `(${run.state?.figures.total ?? "?"} figures, ${run.state?.progress.length ?? "?"} progress bars)`,
      );
      return run;
    });
    runs = new Map(notebookNames.map((n, i) => [n, promises[i]]));
    void Promise.all(promises).then(() =>
      timings.push(
        `all notebooks in the UI ${((Date.now() - suiteStart) / 1000).toFixed(1)} s (${parallel} at a time)`,
      ),
    );
  });

  after(async function () {
    this.timeout(60_000);
    if (browser) await withTimeout(browser.close(), 10_000, "closing the browser").catch(() => undefined);
    const pid = browserServer?.process().pid;
    if (browserServer) await withTimeout(browserServer.close(), 10_000, "stopping the browser").catch(() => undefined);
    if (pid !== undefined) await stopProcess(pid, { group: true, graceMs: 2000 });
    if (server) await withTimeout(server.stop(), 40_000, "stopping Jupyter").catch(() => undefined);
    if (scratch) {
      for (const p of pidsWithArg(scratch)) await stopProcess(p, { graceMs: 2000 });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    if (timings.length > 0) console.log(`      browser suite timings: ${timings.join("; ")}`);
  });

  for (const name of notebookNames) {
    it(`${name}: Run All in the UI shows no error, every figure drawn, progress at 100 %; saved, it reopens drawn`, async function () {
      // runs are queued (see `parallel`): the deadline covers the wait, each step inside has its own timeout
      this.timeout(Math.ceil(notebookNames.length / parallel) * (perNotebookMs + 30_000));
      const run = await runs!.get(name)!;
      const why = `${run.diagnostics}`;
      if (run.failure) expect.fail(`${run.failure}${why}`);
      const { state, reopened, sessionKernel, figureOutputs: outputs } = run;
      expect(state!.kernelName, "the kernel indicator names the course kernel").to.equal(kernelDisplayName);
      expect(sessionKernel, "the session's kernelspec").to.equal(kernelName);
      expect(state!.errors, `error outputs on the page${why}`).to.deep.equal([]);
      const unrun = state!.prompts.filter((p) => !/^\[\d+\]$/.test(p));
      expect(unrun, `every code cell ran (prompts: ${state!.prompts.join(" ")})${why}`).to.deep.equal([]);
      expect(state!.figures.undrawn, `figures left undrawn${why}`).to.deep.equal([]);
      expect(state!.figures.drawn).to.equal(state!.figures.total);
      expect(state!.figures.total, "one drawn figure per figure output of the saved notebook").to.equal(outputs);
      for (const p of state!.progress) expect(p, "a progress bar ends at 100 %").to.match(/^100% \((\d+)\/\1\)/);
      expect(reopened!.figures.undrawn, `figures undrawn after reopening${why}`).to.deep.equal([]);
      expect(reopened!.figures.total, "figures after reopening").to.equal(state!.figures.total);
      expect(reopened!.progress, "progress bars after reopening").to.deep.equal(state!.progress);
      expect(run.blocked, "requests that tried to leave 127.0.0.1").to.deep.equal([]);
      saved.set(name, run.file!);
    });
  }

  it("the nbconvert HTML exports of the executed notebooks draw every figure, offline", async function () {
    if (saved.size === 0) this.skip();
    for (const name of saved.keys()) {
      const run = await runs!.get(name)!;
      const out = run.exported!;
      expect(out.outputs.figures.undrawn, `${name} export: undrawn figures\n${out.console.join("\n")}`).to.deep.equal(
        [],
      );
      expect(out.outputs.figures.total, `${name} export: figures`).to.equal(run.figureOutputs);
      for (const p of out.outputs.progress) expect(p, `${name} export: a progress bar`).to.match(/^100% /);
    }
  });

  it("plots do not bloat notebooks: each saved notebook carries plotly.js once and stays within 1.5 MB", function () {
    if (saved.size === 0) this.skip();
    const library = plotlyPayload();
    // a stretch from the middle of the compressed library identifies a copy of it
    const probe = library.slice(Math.floor(library.length / 2), Math.floor(library.length / 2) + 120);
    let most = 0;
    for (const [name, file] of saved) {
      const nb = readNotebook(file);
      const figures = figureOutputs(nb);
      const bytes = fs.statSync(file).size;
      most = Math.max(most, figures);
      expect(countInHtmlOutputs(nb, probe), `${name}: copies of plotly.js`).to.equal(figures > 0 ? 1 : 0);
      expect(bytes, `${name}: ${figures} figures in ${(bytes / 1e6).toFixed(2)} MB`).to.be.at.most(MAX_NOTEBOOK_BYTES);
      timings.push(`${name} saved ${(bytes / 1e6).toFixed(2)} MB, ${figures} figures`);
    }
    expect(most, "at least one notebook has several figures, so this check means something").to.be.at.least(5);
  });
});
