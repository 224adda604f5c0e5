import { Matrix } from "../matrix";
import { assertMatrix } from "./checks";

/**
 * The transpose aᵀ: element (i, j) of the result is a[j][i], so an n×m matrix becomes m×n.
 *
 * @example
 * transpose(Matrix.from2D([[1, 2, 3]])).toArray(); // [[1], [2], [3]]
 */
export function transpose(a: Matrix): Matrix {
  assertMatrix(a, "transpose");
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  }
  return new Matrix(cols, rows, out);
}
