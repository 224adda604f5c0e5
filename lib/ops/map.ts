import { Matrix } from "../matrix";
import { assertMatrix, outFor } from "./checks";

/**
 * A new matrix with f applied to every element; f also gets the row i and column j. With `into` (a's shape, may be
 * a itself) the results are written there instead.
 *
 * @example
 * map(Matrix.from2D([[1, 2], [3, 4]]), (x, i, j) => (i === j ? x : 0)).toArray(); // [[1, 0], [0, 4]]
 */
export function map(a: Matrix, f: (x: number, i: number, j: number) => number, into?: Matrix): Matrix {
  assertMatrix(a, "map");
  const { rows, cols, data } = a;
  const result = outFor(a, into, "map");
  const out = result.data;
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) out[k] = f(data[k], i, j); // k = i·cols + j, counted along
  }
  return result;
}
