import { Matrix } from "../matrix";
import { assertMatrix, assertSameShape } from "./checks";

/**
 * The Frobenius norm ‖a‖ = √(Σ aᵢⱼ²), the length of a viewed as one long vector.
 *
 * @example
 * norm(Matrix.rowVector([3, 4])); // 5
 */
export function norm(a: Matrix): number {
  assertMatrix(a, "norm");
  let s = 0;
  const A = a.data;
  for (let i = 0; i < A.length; i++) s += A[i] * A[i]; // an indexed loop: `for … of` on a Float64Array is ~4× slower
  return Math.sqrt(s);
}

/**
 * Σ aᵢⱼ·bᵢⱼ, the sum of elementwise products of two matrices of the same shape (a number).
 *
 * @example
 * dot(Matrix.rowVector([1, 2, 3]), Matrix.rowVector([4, 5, 6])); // 32
 */
export function dot(a: Matrix, b: Matrix): number {
  assertSameShape(a, b, "dot");
  const A = a.data;
  const B = b.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i] * B[i];
  return s;
}
