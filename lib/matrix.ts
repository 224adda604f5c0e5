import { CourseInputError } from "./errors";

/**
 * A dense float64 matrix stored row-major in a Float64Array: element (i, j) is `data[i * cols + j]`.
 *
 * Operations live in their own files under lib/ops (one op per file); this file only creates and reads matrices.
 *
 * @example
 * const a = Matrix.from2D([[1, 2], [3, 4]]);
 * a.get(1, 0); // 3
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new CourseInputError(`Matrix size must be two whole numbers ≥ 0, got ${rows}×${cols}.`);
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new CourseInputError(
        `Matrix data has ${data.length} numbers but a ${rows}×${cols} matrix needs ${rows * cols}.`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** A rows×cols matrix of zeros. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** A rows×cols matrix with every element equal to `value`. */
  static full(rows: number, cols: number, value: number): Matrix {
    return new Matrix(rows, cols, new Float64Array(rows * cols).fill(value));
  }

  /** A rows×cols matrix of ones. */
  static ones(rows: number, cols: number): Matrix {
    return Matrix.full(rows, cols, 1);
  }

  /** The n×n identity matrix. */
  static identity(n: number): Matrix {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** A matrix from nested arrays, one inner array per row: `Matrix.from2D([[1, 2], [3, 4]])`. */
  static from2D(values: readonly (readonly number[])[]): Matrix {
    const rows = values.length;
    const cols = rows === 0 ? 0 : values[0].length;
    const m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      if (values[i].length !== cols) {
        throw new CourseInputError(
          `Matrix.from2D needs rows of equal length: row 0 has ${cols} numbers, row ${i} has ${values[i].length}.`,
        );
      }
      for (let j = 0; j < cols; j++) m.data[i * cols + j] = values[i][j];
    }
    return m;
  }

  /** A 1×n row vector. */
  static rowVector(values: ArrayLike<number>): Matrix {
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  /** An n×1 column vector. */
  static colVector(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float64Array.from(values));
  }

  /** [rows, cols], as numpy's `shape`. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** A copy of row i as a plain array. */
  row(i: number): number[] {
    return Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
  }

  /** A copy of column j as a plain array. */
  col(j: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.rows; i++) out.push(this.data[i * this.cols + j]);
    return out;
  }

  /** A deep copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Nested arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(this.row(i));
    return out;
  }

  /** Same numbers, new shape (a copy). */
  reshape(rows: number, cols: number): Matrix {
    if (rows * cols !== this.size) {
      throw new CourseInputError(`Cannot reshape a ${this.rows}×${this.cols} matrix to ${rows}×${cols}.`);
    }
    return new Matrix(rows, cols, this.data.slice());
  }

  /** A short text form, e.g. for `console.log`. */
  toString(): string {
    return `Matrix ${this.rows}×${this.cols} ` + JSON.stringify(this.toArray());
  }
}
