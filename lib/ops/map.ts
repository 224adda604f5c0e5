import { Matrix } from "../matrix";
import { assertMatrix } from "./checks";

/**
 * A new matrix with f applied to every element; f also gets the row i and column j.
 *
 * @example
 * map(Matrix.from2D([[1, 2], [3, 4]]), (x, i, j) => (i === j ? x : 0)).toArray(); // [[1, 0], [0, 4]]
 */
export function map(a: Matrix, f: (x: number, i: number, j: number) => number): Matrix {
  assertMatrix(a, "map");
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = f(data[i * cols + j], i, j);
  }
  return new Matrix(rows, cols, out);
}
