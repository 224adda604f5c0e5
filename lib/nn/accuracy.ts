import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { argmax } from "../ops";

/**
 * The fraction of rows whose largest score is at the true label (the predicted class is the arg max).
 *
 * @example
 * accuracy(Matrix.from2D([[2, 1], [0, 3]]), [0, 0]); // 0.5
 */
export function accuracy(scores: Matrix, labels: readonly number[]): number {
  if (labels.length !== scores.rows || scores.rows === 0) {
    throw new CourseInputError(
      `accuracy: got ${labels.length} labels for ${scores.rows} rows of scores; give one label per row.`,
    );
  }
  const predicted = argmax(scores, 1);
  return predicted.filter((c, i) => c === labels[i]).length / labels.length;
}
