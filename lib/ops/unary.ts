import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, outFor } from "./checks";

/** f applied to every element (no indices; the fast path for the ops below). */
function each(a: Matrix, f: (x: number) => number, name: string, into: Matrix | undefined): Matrix {
  assertMatrix(a, name);
  const result = outFor(a, into, name);
  const src = a.data;
  const out = result.data;
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return result;
}

/**
 * s·a, every element multiplied by the number s.
 * Like every op in this file, it takes an optional `out` of a's shape (it may be a itself) that receives the result
 * instead of a new matrix.
 *
 * @example
 * scale(Matrix.rowVector([1, -2]), 0.5).toArray(); // [[0.5, -1]]
 */
export function scale(a: Matrix, s: number, out?: Matrix): Matrix {
  if (typeof s !== "number") {
    throw new CourseInputError(`scale: s must be a number, got ${typeof s}. For an elementwise product use mul(a, b).`);
  }
  assertMatrix(a, "scale");
  // its own loop rather than each(): training loops call scale on large matrices, and a loop shared by many ops
  // calls f without inlining it (about 5× slower)
  const result = outFor(a, out, "scale");
  const src = a.data;
  const dst = result.data;
  for (let i = 0; i < src.length; i++) dst[i] = src[i] * s;
  return result;
}

/**
 * eˣ elementwise.
 *
 * @example
 * exp(Matrix.rowVector([0, 1])).toArray(); // [[1, 2.718281828459045]]
 */
export function exp(a: Matrix, out?: Matrix): Matrix {
  return each(a, Math.exp, "exp", out);
}

/**
 * Natural logarithm elementwise (log 0 = −Infinity, log of a negative number = NaN).
 *
 * @example
 * log(Matrix.rowVector([1, Math.E])).toArray(); // [[0, 1]]
 */
export function log(a: Matrix, out?: Matrix): Matrix {
  return each(a, Math.log, "log", out);
}

/**
 * |x| elementwise.
 *
 * @example
 * abs(Matrix.rowVector([-2, 3])).toArray(); // [[2, 3]]
 */
export function abs(a: Matrix, out?: Matrix): Matrix {
  return each(a, Math.abs, "abs", out);
}

/**
 * The sign elementwise: −1, 0 or 1 (the derivative of |x| away from 0).
 *
 * @example
 * sign(Matrix.rowVector([-2, 0, 3])).toArray(); // [[-1, 0, 1]]
 */
export function sign(a: Matrix, out?: Matrix): Matrix {
  // `+ 0` turns Math.sign(-0) = -0 into 0
  return each(a, (x) => Math.sign(x) + 0, "sign", out);
}

/**
 * x² elementwise.
 *
 * @example
 * square(Matrix.rowVector([-2, 3])).toArray(); // [[4, 9]]
 */
export function square(a: Matrix, out?: Matrix): Matrix {
  return each(a, (x) => x * x, "square", out);
}

/**
 * √x elementwise (NaN for negative x).
 *
 * @example
 * sqrt(Matrix.rowVector([4, 9])).toArray(); // [[2, 3]]
 */
export function sqrt(a: Matrix, out?: Matrix): Matrix {
  return each(a, Math.sqrt, "sqrt", out);
}

/**
 * max(x, s) elementwise with the number s; `maximum(x, 0)` is the ReLU.
 *
 * @example
 * maximum(Matrix.rowVector([-1, 0.5, 2]), 0).toArray(); // [[0, 0.5, 2]]
 */
export function maximum(a: Matrix, s: number, out?: Matrix): Matrix {
  if (typeof s !== "number") {
    throw new CourseInputError(`maximum: s must be a number, got ${typeof s}.`);
  }
  assertMatrix(a, "maximum");
  // its own loop, as in scale (the ReLU runs on every layer of every step); NaN stays NaN, so it is not hidden
  const result = outFor(a, out, "maximum");
  const src = a.data;
  const dst = result.data;
  for (let i = 0; i < src.length; i++) dst[i] = Math.max(src[i], s);
  return result;
}

/**
 * Each element limited to the range [lo, hi].
 *
 * @example
 * clip(Matrix.rowVector([-5, 0.3, 5]), -1, 1).toArray(); // [[-1, 0.3, 1]]
 */
export function clip(a: Matrix, lo: number, hi: number, out?: Matrix): Matrix {
  if (!(lo <= hi)) {
    throw new CourseInputError(`clip: lo must be ≤ hi, got lo = ${lo}, hi = ${hi}.`);
  }
  return each(a, (x) => (x < lo ? lo : x > hi ? hi : x), "clip", out);
}
