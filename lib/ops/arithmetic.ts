import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { assertMatrix, outFor, shapeOf } from "./checks";

/**
 * The right-hand operand of add/sub/mul/div: a number, or a Matrix that is broadcast to the shape of `a`.
 */
export type Operand = Matrix | number;

/**
 * One op over every element: out[i, j] = a[i, j] ∘ b[i·rowStep + j·colStep], with a and out rows×cols, row-major.
 * The steps say how b is broadcast: (cols, 1) for a matrix of a's shape, (0, 1) for a row vector, (1, 0) for a
 * column vector, (0, 0) for a single number. Each op has its own loop (below), so the engine compiles its arithmetic
 * inline; one loop shared by every op, calling `f(x, y)` per element, was several times slower.
 */
type Loop = (
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  rows: number,
  cols: number,
  rowStep: number,
  colStep: number,
) => void;

const addLoop: Loop = (out, a, b, rows, cols, rs, cs) => {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] + b[i * rs + j * cs];
};
const subLoop: Loop = (out, a, b, rows, cols, rs, cs) => {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] - b[i * rs + j * cs];
};
const mulLoop: Loop = (out, a, b, rows, cols, rs, cs) => {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] * b[i * rs + j * cs];
};
const divLoop: Loop = (out, a, b, rows, cols, rs, cs) => {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * cols + j] / b[i * rs + j * cs];
};

/** A number operand, as the one-element array the loops read (reused: the loops never call out of this file). */
const scalar = new Float64Array(1);

/**
 * Applies an op elementwise to a and b, broadcasting b to a's shape. The result always has a's shape.
 * b may be: a number; a Matrix of the same shape; a 1×cols row vector (repeated for every row); a rows×1 column
 * vector (repeated for every column); or a 1×1 matrix (used as a number).
 */
function broadcast(a: Matrix, b: Operand, loop: Loop, name: string, into: Matrix | undefined): Matrix {
  assertMatrix(a, name, "a");
  const { rows, cols } = a;
  const result = outFor(a, into, name);
  // A number, a matrix of a's shape and a 1×1 matrix pair the elements in storage order, so they run as one long
  // row (1 × rows·cols): one inner loop over everything instead of one per row (the same sums, fewer loop starts).
  const size = rows * cols;
  if (typeof b === "number") {
    scalar[0] = b;
    loop(result.data, a.data, scalar, 1, size, 0, 0);
    return result;
  }
  assertMatrix(b, name, "b");
  if (b.rows === rows && b.cols === cols) loop(result.data, a.data, b.data, 1, size, 0, 1);
  else if (b.rows === 1 && b.cols === cols)
    loop(result.data, a.data, b.data, rows, cols, 0, 1); // row vector: b[0][j] for every row
  else if (b.rows === rows && b.cols === 1)
    loop(result.data, a.data, b.data, rows, cols, 1, 0); // column vector: b[i][0] for every column
  else if (b.rows === 1 && b.cols === 1) loop(result.data, a.data, b.data, 1, size, 0, 0);
  else {
    throw new CourseInputError(
      `${name}: cannot broadcast b (${shapeOf(b)}) to a (${shapeOf(a)}). b must be a ${rows}×${cols} matrix, ` +
        `a 1×${cols} row vector, a ${rows}×1 column vector, or a number` +
        (b.rows === cols && b.cols === rows ? " (b looks transposed: try transpose(b))." : "."),
    );
  }
  return result;
}

/**
 * Elementwise a + b; b is a number, a matrix of a's shape, a 1×cols row or a rows×1 column (broadcast).
 * Like every elementwise op, it takes an optional `out` of a's shape (it may be a itself) that receives the result
 * instead of a new matrix, so a training loop can reuse its buffers.
 *
 * @example
 * const x = Matrix.from2D([[1, 2], [3, 4]]);
 * add(x, Matrix.rowVector([10, 20])).toArray(); // [[11, 22], [13, 24]]  (adds a bias to every row)
 */
export function add(a: Matrix, b: Operand, out?: Matrix): Matrix {
  return broadcast(a, b, addLoop, "add", out);
}

/**
 * Elementwise a − b, broadcasting b as in `add`.
 *
 * @example
 * const x = Matrix.from2D([[1, 2], [3, 4]]);
 * sub(x, Matrix.colVector([1, 3])).toArray(); // [[0, 1], [0, 1]]  (subtracts each row's own value)
 */
export function sub(a: Matrix, b: Operand, out?: Matrix): Matrix {
  return broadcast(a, b, subLoop, "sub", out);
}

/**
 * Elementwise (Hadamard) product a ⊙ b, broadcasting b as in `add`. For the matrix product use `matmul`.
 *
 * @example
 * mul(Matrix.from2D([[1, 2], [3, 4]]), 2).toArray(); // [[2, 4], [6, 8]]
 */
export function mul(a: Matrix, b: Operand, out?: Matrix): Matrix {
  return broadcast(a, b, mulLoop, "mul", out);
}

/**
 * Elementwise a / b, broadcasting b as in `add` (dividing by 0 gives ±Infinity or NaN, as in IEEE arithmetic).
 *
 * @example
 * const x = Matrix.from2D([[1, 3], [2, 2]]);
 * div(x, Matrix.colVector([4, 4])).toArray(); // [[0.25, 0.75], [0.5, 0.5]]  (normalise each row by its total)
 */
export function div(a: Matrix, b: Operand, out?: Matrix): Matrix {
  return broadcast(a, b, divLoop, "div", out);
}
