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
import { CourseInputError } from "../lib/errors";
import type { EluCache, LeakyReluCache, MaxoutCache, PreluCache } from "../lib/api/activations";

/**
 * Leaky ReLU, element-wise: f(x) = max(αx, x) for 0 ≤ α < 1, i.e. x for x > 0 and αx otherwise (α = 0.01 on the
 * slides; a learned α is the Parametric ReLU).
 *
 * @example
 * leakyReluForward(Matrix.from2D([[-2, 0, 3]])).out.toArray(); // [[-0.02, 0, 3]]
 */
export function leakyReluForward(x: Matrix, alpha = 0.01): { out: Matrix; cache: LeakyReluCache } {
  checkAlpha("leakyReluForward", alpha, true);
  // BEGIN SOLUTION
  const out = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i];
    out.data[i] = v > 0 ? v : alpha * v;
  }
  return { out, cache: { x, alpha } };
  // END SOLUTION
}

/**
 * Backward pass of Leaky ReLU: dx = ∂L/∂x, the shape of x. At the kink x = 0 the course takes the left slope.
 *
 * @example
 * const { cache } = leakyReluForward(Matrix.from2D([[-2, 3]]), 0.1);
 * leakyReluBackward(Matrix.from2D([[5, 5]]), cache).toArray(); // [[0.5, 5]]
 */
export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  checkCache("leakyReluBackward", cache);
  checkDout("leakyReluBackward", dout, cache.x);
  // BEGIN SOLUTION
  const dx = new Matrix(dout.rows, dout.cols);
  for (let i = 0; i < dout.size; i++) {
    dx.data[i] = cache.x.data[i] > 0 ? dout.data[i] : cache.alpha * dout.data[i];
  }
  return dx;
  // END SOLUTION
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
  // BEGIN SOLUTION
  const out = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i];
    out.data[i] = v > 0 ? v : alpha * Math.expm1(v); // expm1(v) = eᵛ − 1, accurate for v near 0
  }
  return { out, cache: { x, out, alpha } };
  // END SOLUTION
}

/**
 * Backward pass of ELU: dx = ∂L/∂x, the shape of x. The cache holds the forward output too, in case your derivative
 * can reuse it.
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
  // BEGIN SOLUTION
  const dx = new Matrix(dout.rows, dout.cols);
  for (let i = 0; i < dout.size; i++) {
    const slope = cache.x.data[i] > 0 ? 1 : cache.out.data[i] + cache.alpha; // α(eˣ − 1) + α = αeˣ
    dx.data[i] = dout.data[i] * slope;
  }
  return dx;
  // END SOLUTION
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
  // BEGIN SOLUTION
  let dead = 0;
  for (let j = 0; j < h.cols; j++) {
    let alive = false;
    for (let i = 0; i < h.rows && !alive; i++) alive = h.get(i, j) > 0;
    if (!alive) dead++;
  }
  return dead / h.cols;
  // END SOLUTION
}

/**
 * Parametric ReLU (He et al. 2015): Leaky ReLU whose slope for x ≤ 0 is a parameter learned with the weights, one
 * slope per unit: f(x_ij) = x_ij for x_ij > 0 and α_j·x_ij otherwise. x is N×H, alpha is 1×H.
 *
 * @example
 * preluForward(Matrix.from2D([[-2, 3]]), Matrix.from2D([[0.25, 0.5]])).out.toArray(); // [[-0.5, 3]]
 */
export function preluForward(x: Matrix, alpha: Matrix): { out: Matrix; cache: PreluCache } {
  checkRowParam("preluForward", "alpha", alpha, x);
  // BEGIN SOLUTION
  const out = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const v = x.get(i, j);
      out.set(i, j, v > 0 ? v : alpha.data[j] * v);
    }
  }
  return { out, cache: { x, alpha } };
  // END SOLUTION
}

/**
 * Backward pass of PReLU: dx = ∂L/∂x (N×H) and dalpha = ∂L/∂α (1×H), the gradient that lets α be learned.
 * Derive ∂f/∂α_j yourself, then remember that one α_j is shared by every example of the batch.
 *
 * @example
 * const { cache } = preluForward(Matrix.from2D([[-2, 3]]), Matrix.from2D([[0.25, 0.5]]));
 * preluBackward(Matrix.from2D([[1, 1]]), cache).dx.toArray(); // [[0.25, 1]]
 */
export function preluBackward(dout: Matrix, cache: PreluCache): { dx: Matrix; dalpha: Matrix } {
  if (!cache || !(cache.x instanceof Matrix) || !(cache.alpha instanceof Matrix)) {
    throw new CourseInputError("preluBackward: pass the cache returned by preluForward ({ x, alpha }).");
  }
  checkDout("preluBackward", dout, cache.x);
  // BEGIN SOLUTION
  const { x, alpha } = cache;
  const dx = new Matrix(x.rows, x.cols);
  const dalpha = new Matrix(1, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const v = x.get(i, j);
      const g = dout.get(i, j);
      dx.set(i, j, v > 0 ? g : alpha.data[j] * g);
      if (v <= 0) dalpha.data[j] += g * v; // ∂f/∂α = x where x ≤ 0, 0 elsewhere; summed over the batch
    }
  }
  return { dx, dalpha };
  // END SOLUTION
}

