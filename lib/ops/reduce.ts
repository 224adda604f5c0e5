import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertAxis, assertMatrix, Axis, shapeOf } from "./checks";

/**
 * Folds every row (axis 1) or every column (axis 0) of a into one number with `fold(values)`.
 * axis 0 gives a 1×cols row, axis 1 a rows×1 column.
 */
function alongAxis(a: Matrix, axis: Axis, fold: (values: Float64Array) => number): Matrix {
  const { rows, cols, data } = a;
  if (axis === 1) {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = fold(data.subarray(i * cols, (i + 1) * cols));
    return new Matrix(rows, 1, out);
  }
  const out = new Float64Array(cols);
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j];
    out[j] = fold(column);
  }
  return new Matrix(1, cols, out);
}

/** Shared front end of the reductions: checks the input, then folds everything or along an axis. */
function reduce(a: Matrix, axis: Axis | undefined, fold: (values: Float64Array) => number, name: string) {
  assertMatrix(a, name);
  if (axis === undefined) return fold(a.data);
  assertAxis(axis, name);
  return alongAxis(a, axis, fold);
}

function total(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

function nonEmpty(name: string, a: Matrix) {
  return (v: Float64Array): void => {
    if (v.length === 0) throw new CourseInputError(`${name}: the ${shapeOf(a)} matrix has nothing to reduce over.`);
  };
}

/**
 * The sum of all elements (a number), or along an axis: axis 0 sums each column (1×cols row),
 * axis 1 sums each row (rows×1 column).
 *
 * @example
 * const a = Matrix.from2D([[1, 2], [3, 4]]);
 * sum(a); // 10
 * sum(a, 0).toArray(); // [[4, 6]]
 * sum(a, 1).toArray(); // [[3], [7]]
 */
export function sum(a: Matrix): number;
export function sum(a: Matrix, axis: Axis): Matrix;
export function sum(a: Matrix, axis?: Axis): number | Matrix;
export function sum(a: Matrix, axis?: Axis): number | Matrix {
  return reduce(a, axis, total, "sum");
}

/**
 * The mean of all elements, or along an axis (see `sum` for what the axes mean).
 *
 * @example
 * mean(Matrix.from2D([[1, 2], [3, 4]]), 0).toArray(); // [[2, 3]]
 */
export function mean(a: Matrix): number;
export function mean(a: Matrix, axis: Axis): Matrix;
export function mean(a: Matrix, axis?: Axis): number | Matrix;
export function mean(a: Matrix, axis?: Axis): number | Matrix {
  const check = nonEmpty("mean", a);
  return reduce(a, axis, (v) => (check(v), total(v) / v.length), "mean");
}

/**
 * The population variance (1/N)·Σ(x − mean)² of all elements, or along an axis (see `sum` for the axes).
 * This is the variance batch normalisation uses.
 *
 * @example
 * variance(Matrix.rowVector([2, 4, 4, 4, 5, 5, 7, 9])); // 4
 */
export function variance(a: Matrix): number;
export function variance(a: Matrix, axis: Axis): Matrix;
export function variance(a: Matrix, axis?: Axis): number | Matrix;
export function variance(a: Matrix, axis?: Axis): number | Matrix {
  const check = nonEmpty("variance", a);
  // two passes (mean first, then squared deviations) to avoid the cancellation of E[x²] − E[x]²
  const fold = (v: Float64Array): number => {
    check(v);
    const m = total(v) / v.length;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);
    return s / v.length;
  };
  return reduce(a, axis, fold, "variance");
}

/** Index of the largest value (first one on ties; the first NaN if there is one, so NaN is never hidden). */
function indexOfMax(v: Float64Array): number {
  let best = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) return i;
    if (v[i] > v[best]) best = i;
  }
  return best;
}

function indexOfMin(v: Float64Array): number {
  let best = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) return i;
    if (v[i] < v[best]) best = i;
  }
  return best;
}

/**
 * The largest element, or the largest along an axis (see `sum` for the axes). A NaN anywhere gives NaN.
 *
 * @example
 * max(Matrix.from2D([[1, 5], [3, 4]]), 1).toArray(); // [[5], [4]]
 */
export function max(a: Matrix): number;
export function max(a: Matrix, axis: Axis): Matrix;
export function max(a: Matrix, axis?: Axis): number | Matrix;
export function max(a: Matrix, axis?: Axis): number | Matrix {
  const check = nonEmpty("max", a);
  return reduce(a, axis, (v) => (check(v), v[indexOfMax(v)]), "max");
}

/**
 * The smallest element, or the smallest along an axis (see `sum` for the axes). A NaN anywhere gives NaN.
 *
 * @example
 * min(Matrix.from2D([[1, 5], [3, 4]]), 0).toArray(); // [[1, 4]]
 */
export function min(a: Matrix): number;
export function min(a: Matrix, axis: Axis): Matrix;
export function min(a: Matrix, axis?: Axis): number | Matrix;
export function min(a: Matrix, axis?: Axis): number | Matrix {
  const check = nonEmpty("min", a);
  return reduce(a, axis, (v) => (check(v), v[indexOfMin(v)]), "min");
}

/**
 * Index of the largest value in each row (axis 1, the default: the predicted class of each example) or in each
 * column (axis 0). Ties go to the first index.
 *
 * @example
 * const scores = Matrix.from2D([[0.1, 2.0, 0.3], [5.0, 1.0, 0.0]]);
 * argmax(scores); // [1, 0]
 * argmax(scores, 0); // [1, 0, 0]
 */
export function argmax(a: Matrix, axis: Axis = 1): number[] {
  assertMatrix(a, "argmax");
  assertAxis(axis, "argmax");
  const check = nonEmpty("argmax", a);
  return Array.from(alongAxis(a, axis, (v) => (check(v), indexOfMax(v))).data);
}
