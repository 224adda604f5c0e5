/**
 * The update/weight ratio (INF 5860: "track ratio of weight updates / weight magnitudes … want this to be somewhere
 * around 0.001"; makemore part 3's update-to-data ratio). Far below 10⁻³ the weights hardly move (the learning rate is
 * too low for this layer); far above, each step changes a sizeable part of them (too high).
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { norm, sub } from "../ops";

/**
 * ‖after − before‖ / ‖before‖ (Frobenius norms) for one parameter matrix before and after an update: the quantity the
 * Solver records for the first weight matrix as `updateRatio`. makemore plots std(ΔW)/std(W) instead, which is
 * nearly the same for weights with mean ≈ 0.
 *
 * @example
 * updateRatio(Matrix.from2D([[3, 4]]), Matrix.from2D([[3, 4.005]])); // 0.001
 */
export function updateRatio(before: Matrix, after: Matrix): number {
  if (!(before instanceof Matrix) || !(after instanceof Matrix)) {
    throw new CourseInputError("updateRatio: pass two matrices, the parameter before and after the update.");
  }
  if (before.rows !== after.rows || before.cols !== after.cols) {
    throw new CourseInputError(
      `updateRatio: before is ${before.rows}×${before.cols} but after is ${after.rows}×${after.cols}; pass the same parameter twice.`,
    );
  }
  const size = norm(before);
  if (size === 0) {
    throw new CourseInputError("updateRatio: the parameter is all zeros before the update, so the ratio is undefined.");
  }
  return norm(sub(after, before)) / size;
}
