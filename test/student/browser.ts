/**
 * The student at the Notebook UI: a scratch notebook in the student edition opened in Jupyter Notebook 6 in
 * headless Chromium, a printing loop run from the Cell menu and stopped with Kernel → Interrupt.
 * Reuses the browser test's server and page helpers (test/browser/).
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserServer, Page } from "playwright-core";
import { kernelDisplayName, kernelName } from "../../tools/paths";
import { writeNotebook } from "../../tools/notebooks/nbformat";
import {
  chromiumPath,
  launchChromium,
  closeQuietly,
  offlineContext,
  openNotebook,
  screenshotNotebook,
} from "../browser/notebookPage";
import { notebookCommand, startNotebookServer, type NotebookServer } from "../browser/notebookServer";
import { sleep, stopProcess, withTimeout } from "../browser/processes";
import type { Edition } from "./edition";

export const printingLoop = 'let i = 0;\nwhile (true) console.log("line", i++);';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the browser scenario cannot run here (what to install), or undefined when it can. */
export function browserMissing(): string | undefined {
  const missing = [chromiumPath, notebookCommand].filter((f) => !executable(f));
  if (missing.length === 0) return undefined;
  return (
    `${missing.join(" and ")} not installed ` +
    "(Debian/Ubuntu: apt install chromium jupyter-notebook; .ci/run installs both)"
  );
}

export interface InterruptSeen {
  /** Seconds from clicking Interrupt until the cell's prompt no longer read [*]; null if it never changed. */
  secondsToIdle: number | null;
  /** The cell's prompt at the end, e.g. "[1]". */
  prompt: string;
  /** The text of the cell's error output, and whether it is on screen once the output is scrolled to it. */
  errorText: string;
  errorVisible: boolean;
  /** What went wrong on the way, if anything (a timeout, a missing element). */
  failure?: string;
  /** The server's log and the browser's console errors, for the assertion messages. */
  log: string;
}

/** The cell's prompt without "In", colon and spaces: "[*]", "[3]", "[ ]"; "(no answer)" while the page hangs. */
async function promptOf(page: Page): Promise<string> {
  const read = page.evaluate(() => document.querySelector("#notebook-container .code_cell .input_prompt")?.textContent);
  try {
    return ((await withTimeout(read, 1000, "reading the prompt")) ?? "").replace(/\s|In|:/g, "");
  } catch {
    return "(no answer)";
  }
}

/**
 * Runs the printing loop in a scratch notebook of the edition, clicks Kernel → Interrupt after 1.5 s, watches the
 * prompt for up to 10 s, and saves a full-page screenshot to `screenshot`.
 */
export async function interruptPrintingLoopInBrowser(edition: Edition, screenshot: string): Promise<InterruptSeen> {
  const name = "student-interrupt.ipynb";
  writeNotebook(path.join(edition.notebooksDir, name), {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: kernelName, display_name: kernelDisplayName, language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: [{ cell_type: "code", id: "loop", source: printingLoop, metadata: {}, outputs: [], execution_count: null }],
  });
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  const consoleErrors: string[] = [];
  const seen: InterruptSeen = { secondsToIdle: null, prompt: "", errorText: "", errorVisible: false, log: "" };
  let server: NotebookServer | undefined;
  let browserServer: BrowserServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startNotebookServer({
      rootDir: edition.notebooksDir,
      scratchDir: path.join(edition.tmp, "jupyter"),
      env: { JUPYTER_PATH: edition.jupyterPath },
    });
    ({ browserServer, browser } = await launchChromium());
    const context = await offlineContext(browser, server.url, []);
    const page = await context.newPage();
    page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
    // a page flooded with output answers late: no single step may wait long
    page.setDefaultTimeout(10_000);
    await openNotebook(page, `${server.url}/notebooks/${name}`, 60_000);
    await page.click("#notebook-container .code_cell .input_prompt");
    await page.click("#menus a.dropdown-toggle:text-is('Cell')");
    await page.click("#run_cell > a");
    await sleep(1500);
    await page.click("#menus a.dropdown-toggle:text-is('Kernel')");
    const clicked = Date.now();
    await page.click("#int_kernel > a");
    const until = clicked + 10_000;
    while (Date.now() < until) {
      if (/^\[\d+\]$/.test(await promptOf(page))) {
        seen.secondsToIdle = (Date.now() - clicked) / 1000;
        break;
      }
      await sleep(100);
    }
    seen.prompt = await promptOf(page);
    // the error output follows the prompt's change by a moment
    await page
      .waitForSelector("#notebook-container .code_cell .output_error", { timeout: 3000 })
      .catch(() => undefined);
    // the student scrolls the cell's output to its end, where the interrupted line is
    const error = page.locator("#notebook-container .code_cell .output_error").first();
    await error.scrollIntoViewIfNeeded({ timeout: 3000 }).catch(() => undefined);
    seen.errorVisible = await error.isVisible().catch(() => false);
    seen.errorText = ((await error.textContent({ timeout: 3000 }).catch(() => "")) ?? "").trim();
    await withTimeout(screenshotNotebook(page, screenshot), 20_000, "the full-page screenshot").catch(() =>
      page.screenshot({ path: screenshot, timeout: 10_000 }).catch(() => undefined),
    );
    await closeQuietly(context);
  } catch (e) {
    seen.failure = (e as Error).message;
  } finally {
    seen.log = `\nbrowser: ${consoleErrors.slice(-10).join("\n")}\nserver log (tail):\n${server?.log().slice(-2000) ?? ""}`;
    if (browser) await withTimeout(browser.close(), 10_000, "closing the browser").catch(() => undefined);
    const pid = browserServer?.process().pid;
    if (browserServer) await withTimeout(browserServer.close(), 10_000, "stopping the browser").catch(() => undefined);
    if (pid !== undefined) await stopProcess(pid, { group: true, graceMs: 2000 });
    if (server) await withTimeout(server.stop(), 40_000, "stopping Jupyter").catch(() => undefined);
    // The scratch notebook (an endless printing loop) must not stay among the edition's notebooks.
    fs.rmSync(path.join(edition.notebooksDir, name), { force: true });
    fs.rmSync(path.join(edition.notebooksDir, ".ipynb_checkpoints"), { recursive: true, force: true });
  }
  return seen;
}
