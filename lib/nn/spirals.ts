/**
 * A seeded 2-D data set that no linear classifier can separate: points on `classes` interleaved spiral arms.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";

/**
 * pointsPerClass points per arm: radius r from 0 to 1, angle t from 4j to 4(j + 1) (arm j) plus Gaussian noise of
 * standard deviation `noise`, at (r sin t, r cos t). X is N×2 (N = pointsPerClass · classes), y the arm of each row.
 *
 * @example
 * const { X, y } = spirals(100, 3, 0); // 300 points, labels 0, 0, …, 1, …, 2
 */
export function spirals(
  pointsPerClass: number,
  classes: number,
  seed: number,
  noise = 0.2,
): { X: Matrix; y: number[] } {
  if (!Number.isInteger(pointsPerClass) || pointsPerClass < 2 || !Number.isInteger(classes) || classes < 1) {
    throw new CourseInputError(
      `spirals: needs a whole number ≥ 2 of points per class and ≥ 1 classes, got ${pointsPerClass} and ${classes}.`,
    );
  }
  const r = rng(seed);
  const X = new Matrix(pointsPerClass * classes, 2);
  const y: number[] = [];
  for (let j = 0; j < classes; j++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const radius = i / (pointsPerClass - 1);
      const t = 4 * j + (4 * i) / (pointsPerClass - 1) + r.gaussian(0, noise);
      const row = j * pointsPerClass + i;
      X.set(row, 0, radius * Math.sin(t));
      X.set(row, 1, radius * Math.cos(t));
      y.push(j);
    }
  }
  return { X, y };
}
