import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertInteger } from "./checks";

/**
 * n evenly spaced numbers from start to stop, both included (numpy's linspace).
 *
 * @example
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, n: number): number[] {
  assertInteger(n, "linspace", "n", 0);
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new CourseInputError(`linspace: start and stop must be finite numbers, got ${start} and ${stop}.`);
  }
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(k === n - 1 ? stop : start + k * step);
  return out;
}

/**
 * f evaluated on the grid xs × ys: z[i][j] = f(xs[j], ys[i]), so rows follow y and columns follow x, which is
 * the `z` a plotly contour or heatmap expects together with `x: xs, y: ys`.
 *
 * @example
 * const xs = linspace(-1, 1, 3);
 * const ys = linspace(0, 1, 2);
 * grid2d(xs, ys, (x, y) => x + 10 * y).toArray(); // [[-1, 0, 1], [9, 10, 11]]
 */
export function grid2d(xs: readonly number[], ys: readonly number[], f: (x: number, y: number) => number): Matrix {
  const out = new Matrix(ys.length, xs.length);
  for (let i = 0; i < ys.length; i++) {
    for (let j = 0; j < xs.length; j++) out.data[i * xs.length + j] = f(xs[j], ys[i]);
  }
  return out;
}
