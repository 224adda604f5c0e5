/**
 * Ready-made figures for the course: line plots (loss curves), scatter plots (data sets, embeddings),
 * histograms (weights, activations), heatmaps (weight matrices, confusion matrices) and contour plots with
 * optimisation paths drawn on top. Each builds plotly traces and calls plot().
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { plot } from "./plot";

/** A named series of (x, y) points. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/** Points of a scatter plot; color is one CSS colour or one number per point (shown with a colour scale). */
export interface PointSet extends Series {
  color?: string | number[];
}

function checkSeries(series: Series[], name: string): void {
  if (!Array.isArray(series)) {
    throw new CourseInputError(`${name}: expected an array of series, e.g. [{ name: "loss", x: [0, 1], y: [2, 1] }].`);
  }
  for (const s of series) {
    if (!s || s.x?.length !== s.y?.length) {
      throw new CourseInputError(
        `${name}: series "${s?.name}" needs x and y of the same length, got ${s?.x?.length} and ${s?.y?.length}.`,
      );
    }
  }
}

/** Nested arrays from a Matrix or nested arrays (rows are y, columns are x). */
function grid(z: Matrix | number[][], name: string): number[][] {
  if (z instanceof Matrix) return z.toArray();
  if (Array.isArray(z) && z.every((r) => Array.isArray(r))) return z;
  throw new CourseInputError(`${name}: z must be a Matrix or an array of rows of numbers.`);
}

/**
 * Lines, one per series (e.g. training and validation loss per epoch).
 *
 * @example
 * linePlot([{ name: "train", x: [1, 2, 3], y: [0.9, 0.5, 0.3] }, { name: "val", x: [1, 2, 3], y: [1.0, 0.7, 0.6] }],
 *   { title: "Loss", xaxis: { title: "epoch" } });
 */
export function linePlot(series: Series[], layout: object = {}): void {
  checkSeries(series, "linePlot");
  plot(
    series.map((s) => ({ type: "scatter", mode: "lines", name: s.name, x: s.x, y: s.y })),
    layout,
  );
}

/**
 * Markers, one trace per point set; `color` as numbers colours each point on a shared colour scale.
 *
 * @example
 * scatterPlot([{ name: "class 0", x: [0, 1], y: [1, 0] }, { name: "class 1", x: [2, 3], y: [3, 2], color: "crimson" }]);
 */
export function scatterPlot(points: PointSet[], layout: object = {}): void {
  checkSeries(points, "scatterPlot");
  plot(
    points.map((p) => {
      const marker: Record<string, unknown> = { size: 8 };
      if (typeof p.color === "string") marker.color = p.color;
      else if (Array.isArray(p.color)) {
        if (p.color.length !== p.x.length) {
          throw new CourseInputError(
            `scatterPlot: "${p.name}" has ${p.x.length} points but ${p.color.length} colours.`,
          );
        }
        Object.assign(marker, { color: p.color, colorscale: "Viridis", showscale: true });
      }
      return { type: "scatter", mode: "markers", name: p.name, x: p.x, y: p.y, marker };
    }),
    layout,
  );
}

/**
 * Overlaid, semi-transparent histograms (e.g. weights before and after training).
 *
 * @example
 * histogram([{ name: "weights", values: [0.1, -0.2, 0.05, 0.3, -0.1] }], { title: "Weights" });
 */
export function histogram(series: { name: string; values: number[] }[], layout: object = {}): void {
  if (!Array.isArray(series) || series.some((s) => !s || !Array.isArray(s.values))) {
    throw new CourseInputError('histogram: expected [{ name: "...", values: [numbers] }, ...].');
  }
  plot(
    series.map((s) => ({ type: "histogram", name: s.name, x: s.values, opacity: series.length > 1 ? 0.6 : 1 })),
    { barmode: "overlay", ...layout },
  );
}

/**
 * A matrix as coloured cells, row 0 at the top (e.g. a weight matrix or a confusion matrix).
 *
 * @example
 * heatmap(Matrix.from2D([[1, 0], [0, 1]]), { title: "identity" });
 */
