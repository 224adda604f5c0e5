import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, shapeOf } from "./checks";

/**
 * Matrix product a·b: an n×k matrix times a k×m matrix gives an n×m matrix, (a·b)[i][j] = Σₖ a[i][k]·b[k][j].
 *
 * @example
 * const a = Matrix.from2D([[1, 2], [3, 4]]);
 * const b = Matrix.from2D([[5], [6]]);
 * matmul(a, b).toArray(); // [[17], [39]]
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  assertMatrix(a, "matmul", "a");
  assertMatrix(b, "matmul", "b");
  if (a.cols !== b.rows) {
    throw new CourseInputError(
      `cannot multiply ${shapeOf(a)} by ${shapeOf(b)}: a.cols must equal b.rows (${a.cols} ≠ ${b.rows}). ` +
        `Check the order of the operands, or whether one of them needs transpose().`,
    );
  }
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  const out = new Float64Array(n * m);
  const A = a.data;
  const B = b.data;
  // i-k-j order: the inner loop walks a row of b and a row of out contiguously (cache-friendly).
  for (let i = 0; i < n; i++) {
    const outRow = i * m;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p];
      const bRow = p * m;
      for (let j = 0; j < m; j++) out[outRow + j] += aip * B[bRow + j];
    }
  }
  return new Matrix(n, m, out);
}
