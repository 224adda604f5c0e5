import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, shapeOf } from "./checks";

function checkList(ms: readonly Matrix[], name: string): void {
  if (!Array.isArray(ms) || ms.length === 0) {
    throw new CourseInputError(`${name}: needs a non-empty array of matrices, e.g. ${name}([a, b]).`);
  }
  ms.forEach((m, k) => assertMatrix(m, name, `ms[${k}]`));
}

/**
 * Matrices side by side (joined along columns); all must have the same number of rows.
 *
 * @example
 * hstack([Matrix.colVector([1, 2]), Matrix.colVector([3, 4])]).toArray(); // [[1, 3], [2, 4]]
 */
export function hstack(ms: readonly Matrix[]): Matrix {
  checkList(ms, "hstack");
  const rows = ms[0].rows;
  ms.forEach((m, k) => {
    if (m.rows !== rows) {
      throw new CourseInputError(
        `hstack: all matrices need the same number of rows, but ms[0] is ${shapeOf(ms[0])} and ms[${k}] is ${shapeOf(m)}.`,
      );
    }
  });
  const cols = ms.reduce((c, m) => c + m.cols, 0);
  const out = new Matrix(rows, cols);
  let offset = 0;
  for (const m of ms) {
    for (let i = 0; i < rows; i++) out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), i * cols + offset);
    offset += m.cols;
  }
  return out;
}

/**
 * Matrices one above the other (joined along rows); all must have the same number of columns.
 *
 * @example
 * vstack([Matrix.rowVector([1, 2]), Matrix.rowVector([3, 4])]).toArray(); // [[1, 2], [3, 4]]
 */
export function vstack(ms: readonly Matrix[]): Matrix {
  checkList(ms, "vstack");
  const cols = ms[0].cols;
  ms.forEach((m, k) => {
    if (m.cols !== cols) {
      throw new CourseInputError(
        `vstack: all matrices need the same number of columns, but ms[0] is ${shapeOf(ms[0])} and ms[${k}] is ${shapeOf(m)}.`,
      );
    }
  });
  const rows = ms.reduce((r, m) => r + m.rows, 0);
  const out = new Matrix(rows, cols);
  let offset = 0;
  for (const m of ms) {
    out.data.set(m.data, offset);
    offset += m.data.length;
  }
  return out;
}
