/**
 * Runs an update rule (`update(w, dw, config) → { w, config }`, the cs231n optimizer interface) on a 2-D test
 * function and records the path, for contour plots and loss-vs-step curves.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";
import type { TestFunction2D } from "./testFunctions";

/** An optimizer in the cs231n form; C is its config type. */
export type UpdateRule<C> = (w: Matrix, dw: Matrix, config: C) => { w: Matrix; config: C };

/** The points visited (start included) and f at each of them. */
export interface OptimizationPath {
  x: number[];
  y: number[];
  loss: number[];
  /** True when the run stopped early because |w| grew past `limit` or became NaN (divergence). */
  diverged: boolean;
}

/**
 * Applies `steps` updates starting from `start` (default: the function's start point). With `noiseStd` > 0 every
 * gradient gets independent Gaussian noise of that standard deviation from rng(seed), a stand-in for the noise of
 * mini-batch gradients. `learningRate(t)`, when given, overrides config.learningRate at step t (a schedule).
 *
 * @example
 * const p = optimizePath(lectureQuadratic, optimizers.sgd, { learningRate: 0.1 }, 50);
 * p.loss[50]; // ≈ 0: converged to (1, 3)
 */
export function optimizePath<C extends object>(
  fn: TestFunction2D,
  update: UpdateRule<C>,
  config: C,
  steps: number,
  opts: {
    start?: [number, number];
    noiseStd?: number;
    seed?: number;
    limit?: number;
    learningRate?: (t: number) => number;
  } = {},
): OptimizationPath {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new CourseInputError(`optimizePath: steps must be a whole number ≥ 0, got ${steps}.`);
  }
  const [x0, y0] = opts.start ?? fn.start;
  const noise = opts.noiseStd ?? 0;
  const r = rng(opts.seed ?? 0);
  const limit = opts.limit ?? 1e6;
  let w = Matrix.rowVector([x0, y0]);
  let c = config;
  const path: OptimizationPath = { x: [x0], y: [y0], loss: [fn.f(x0, y0)], diverged: false };
  for (let t = 0; t < steps; t++) {
    const [gx, gy] = fn.grad(w.data[0], w.data[1]);
    const dw = Matrix.rowVector(noise > 0 ? [gx + r.gaussian(0, noise), gy + r.gaussian(0, noise)] : [gx, gy]);
    if (opts.learningRate) c = { ...c, learningRate: opts.learningRate(t) };
    ({ w, config: c } = update(w, dw, c));
    const [x, y] = [w.data[0], w.data[1]];
    if (!(Math.abs(x) < limit && Math.abs(y) < limit)) {
      path.diverged = true;
      break;
    }
    path.x.push(x);
    path.y.push(y);
    path.loss.push(fn.f(x, y));
  }
  return path;
}
