import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, shapeOf } from "./checks";
import { matmulKernel } from "./matmul-kernel";

/**
 * Products with fewer multiply-adds (n·k·m) than this use the simple loop: they take microseconds either way, and
 * the fast kernel's fixed costs (packing the operands, a call into WebAssembly) leave little to gain.
 */
const KERNEL_THRESHOLD = 16 * 16 * 16;

/**
 * Matrix product a·b: an n×k matrix times a k×m matrix gives an n×m matrix, (a·b)[i][j] = Σₖ a[i][k]·b[k][j].
 *
 * Large products run on a fast kernel (matmul-kernel.ts: cache blocking, WebAssembly SIMD, two threads); the result
 * equals `matmulReference`, the loop to read to see what the product computes, up to rounding.
 *
 * @example
 * const a = Matrix.from2D([[1, 2], [3, 4]]);
 * const b = Matrix.from2D([[5], [6]]);
 * matmul(a, b).toArray(); // [[17], [39]]
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  checkOperands(a, b, "matmul");
  const out = new Float64Array(a.rows * b.cols);
  const big = a.rows * a.cols * b.cols >= KERNEL_THRESHOLD;
  if (!(big && matmulKernel(a.data, b.data, out, a.rows, a.cols, b.cols))) multiplyInto(a, b, out);
  return new Matrix(a.rows, b.cols, out);
}

/**
 * The matrix product by its definition, three nested loops: what `matmul` computes, written to be read.
 *
 * @example
 * matmulReference(Matrix.from2D([[1, 2]]), Matrix.from2D([[3], [4]])).toArray(); // [[11]]
 */
export function matmulReference(a: Matrix, b: Matrix): Matrix {
  checkOperands(a, b, "matmulReference");
  const out = new Float64Array(a.rows * b.cols);
  multiplyInto(a, b, out);
  return new Matrix(a.rows, b.cols, out);
}

function checkOperands(a: Matrix, b: Matrix, fn: string): void {
  assertMatrix(a, fn, "a");
  assertMatrix(b, fn, "b");
  if (a.cols !== b.rows) {
    throw new CourseInputError(
      `cannot multiply ${shapeOf(a)} by ${shapeOf(b)}: a.cols must equal b.rows (${a.cols} ≠ ${b.rows}). ` +
        `Check the order of the operands, or whether one of them needs transpose().`,
    );
  }
}

/** out += a·b, out an n×m Float64Array of zeros. */
function multiplyInto(a: Matrix, b: Matrix, out: Float64Array): void {
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
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
}
