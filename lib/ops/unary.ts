import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix } from "./checks";

/** f applied to every element (no indices; the fast path for the ops below). */
function each(a: Matrix, f: (x: number) => number, name: string): Matrix {
  assertMatrix(a, name);
  const src = a.data;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Matrix(a.rows, a.cols, out);
}

/**
 * s·a, every element multiplied by the number s.
 *
 * @example
 * scale(Matrix.rowVector([1, -2]), 0.5).toArray(); // [[0.5, -1]]
 */
export function scale(a: Matrix, s: number): Matrix {
  if (typeof s !== "number") {
    throw new CourseInputError(`scale: s must be a number, got ${typeof s}. For an elementwise product use mul(a, b).`);
  }
  assertMatrix(a, "scale");
  // its own loop rather than each(): training loops call scale on large matrices, and a loop shared by many ops
  // calls f without inlining it (about 5× slower)
  const src = a.data;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * s;
  return new Matrix(a.rows, a.cols, out);
}

/**
 * eˣ elementwise.
 *
 * @example
 * exp(Matrix.rowVector([0, 1])).toArray(); // [[1, 2.718281828459045]]
 */
export function exp(a: Matrix): Matrix {
  return each(a, Math.exp, "exp");
}

/**
 * Natural logarithm elementwise (log 0 = −Infinity, log of a negative number = NaN).
 *
 * @example
 * log(Matrix.rowVector([1, Math.E])).toArray(); // [[0, 1]]
 */
export function log(a: Matrix): Matrix {
  return each(a, Math.log, "log");
}

/**
 * |x| elementwise.
 *
 * @example
 * abs(Matrix.rowVector([-2, 3])).toArray(); // [[2, 3]]
 */
export function abs(a: Matrix): Matrix {
  return each(a, Math.abs, "abs");
}

/**
 * The sign elementwise: −1, 0 or 1 (the derivative of |x| away from 0).
 *
 * @example
 * sign(Matrix.rowVector([-2, 0, 3])).toArray(); // [[-1, 0, 1]]
 */
export function sign(a: Matrix): Matrix {
  // `+ 0` turns Math.sign(-0) = -0 into 0
  return each(a, (x) => Math.sign(x) + 0, "sign");
}

/**
 * x² elementwise.
 *
 * @example
 * square(Matrix.rowVector([-2, 3])).toArray(); // [[4, 9]]
 */
export function square(a: Matrix): Matrix {
  return each(a, (x) => x * x, "square");
}

/**
 * √x elementwise (NaN for negative x).
 *
 * @example
 * sqrt(Matrix.rowVector([4, 9])).toArray(); // [[2, 3]]
 */
export function sqrt(a: Matrix): Matrix {
  return each(a, Math.sqrt, "sqrt");
}

/**
 * max(x, s) elementwise with the number s; `maximum(x, 0)` is the ReLU.
 *
 * @example
 * maximum(Matrix.rowVector([-1, 0.5, 2]), 0).toArray(); // [[0, 0.5, 2]]
 */
export function maximum(a: Matrix, s: number): Matrix {
  if (typeof s !== "number") {
    throw new CourseInputError(`maximum: s must be a number, got ${typeof s}.`);
  }
  assertMatrix(a, "maximum");
  // its own loop, as in scale (the ReLU runs on every layer of every step); NaN stays NaN, so it is not hidden
  const src = a.data;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Math.max(src[i], s);
  return new Matrix(a.rows, a.cols, out);
}

/**
 * Each element limited to the range [lo, hi].
 *
 * @example
 * clip(Matrix.rowVector([-5, 0.3, 5]), -1, 1).toArray(); // [[-1, 0.3, 1]]
 */
export function clip(a: Matrix, lo: number, hi: number): Matrix {
  if (!(lo <= hi)) {
    throw new CourseInputError(`clip: lo must be ≤ hi, got lo = ${lo}, hi = ${hi}.`);
  }
  return each(a, (x) => (x < lo ? lo : x > hi ? hi : x), "clip");
}
