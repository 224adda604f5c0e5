/**
 * Shape checks shared by the ops. Internal: not re-exported from the library.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";

/** "2×3", the way error messages print a shape. */
export function shapeOf(a: Matrix): string {
  return `${a.rows}×${a.cols}`;
}

/** Throws unless `value` is a Matrix (catches plain arrays passed by mistake). */
export function assertMatrix(value: unknown, fn: string, name = "a"): asserts value is Matrix {
  if (!(value instanceof Matrix)) {
    const got = Array.isArray(value) ? "an array" : typeof value;
    throw new CourseInputError(
      `${fn}: ${name} must be a Matrix, got ${got}. Wrap nested arrays with Matrix.from2D([[...], ...]).`,
    );
  }
}

/** Throws unless a and b have the same shape. */
export function assertSameShape(a: Matrix, b: Matrix, fn: string): void {
  assertMatrix(a, fn, "a");
  assertMatrix(b, fn, "b");
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new CourseInputError(`${fn}: a is ${shapeOf(a)} but b is ${shapeOf(b)}; they must have the same shape.`);
  }
}

/** Throws unless n is a whole number ≥ min. */
export function assertInteger(n: number, fn: string, name: string, min = 0): void {
  if (!Number.isInteger(n) || n < min) {
    throw new CourseInputError(`${fn}: ${name} must be a whole number ≥ ${min}, got ${n}.`);
  }
}

/** The axis a reduction runs over: 0 reduces over rows (one result per column), 1 over columns (one per row). */
export type Axis = 0 | 1;

/** Throws unless axis is 0 or 1. */
export function assertAxis(axis: unknown, fn: string): asserts axis is Axis {
  if (axis !== 0 && axis !== 1) {
    throw new CourseInputError(
      `${fn}: axis must be 0 (reduce over rows, giving a 1×cols row) or 1 (reduce over columns, giving a rows×1 column), got ${String(axis)}.`,
    );
  }
}

/**
 * The matrix an elementwise op writes its result into: `out` when given (checked to have a's shape; it may be a
 * itself), else a new one.
 */
export function outFor(a: Matrix, out: Matrix | undefined, fn: string): Matrix {
  if (out === undefined) return new Matrix(a.rows, a.cols);
  assertMatrix(out, fn, "out");
  if (out.rows !== a.rows || out.cols !== a.cols) {
    throw new CourseInputError(`${fn}: out is ${shapeOf(out)} but the result is ${shapeOf(a)} (the shape of a).`);
  }
  return out;
}