export function heatmap(z: Matrix | number[][], opts: { x?: number[]; y?: number[]; title?: string } = {}): void {
  const rows = grid(z, "heatmap");
  plot(
    [
      {
        type: "heatmap",
        z: rows,
        colorscale: "Viridis",
        ...(opts.x ? { x: opts.x } : {}),
        ...(opts.y ? { y: opts.y } : {}),
      },
    ],
    { ...(opts.title ? { title: opts.title } : {}), yaxis: { autorange: "reversed" } },
  );
}

/**
 * log10 of a grid for colouring. A grid with values ≤ 0 (e.g. a loss surface whose minimum is 0) is shifted
 * first, to z − min z + ε with ε = 1e-4·(max z − min z), so the minimum sits four decades below the top of the range.
 *
 * @example
 * log10Grid([[1, 10], [100, 1000]]); // { z: [[0, 1], [2, 3]], shifted: false }
 */
export function log10Grid(z: number[][]): { z: number[][]; shifted: boolean } {
  let min = Infinity;
  let max = -Infinity;
  for (const r of z) {
    for (const v of r) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > 0) return { z: z.map((r) => r.map(Math.log10)), shifted: false };
  const eps = max > min ? 1e-4 * (max - min) : 1; // ε keeps log10 finite at the minimum
  return { z: z.map((r) => r.map((v) => Math.log10(v - min + eps))), shifted: true };
}

/**
 * Contour lines of a function on a grid (z[i][j] is the value at x[j], y[i]), with optimisation paths on top
 * (each path drawn as a line with markers, its start marked by a larger dot). logScale colours by log10 of the
 * value, which shows the valleys of a loss surface.
 *
 * @example
 * const xs = [-2, -1, 0, 1, 2], ys = [-2, -1, 0, 1, 2];
 * const z = ys.map((y) => xs.map((x) => x * x + 3 * y * y));
 * contourPlot({ x: xs, y: ys, z }, { title: "x² + 3y²", paths: [{ name: "GD", x: [2, 1, 0.5], y: [2, 0.5, 0.1] }] });
 */
export function contourPlot(
  gridData: { x: number[]; y: number[]; z: Matrix | number[][] },
  opts: { paths?: { name: string; x: number[]; y: number[] }[]; title?: string; logScale?: boolean } = {},
): void {
  const rows = grid(gridData.z, "contourPlot");
  if (rows.length !== gridData.y.length || rows.some((r) => r.length !== gridData.x.length)) {
    throw new CourseInputError(
      `contourPlot: z must have one row per y value (${gridData.y.length}) and one column per x value (${gridData.x.length}).`,
    );
  }
  const paths = opts.paths ?? [];
  checkSeries(paths, "contourPlot paths");
  const log = opts.logScale ? log10Grid(rows) : null;
  const colorTitle = log ? (log.shifted ? "log10(z − min z)" : "log10(z)") : "z";
  const traces: object[] = [
    {
      type: "contour",
      x: gridData.x,
      y: gridData.y,
      z: log ? log.z : rows,
      colorscale: "Viridis",
      ncontours: 25,
      colorbar: { title: { text: colorTitle } },
      name: "f",
      showlegend: false,
    },
  ];
  paths.forEach((p, k) => {
    const size = p.x.map((_, i) => (i === 0 ? 11 : 5));
    traces.push({
      type: "scatter",
      mode: "lines+markers",
      name: p.name,
      x: p.x,
      y: p.y,
      marker: { size },
      line: { width: 2 },
      legendrank: k,
    });
  });
  plot(traces, {
    ...(opts.title ? { title: opts.title } : {}),
    xaxis: { range: [gridData.x[0], gridData.x[gridData.x.length - 1]] },
    yaxis: { range: [gridData.y[0], gridData.y[gridData.y.length - 1]] },
    legend: { x: 0, y: 1, bgcolor: "rgba(255,255,255,0.7)" },
  });
}