/**
 * A Maxout layer (Goodfellow et al. 2013): each of the M output units takes the largest of its k linear pieces,
 * out_ij = max_p z_i,(j·k + p) for p = 0 … k − 1, with z = x·W + b. x is N×D, W is D×(M·k), b is 1×(M·k) (the
 * k pieces of unit j are the columns j·k … j·k + k − 1); out is N×M. The cache keeps, for the backward pass,
 * which piece won for each output (`argmax`, N·M piece numbers, row by row; the first one on a tie).
 *
 * @example
 * // one input, one unit with k = 2 pieces z = (x, −x): max(x, −x) = |x|
 * maxoutForward(Matrix.from2D([[-3]]), Matrix.from2D([[1, -1]]), Matrix.zeros(1, 2), 2).out.toArray(); // [[3]]
 */
export function maxoutForward(x: Matrix, W: Matrix, b: Matrix, pieces: number): { out: Matrix; cache: MaxoutCache } {
  checkMaxout(x, W, b, pieces);
  // BEGIN SOLUTION
  const n = x.rows;
  const m = W.cols / pieces;
  const out = new Matrix(n, m);
  const argmax: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let best = -Infinity;
      let bestP = 0;
      for (let p = 0; p < pieces; p++) {
        const c = j * pieces + p;
        let z = b.data[c];
        for (let d = 0; d < x.cols; d++) z += x.get(i, d) * W.get(d, c);
        if (z > best) {
          best = z;
          bestP = p;
        }
      }
      out.set(i, j, best);
      argmax.push(bestP);
    }
  }
  return { out, cache: { x, W, pieces, argmax } };
  // END SOLUTION
}

/**
 * Backward pass of the Maxout layer: dx (N×D), dW (D×(M·k)) and db (1×(M·k)) from dout = ∂L/∂out (N×M).
 *
 * @example
 * const { cache } = maxoutForward(Matrix.from2D([[-3]]), Matrix.from2D([[1, -1]]), Matrix.zeros(1, 2), 2);
 * maxoutBackward(Matrix.from2D([[1]]), cache).dx.toArray(); // [[-1]]  (the slope of |x| at −3)
 */
export function maxoutBackward(dout: Matrix, cache: MaxoutCache): { dx: Matrix; dW: Matrix; db: Matrix } {
  if (!cache || !(cache.x instanceof Matrix) || !(cache.W instanceof Matrix) || !Array.isArray(cache.argmax)) {
    throw new CourseInputError("maxoutBackward: pass the cache returned by maxoutForward ({ x, W, pieces, argmax }).");
  }
  const m = cache.W.cols / cache.pieces;
  if (!(dout instanceof Matrix) || dout.rows !== cache.x.rows || dout.cols !== m) {
    const got = dout instanceof Matrix ? `${dout.rows}×${dout.cols}` : String(dout);
    throw new CourseInputError(
      `maxoutBackward: dout is ${got} but the layer's output was ${cache.x.rows}×${m}; dout = ∂L/∂out has the shape of out.`,
    );
  }
  // BEGIN SOLUTION
  const { x, W, pieces, argmax } = cache;
  const dx = new Matrix(x.rows, x.cols);
  const dW = new Matrix(W.rows, W.cols);
  const db = new Matrix(1, W.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < m; j++) {
      const g = dout.get(i, j);
      const c = j * pieces + argmax[i * m + j]; // only the winning piece gets the gradient
      db.data[c] += g;
      for (let d = 0; d < x.cols; d++) {
        dW.set(d, c, dW.get(d, c) + x.get(i, d) * g);
        dx.set(i, d, dx.get(i, d) + W.get(d, c) * g);
      }
    }
  }
  return { dx, dW, db };
  // END SOLUTION
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

function checkRowParam(fn: string, name: string, row: unknown, x: Matrix): void {
  if (!(x instanceof Matrix)) throw new CourseInputError(`${fn}: x must be an N×H Matrix.`);
  if (!(row instanceof Matrix) || row.rows !== 1 || row.cols !== x.cols) {
    const got = row instanceof Matrix ? `${row.rows}×${row.cols}` : String(row);
    throw new CourseInputError(`${fn}: ${name} must be a 1×${x.cols} row (one value per unit of x), got ${got}.`);
  }
}

function checkMaxout(x: Matrix, W: Matrix, b: Matrix, pieces: number): void {
  if (!(x instanceof Matrix) || !(W instanceof Matrix) || !(b instanceof Matrix)) {
    throw new CourseInputError("maxoutForward: x, W and b must be Matrix objects (N×D, D×(M·k), 1×(M·k)).");
  }
  if (!Number.isInteger(pieces) || pieces < 1 || W.cols % pieces !== 0) {
    throw new CourseInputError(
      `maxoutForward: pieces (k) must be a whole number ≥ 1 that divides W's ${W.cols} columns (M units × k pieces), got ${pieces}.`,
    );
  }
  if (W.rows !== x.cols || b.rows !== 1 || b.cols !== W.cols) {
    throw new CourseInputError(
      `maxoutForward: x is ${x.rows}×${x.cols}, W ${W.rows}×${W.cols}, b ${b.rows}×${b.cols}; W needs ${x.cols} rows and b must be 1×${W.cols}.`,
    );
  }
}
