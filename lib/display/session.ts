/**
 * Per-kernel-session display state: how many figures were drawn (for deterministic figure ids) and whether
 * plotly.js has been sent to the notebook yet. Kept on globalThis so that two copies of the library in one kernel
 * still share it.
 */

interface DisplaySession {
  /** Figures displayed so far; the next figure's div id is nn-course-plot-(plots + 1). */
  plots: number;
  /** True once a figure output has carried plotly.js. */
  librarySent: boolean;
}

const KEY = Symbol.for("nn-course.display.session");

/** The shared session state (created on first use). */
export function displaySession(): DisplaySession {
  const g = globalThis as unknown as Record<symbol, DisplaySession | undefined>;
  return (g[KEY] ??= { plots: 0, librarySent: false });
}

/**
 * Starts display numbering afresh and makes the next figure carry plotly.js again. Use it after clearing all
 * outputs of a notebook (the outputs that held the library are gone) without restarting the kernel.
 *
 * @example
 * resetDisplaySession();
 * linePlot([{ name: "y", x: [0, 1], y: [0, 1] }]); // carries plotly.js again, div id nn-course-plot-1
 */
export function resetDisplaySession(): void {
  const s = displaySession();
  s.plots = 0;
  s.librarySent = false;
}
