/**
 * Driving Jupyter Notebook 6 in Chromium the way a student does (menus and keyboard), and reading what the page
 * shows: kernel name, prompts, error outputs, plotly figures and progress bars.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext, BrowserServer, Page } from "playwright-core";
import { sleep } from "./processes";

export const chromiumPath = "/usr/bin/chromium";
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Starts Debian's Chromium headless as a browser server (so that its process can be stopped for sure) and connects
 * to it.
 */
export async function launchChromium(): Promise<{ browserServer: BrowserServer; browser: Browser }> {
  const { chromium } = await import("playwright-core");
  const browserServer = await chromium.launchServer({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    timeout: 60_000,
  });
  const browser = await chromium.connect(browserServer.wsEndpoint(), { timeout: 30_000 });
  return { browserServer, browser };
}

/** What a notebook page shows after running. */
export interface PageState {
  kernelName: string;
  codeCells: number;
  /** Input prompts of the code cells, e.g. "[3]", "[ ]", "[*]". */
  prompts: string[];
  /** Text of every error output and stderr stream. */
  errors: string[];
  /** Figure divs of the course library; `drawn` of them hold a plotly chart (.main-svg), `empty` of those no marks. */
  figures: { total: number; drawn: number; ids: string[]; undrawn: string[] };
  /** The text of each progress bar ("73% (73/100) loss 0.1"). */
  progress: string[];
}

/** A browser context that only reaches `allowedOrigin` and file:// pages: every other request is refused and noted. */
export async function offlineContext(browser: Browser, allowedOrigin: string | null, blocked: string[]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || (allowedOrigin && url.startsWith(allowedOrigin))) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  return context;
}

/** Collects uncaught page errors and console errors, for the assertion messages. */
export function watchConsole(page: Page, messages: string[]): string[] {
  page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") messages.push(`console.error: ${m.text()}`);
  });
  return messages;
}

/** Reads the figures and progress bars of any page (the notebook UI or an HTML export). */
export async function readOutputs(page: Page): Promise<Pick<PageState, "figures" | "progress">> {
  return page.evaluate(() => {
    const divs = Array.from(document.querySelectorAll<HTMLElement>("div.nn-course-plot"));
    const drawn = divs.filter((d) => d.querySelector(".main-svg") !== null);
    return {
      figures: {
        total: divs.length,
        drawn: drawn.length,
        ids: divs.map((d) => d.id),
        undrawn: divs.filter((d) => !drawn.includes(d)).map((d) => `${d.id}: ${(d.textContent ?? "").slice(0, 200)}`),
      },
      progress: Array.from(document.querySelectorAll(".nn-course-progress")).map((p) =>
        (p.lastElementChild?.textContent ?? "").trim(),
      ),
    };
  });
}

/** Reads the state of a Notebook 6 page. */
export async function readNotebookPage(page: Page): Promise<PageState> {
  const cells = await page.evaluate(() => {
    const code = Array.from(document.querySelectorAll("#notebook-container .cell.code_cell"));
    const errors = Array.from(document.querySelectorAll("#notebook-container .output_error, .output_stderr")).map((e) =>
      (e.textContent ?? "").trim().slice(0, 1500),
    );
    return {
      kernelName: (document.querySelector(".kernel_indicator_name")?.textContent ?? "").trim(),
      codeCells: code.length,
      prompts: code.map((c) => (c.querySelector(".input_prompt")?.textContent ?? "").replace(/\s|In|:/g, "")),
      errors,
    };
  });
  return { ...cells, ...(await readOutputs(page)) };
}

/** Waits until the kernel indicator shows an idle kernel that is connected. */
export async function waitKernelIdle(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: timeoutMs });
}

/** Opens a notebook from the server's tree and waits for its kernel to be ready. */
export async function openNotebook(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
  await page.waitForSelector("#notebook-container .cell", { timeout: timeoutMs });
  await waitKernelIdle(page, timeoutMs);
}

/**
 * Cell → Run All from the menu bar, then waits until no cell is queued or running ("In [*]") and the kernel is
 * idle, for `quietMs` in a row (the kernel goes idle between cells).
 */
export async function runAllCells(page: Page, timeoutMs: number, quietMs = 1500): Promise<void> {
  await page.click("#menus a.dropdown-toggle:text-is('Cell')");
  await page.click("#run_all_cells > a");
  const deadline = Date.now() + timeoutMs;
  // Run All turns the first prompt to [*] (or already [1]) at once; wait for that before watching for the end
  await page.waitForFunction(
    () => /[*\d]/.test(document.querySelector("#notebook-container .code_cell .input_prompt")?.textContent ?? ""),
    undefined,
    { timeout: 10_000 },
  );
  let quietSince = 0;
  while (Date.now() < deadline) {
    const busy = await page.evaluate(() => {
      const running = Array.from(document.querySelectorAll("#notebook-container .code_cell .input_prompt")).some((p) =>
        (p.textContent ?? "").includes("*"),
      );
      const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
      return running || !idle;
    });
    if (busy) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await sleep(250);
  }
  throw new Error(`Run All did not finish within ${(timeoutMs / 1000).toFixed(0)} s`);
}

/** Saves with Ctrl+S (command mode) and waits for the server to confirm the checkpoint. */
export async function saveNotebook(page: Page, timeoutMs: number): Promise<void> {
  await page.keyboard.press("Escape");
  const saved = page.waitForResponse(
    (r) => r.request().method() === "PUT" && r.url().includes("/api/contents/") && r.status() === 200,
    { timeout: timeoutMs },
  );
  await page.keyboard.press("Control+s");
  await saved;
}

/** Waits until every figure div on the page has a drawn chart, or the time is up (then the caller asserts). */
export async function waitFiguresDrawn(page: Page, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll("div.nn-course-plot")).every((d) => d.querySelector(".main-svg") !== null),
      undefined,
      { timeout: timeoutMs, polling: 250 },
    );
  } catch {
    // the assertions report which figures stayed undrawn
  }
}

/**
 * A full-page PNG of a Notebook 6 page. Notebook 6 scrolls inside #site, so the page is unrolled first (the
 * notebook laid out at full height) and the layout restored afterwards.
 */
export async function screenshotNotebook(page: Page, file: string): Promise<void> {
  const style = await page.addStyleTag({
    content:
      "html, body { height: auto !important; overflow: visible !important; }" +
      " #site { height: auto !important; overflow: visible !important; }" +
      " #header { position: static !important; }",
  });
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

/** A PNG of each figure on the page, as `dir/figure-1.png`, `figure-2.png`, … (for looking at the charts closely). */
export async function screenshotFigures(page: Page, dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const figures = page.locator("div.nn-course-plot");
  const n = await figures.count();
  for (let i = 0; i < n; i++) {
    await figures.nth(i).screenshot({ path: path.join(dir, `figure-${i + 1}.png`), timeout: 20_000 });
  }
}

/** Closes a context without waiting forever. */
export async function closeQuietly(context: BrowserContext | undefined, ms = 10_000): Promise<void> {
  if (!context) return;
  await Promise.race([context.close().catch(() => undefined), sleep(ms)]);
}
