import { Matrix } from "../matrix";
import { assertMatrix } from "./checks";

/**
 * True when a and b have the same shape and every pair of elements satisfies |a − b| ≤ atol + rtol·|b|
 * (numpy's rule, so b is the reference). NaN is never close to anything; equal infinities are close.
 *
 * @example
 * allClose(Matrix.rowVector([1, 2]), Matrix.rowVector([1 + 1e-9, 2])); // true
 * allClose(Matrix.rowVector([1, 2]), Matrix.rowVector([1.1, 2])); // false
 */
export function allClose(a: Matrix, b: Matrix, rtol = 1e-5, atol = 1e-8): boolean {
  assertMatrix(a, "allClose", "a");
  assertMatrix(b, "allClose", "b");
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < A.length; i++) {
    if (A[i] === B[i]) continue; // also covers equal infinities
    if (!Number.isFinite(A[i]) || !Number.isFinite(B[i])) return false; // NaN, or ∞ against anything else
    if (!(Math.abs(A[i] - B[i]) <= atol + rtol * Math.abs(B[i]))) return false;
  }
  return true;
}
