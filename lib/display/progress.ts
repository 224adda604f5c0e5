/**
 * A progress bar for long loops (training epochs, parameter sweeps): one notebook output updated in place.
 */
import { randomBytes } from "crypto";
import { CourseInputError } from "../errors";
import { displayBundle, hasKernel } from "./bundle";
import { escapeHtml } from "./escape";

/** A live progress bar; see progressBar(). */
export interface ProgressBar {
  /** Reports `done` of `total` steps; `info` is extra text such as the current loss. */
  update(done: number, info?: string): void;
  /** Shows 100 % (always) and stops further updates. */
  finish(info?: string): void;
}

/** Whole percent done, rounded down so that 100 % means finished. */
function percent(done: number, total: number): number {
  return Math.floor((100 * done) / total);
}

/**
 * The text form of a progress bar.
 *
 * @example
 * progressText("epochs", 370, 1000); // "epochs: 37% (370/1000)"
 * progressText("epochs", 1000, 1000, "loss 0.12"); // "epochs: 100% (1000/1000) loss 0.12"
 */
export function progressText(label: string, done: number, total: number, info?: string): string {
  return `${label}: ${percent(done, total)}% (${done}/${total})${info ? ` ${info}` : ""}`;
}

/**
 * The HTML form of a progress bar: label, a bar filled to the percentage, the counts and the info text.
 *
 * @example
 * progressHtml("epochs", 50, 100).includes("width:50%"); // true
 */
export function progressHtml(label: string, done: number, total: number, info?: string): string {
  const p = percent(done, total);
  return (
    `<div class="nn-course-progress" style="display:flex;align-items:center;gap:0.6em;font:13px monospace">` +
    `<span>${escapeHtml(label)}</span>` +
    `<div style="width:240px;height:12px;border:1px solid #888;border-radius:3px;background:#eee">` +
    `<div style="width:${p}%;height:100%;background:#4a90d9"></div></div>` +
    `<span>${p}% (${done}/${total})${info ? ` ${escapeHtml(info)}` : ""}</span></div>`
  );
}

/**
 * Starts a progress bar for `total` steps: in a notebook one output redrawn in place, at most about 10 times per
 * second and only when the shown percentage changes; elsewhere a line of text every 10 %. finish() always shows
 * 100 %. `intervalMs` sets the shortest time between redraws (default 100).
 *
 * @example
 * const bar = progressBar(1000, "epochs");
 * for (let i = 1; i <= 1000; i++) bar.update(i, `loss ${(1 / i).toFixed(4)}`);
 * bar.finish();
 */
export function progressBar(total: number, label = "progress", opts: { intervalMs?: number } = {}): ProgressBar {
  if (!Number.isInteger(total) || total <= 0) {
    throw new CourseInputError(`progressBar: total must be a whole number of steps > 0, got ${total}.`);
  }
  const intervalMs = opts.intervalMs ?? 100;
  const live = hasKernel();
  const id = `nn-course-progress-${randomBytes(6).toString("hex")}`; // display ids are not saved in the notebook
  let shownPercent = 0;
  let shownAt = Date.now();
  let finished = false;

  const show = (done: number, info: string | undefined, update: boolean) => {
    const data = {
      "text/html": progressHtml(label, done, total, info),
      "text/plain": progressText(label, done, total, info),
    };
    if (live) displayBundle(data, { id, update });
    else displayBundle({ "text/plain": data["text/plain"] });
  };
  show(0, undefined, false);

  return {
    update(done: number, info?: string) {
      if (finished) return;
      if (typeof done !== "number" || Number.isNaN(done)) {
        throw new CourseInputError(`progressBar.update: done must be a number of steps, got ${done}.`);
      }
      const d = Math.min(Math.max(done, 0), total);
      const p = percent(d, total);
      if (p === shownPercent) return;
      if (!live && Math.floor(p / 10) === Math.floor(shownPercent / 10)) return; // text mode: every 10 %
      const now = Date.now();
      if (live && now - shownAt < intervalMs) return;
      shownPercent = p;
      shownAt = now;
      show(d, info, true);
    },
    finish(info?: string) {
      if (finished) return;
      finished = true;
      shownPercent = 100;
      show(total, info, true);
    },
  };
}
