import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, outFor } from "./checks";

/**
 * One op's loop over every element: out[i] = f(a[i]). Each op passes its own loop (written out below), so the engine
 * compiles f inline; one loop shared by every op, calling `f(x)` per element, was several times slower.
 */
type Loop = (out: Float64Array, a: Float64Array) => void;

/** Checks a, picks the output (`into` or a new matrix) and runs the op's loop. */
function each(a: Matrix, name: string, into: Matrix | undefined, loop: Loop): Matrix {
  assertMatrix(a, name);
  const result = outFor(a, into, name);
  loop(result.data, a.data);
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
  return each(a, "scale", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = x[i] * s;
  });
}

/**
 * eˣ elementwise.
 *
 * @example
 * exp(Matrix.rowVector([0, 1])).toArray(); // [[1, 2.718281828459045]]
 */
export function exp(a: Matrix, out?: Matrix): Matrix {
  return each(a, "exp", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]);
  });
}

/**
 * Natural logarithm elementwise (log 0 = −Infinity, log of a negative number = NaN).
 *
 * @example
 * log(Matrix.rowVector([1, Math.E])).toArray(); // [[0, 1]]
 */
export function log(a: Matrix, out?: Matrix): Matrix {
  return each(a, "log", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]);
  });
}

/**
 * |x| elementwise.
 *
 * @example
 * abs(Matrix.rowVector([-2, 3])).toArray(); // [[2, 3]]
 */
export function abs(a: Matrix, out?: Matrix): Matrix {
  return each(a, "abs", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.abs(x[i]);
  });
}

/**
 * The sign elementwise: −1, 0 or 1 (the derivative of |x| away from 0).
 *
 * @example
 * sign(Matrix.rowVector([-2, 0, 3])).toArray(); // [[-1, 0, 1]]
 */
export function sign(a: Matrix, out?: Matrix): Matrix {
  // `+ 0` turns Math.sign(-0) = -0 into 0
  return each(a, "sign", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.sign(x[i]) + 0;
  });
}

/**
 * x² elementwise.
 *
 * @example
 * square(Matrix.rowVector([-2, 3])).toArray(); // [[4, 9]]
 */
export function square(a: Matrix, out?: Matrix): Matrix {
  return each(a, "square", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = x[i] * x[i];
  });
}

/**
 * √x elementwise (NaN for negative x).
 *
 * @example
 * sqrt(Matrix.rowVector([4, 9])).toArray(); // [[2, 3]]
 */
export function sqrt(a: Matrix, out?: Matrix): Matrix {
  return each(a, "sqrt", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]);
  });
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
  // NaN stays NaN (Math.max), so it is not hidden
  return each(a, "maximum", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = Math.max(x[i], s);
  });
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
  return each(a, "clip", out, (o, x) => {
    for (let i = 0; i < x.length; i++) o[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i];
  });
}
