/**
 * Weight initialisation (Lecture 7 "Weight Initialization"; INF 5860 "Weight initialization").
 *
 * A layer with n = fanIn inputs computes s = Σᵢ wᵢxᵢ. For independent, zero-mean wᵢ and xᵢ,
 * Var(s) = n · Var(w) · Var(x), so Var(w) = 1/n keeps the variance of the signal from layer to layer (Xavier), and
 * Var(w) = 2/n makes up for ReLU zeroing half of it (He, the lecture's "Xavier/2").
 *
 * Conventions:
 *   - W is fanIn × fanOut (examples are rows, out = x·W + b), the lecture's W⁽ᵏ⁾ᵀ;
 *   - every initialiser takes a numeric (or string) seed and draws with `rng(seed)` from ../lib/random, so the same
 *     seed gives the same weights, in a notebook, a test or another process.
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError } from "../lib/errors";
import { rng } from "../lib/random";

/**
 * Xavier initialisation, normal: wᵢⱼ ~ N(0, 1/fanIn), i.e. standard deviation √(1/fanIn) (the lecture's
 * Var(w) = 1/n with n the number of inputs). Draw it as `rng(seed).randn(fanIn, fanOut, std)`.
 *
 * @example
 * const W = xavierNormal(500, 500, 0); // 500×500, standard deviation ≈ 1/√500 ≈ 0.0447
 */
export function xavierNormal(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("xavierNormal", fanIn, fanOut, seed);
  // BEGIN SOLUTION
  return rng(seed).randn(fanIn, fanOut, Math.sqrt(1 / fanIn));
  // END SOLUTION
}

/**
 * Xavier (Glorot) initialisation, uniform: wᵢⱼ ~ U[−b, b] with b = √6 / √(fanIn + fanOut) (Glorot & Bengio 2010).
 * Its variance is b²/3 = 2 / (fanIn + fanOut), a compromise between keeping the forward signal (1/fanIn) and the
 * backward gradient (1/fanOut); for fanIn = fanOut it is 1/n. Draw it as `rng(seed).rand(fanIn, fanOut, −b, b)`.
 *
 * @example
 * const W = xavierUniform(2, 100, 0); // every |wᵢⱼ| ≤ √6 / √102 ≈ 0.2425
 */
export function xavierUniform(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("xavierUniform", fanIn, fanOut, seed);
  // BEGIN SOLUTION
  const b = Math.sqrt(6) / Math.sqrt(fanIn + fanOut);
  return rng(seed).rand(fanIn, fanOut, -b, b);
  // END SOLUTION
}

/**
 * He initialisation, normal (the lecture's "Xavier/2" for ReLU): wᵢⱼ ~ N(0, 2/fanIn), standard deviation √(2/fanIn).
 * Draw it as `rng(seed).randn(fanIn, fanOut, std)`.
 *
 * @example
 * const W = heNormal(500, 500, 0); // standard deviation ≈ √(2/500) ≈ 0.0632
 */
export function heNormal(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("heNormal", fanIn, fanOut, seed);
  // BEGIN SOLUTION
  return rng(seed).randn(fanIn, fanOut, Math.sqrt(2 / fanIn));
  // END SOLUTION
}

/**
 * He initialisation, uniform: wᵢⱼ ~ U[−b, b] with b = √(6/fanIn), so that Var(w) = b²/3 = 2/fanIn as for heNormal.
 * Draw it as `rng(seed).rand(fanIn, fanOut, −b, b)`.
 *
 * @example
 * const W = heUniform(600, 10, 0); // every |wᵢⱼ| ≤ √(6/600) = 0.1
 */
export function heUniform(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("heUniform", fanIn, fanOut, seed);
  // BEGIN SOLUTION
  const b = Math.sqrt(6 / fanIn);
  return rng(seed).rand(fanIn, fanOut, -b, b);
  // END SOLUTION
}

// ---- Input checks ----

function checkInit(fn: string, fanIn: number, fanOut: number, seed: number | string): void {
  if (!Number.isInteger(fanIn) || !Number.isInteger(fanOut) || fanIn < 1 || fanOut < 1) {
    throw new CourseInputError(
      `${fn}: fanIn and fanOut are the numbers of inputs and outputs of the layer, whole numbers ≥ 1; got ${fanIn} and ${fanOut}.`,
    );
  }
  if (typeof seed !== "number" && typeof seed !== "string") {
    throw new CourseInputError(
      `${fn}: seed must be a number (or string), got ${typeof seed}; e.g. ${fn}(${fanIn}, ${fanOut}, 0).`,
    );
  }
}
