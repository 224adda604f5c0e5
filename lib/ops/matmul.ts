import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, shapeOf } from "./checks";
import { matmulKernel } from "./matmul-kernel";
import { transpose } from "./transpose";

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
 * `out` (optional, an n×m matrix other than a and b) receives the result instead of a new matrix, so a training
 * loop can reuse one buffer step after step.
 *
 * @example
 * const a = Matrix.from2D([[1, 2], [3, 4]]);
 * const b = Matrix.from2D([[5], [6]]);
 * matmul(a, b).toArray(); // [[17], [39]]
 */
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkOperands(a, b, false, false, "matmul");
  return product(a, b, false, false, out, "matmul");
}

/**
 * aᵀ·b without forming aᵀ: a is k×n, b is k×m, the result n×m (e.g. the weight gradient xᵀ·dout of a linear layer).
 * Equals `matmul(transpose(a), b)` up to rounding, faster and without the copy; `out` as in `matmul`.
 *
 * @example
 * const x = Matrix.from2D([[1, 2]]);
 * matmulTransA(x, Matrix.from2D([[3, 4]])).toArray(); // [[3, 4], [6, 8]]  (= transpose(x)·[[3, 4]])
 */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkOperands(a, b, true, false, "matmulTransA");
  return product(a, b, true, false, out, "matmulTransA");
}

/**
 * a·bᵀ without forming bᵀ: a is n×k, b is m×k, the result n×m (e.g. the input gradient dout·Wᵀ of a linear layer).
 * Equals `matmul(a, transpose(b))` up to rounding, faster and without the copy; `out` as in `matmul`.
 *
 * @example
 * const dout = Matrix.from2D([[1, 1]]);
 * matmulTransB(dout, Matrix.from2D([[1, 2], [3, 4]])).toArray(); // [[3, 7]]  (= dout·transpose(W))
 */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  checkOperands(a, b, false, true, "matmulTransB");
  return product(a, b, false, true, out, "matmulTransB");
}

/**
 * The matrix product by its definition, three nested loops: what `matmul` computes, written to be read.
 *
 * @example
 * matmulReference(Matrix.from2D([[1, 2]]), Matrix.from2D([[3], [4]])).toArray(); // [[11]]
 */
export function matmulReference(a: Matrix, b: Matrix): Matrix {
  checkOperands(a, b, false, false, "matmulReference");
  const out = new Float64Array(a.rows * b.cols);
  multiplyInto(a, b, out);
  return new Matrix(a.rows, b.cols, out);
}

/**
 * What `matmulTransA` computes, written to be read: aᵀ·b.
 *
 * @example
 * matmulTransAReference(Matrix.from2D([[1, 2]]), Matrix.from2D([[3]])).toArray(); // [[3], [6]]
 */
export function matmulTransAReference(a: Matrix, b: Matrix): Matrix {
  return matmulReference(transpose(a), b);
}

/**
 * What `matmulTransB` computes, written to be read: a·bᵀ.
 *
 * @example
 * matmulTransBReference(Matrix.from2D([[1, 2]]), Matrix.from2D([[3, 4]])).toArray(); // [[11]]
 */
export function matmulTransBReference(a: Matrix, b: Matrix): Matrix {
  return matmulReference(a, transpose(b));
}

/** The product of op(a) and op(b), op = transpose where asked, into `out` or a new matrix. */
function product(a: Matrix, b: Matrix, transA: boolean, transB: boolean, out: Matrix | undefined, fn: string): Matrix {
  const n = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const m = transB ? b.rows : b.cols;
  const result = out ?? new Matrix(n, m);
  if (out !== undefined) {
    checkOut(out, a, b, n, m, fn);
    out.data.fill(0); // the loop below adds into it; the kernel overwrites it
  }
  const big = n * k * m >= KERNEL_THRESHOLD;
  if (!(big && matmulKernel(a.data, b.data, result.data, n, k, m, transA, transB))) {
    stridedMultiplyInto(a.data, b.data, result.data, n, k, m, transA, transB);
  }
  return result;
}

function checkOperands(a: Matrix, b: Matrix, transA: boolean, transB: boolean, fn: string): void {
  assertMatrix(a, fn, "a");
  assertMatrix(b, fn, "b");
  const k = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  if (k !== kb) {
    const need = `${transA ? "a.rows" : "a.cols"} must equal ${transB ? "b.cols" : "b.rows"} (${k} ≠ ${kb})`;
    throw new CourseInputError(
      `cannot ${fn === "matmul" || fn === "matmulReference" ? "multiply" : `${fn}`} ${shapeOf(a)} by ${shapeOf(b)}: ` +
        `${need}. Check the order of the operands, or whether one of them needs transpose().`,
    );
  }
}

function checkOut(out: Matrix, a: Matrix, b: Matrix, n: number, m: number, fn: string): void {
  assertMatrix(out, fn, "out");
  if (out.rows !== n || out.cols !== m) {
    throw new CourseInputError(`${fn}: out is ${shapeOf(out)} but the product is ${n}×${m}.`);
  }
  if (out.data.buffer === a.data.buffer || out.data.buffer === b.data.buffer) {
    throw new CourseInputError(`${fn}: out must be a separate matrix, not a or b (nor a view of their data).`);
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

/**
 * multiplyInto for small products with operands stored either way: out += op(A)·op(B), op(A)[i][p] = A[i·k + p],
 * or A[p·n + i] when transA (likewise B); the same sums in the same order.
 */
function stridedMultiplyInto(
  A: Float64Array,
  B: Float64Array,
  out: Float64Array,
  n: number,
  k: number,
  m: number,
  transA: boolean,
  transB: boolean,
): void {
  const [aRow, aCol] = transA ? [1, n] : [k, 1];
  const [bRow, bCol] = transB ? [1, k] : [m, 1];
  for (let i = 0; i < n; i++) {
    const outRow = i * m;
    for (let p = 0; p < k; p++) {
      const aip = A[i * aRow + p * aCol];
      const bp = p * bRow;
      for (let j = 0; j < m; j++) out[outRow + j] += aip * B[bp + j * bCol];
    }
  }
}
