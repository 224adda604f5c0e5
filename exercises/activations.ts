/**
 * ReLU variants that do not die, and a monitor for dead ReLU units (Lecture 7 "Activation Functions"; INF 5860
 * "Activation functions", "Guidelines for activation function"; "Activation Functions" in the deep-learning lecture).
 *
 * Conventions (as in ./layers):
 *   - one example per row: x is N×H (N examples, H units);
 *   - `xxxForward(x, …)` returns `{ out, cache }`; `xxxBackward(dout, cache)` takes dout = ∂L/∂out and returns
 *     dx = ∂L/∂x (same shape);
 *   - every function takes and returns plain data (numbers, Matrix, plain objects of those).
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { EluCache, LeakyReluCache } from "../lib/api/activations";

/**
 * Leaky ReLU, element-wise: f(x) = max(αx, x) for 0 ≤ α < 1, i.e. x for x > 0 and αx otherwise (α = 0.01 on the
 * slides; a learned α is the Parametric ReLU).
 *
 * @example
 * leakyReluForward(Matrix.from2D([[-2, 0, 3]])).out.toArray(); // [[-0.02, 0, 3]]
 */
export function leakyReluForward(x: Matrix, alpha = 0.01): { out: Matrix; cache: LeakyReluCache } {
  checkAlpha("leakyReluForward", alpha, true);
  throw new NotImplementedError("leakyReluForward");
}

/**
 * Backward pass of Leaky ReLU: dx = dout ⊙ f'(x) with f'(x) = 1 for x > 0 and α otherwise (α at the kink x = 0).
 *
 * @example
 * const { cache } = leakyReluForward(Matrix.from2D([[-2, 3]]), 0.1);
 * leakyReluBackward(Matrix.from2D([[5, 5]]), cache).toArray(); // [[0.5, 5]]
 */
export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  checkCache("leakyReluBackward", cache);
  checkDout("leakyReluBackward", dout, cache.x);
  throw new NotImplementedError("leakyReluBackward");
}

/**
 * Exponential Linear Unit, element-wise: f(x) = x for x > 0 and α(eˣ − 1) for x ≤ 0 (α = 1 by default).
 *
 * For very negative x the output approaches −α: ELU saturates on the left, but only there.
 *
 * @example
 * eluForward(Matrix.from2D([[-1, 0, 2]])).out.toArray(); // [[-0.6321, 0, 2]]  (e^{−1} − 1 = −0.6321)
 */
export function eluForward(x: Matrix, alpha = 1): { out: Matrix; cache: EluCache } {
  checkAlpha("eluForward", alpha, false);
  throw new NotImplementedError("eluForward");
}

/**
 * Backward pass of ELU: dx = dout ⊙ f'(x) with f'(x) = 1 for x > 0 and αeˣ = f(x) + α for x ≤ 0.
 *
 * @example
 * const { cache } = eluForward(Matrix.from2D([[0, 2]]));
 * eluBackward(Matrix.from2D([[3, 3]]), cache).toArray(); // [[3, 3]]  (α·e⁰ = 1 at x = 0)
 */
export function eluBackward(dout: Matrix, cache: EluCache): Matrix {
  checkCache("eluBackward", cache);
  if (!(cache.out instanceof Matrix)) {
    throw new CourseInputError("eluBackward: cache.out is missing; pass the cache returned by eluForward.");
  }
  checkDout("eluBackward", dout, cache.x);
  throw new NotImplementedError("eluBackward");
}

/**
 * The fraction of dead units of a ReLU layer: a unit (column j of h, N×H) is dead on these N examples when it
 * outputs 0 for every one of them, h_ij ≤ 0 for all i, so it passes no gradient back for any of them.
 *
 * h may be the ReLU output max(0, a) or the pre-activation a itself (a ≤ 0 exactly where max(0, a) = 0).
 * Evaluate it on many examples (e.g. the whole training set): a unit that is 0 on one small batch may still be alive.
 *
 * @example
 * deadUnitFraction(Matrix.from2D([[0, 1, 0], [0, 0, 2]])); // 1/3: only column 0 is 0 for both examples
 */
export function deadUnitFraction(h: Matrix): number {
  if (!(h instanceof Matrix) || h.rows === 0 || h.cols === 0) {
    throw new CourseInputError(
      "deadUnitFraction: h must be an N×H Matrix of activations with at least one example (row) and one unit (column).",
    );
  }
  throw new NotImplementedError("deadUnitFraction");
}

// ---- Input checks: a clear message instead of a silent NaN or a wrong shape. ----

function checkAlpha(fn: string, alpha: number, belowOne: boolean): void {
  if (!Number.isFinite(alpha) || alpha < 0 || (belowOne && alpha >= 1)) {
    const range = belowOne ? "0 ≤ α < 1 (the slope for x < 0, e.g. 0.01)" : "α ≥ 0 (e.g. 1)";
    throw new CourseInputError(`${fn}: alpha must be a number with ${range}, got ${alpha}.`);
  }
}

function checkCache(fn: string, cache: { x: Matrix; alpha: number }): void {
  if (!cache || !(cache.x instanceof Matrix) || typeof cache.alpha !== "number") {
    throw new CourseInputError(`${fn}: pass the cache returned by the matching forward function ({ x, alpha, … }).`);
  }
}

function checkDout(fn: string, dout: Matrix, x: Matrix): void {
  if (!(dout instanceof Matrix) || dout.rows !== x.rows || dout.cols !== x.cols) {
    const got = dout instanceof Matrix ? `${dout.rows}×${dout.cols}` : String(dout);
    throw new CourseInputError(
      `${fn}: dout is ${got} but the layer's input was ${x.rows}×${x.cols}; dout = ∂L/∂out has the shape of out.`,
    );
  }
}
