import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, assertInteger } from "./checks";

/**
 * The rows of a at the given indices, in that order (repeats allowed): how a mini-batch is taken from a data set.
 *
 * @example
 * const X = Matrix.from2D([[0, 0], [1, 1], [2, 2]]);
 * sliceRows(X, [2, 0]).toArray(); // [[2, 2], [0, 0]]
 */
export function sliceRows(a: Matrix, indices: readonly number[]): Matrix {
  assertMatrix(a, "sliceRows");
  const { rows, cols, data } = a;
  const out = new Matrix(indices.length, cols);
  indices.forEach((r, k) => {
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new CourseInputError(
        `sliceRows: indices[${k}] = ${r} is not a row of a ${rows}×${cols} matrix (valid rows are 0 to ${rows - 1}).`,
      );
    }
    out.data.set(data.subarray(r * cols, (r + 1) * cols), k * cols);
  });
  return out;
}

/**
 * One row per label with a 1 in the label's column and 0 elsewhere (N labels → N×numClasses).
 *
 * @example
 * oneHot([2, 0], 3).toArray(); // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: readonly number[], numClasses: number): Matrix {
  assertInteger(numClasses, "oneHot", "numClasses", 1);
  const out = new Matrix(labels.length, numClasses);
  labels.forEach((y, k) => {
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new CourseInputError(
        `oneHot: labels[${k}] = ${y} is not a class index; with numClasses = ${numClasses} labels must be whole numbers 0 to ${numClasses - 1}.`,
      );
    }
    out.data[k * numClasses + y] = 1;
  });
  return out;
}
