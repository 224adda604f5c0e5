/**
 * Saturated units of the squashing activations (Lecture 7, "saturated neurons kill the gradients"; makemore part 3's
 * "percent saturated"). A tanh output with |h| > 0.97 sits on a flat part of the curve: its local gradient
 * tanh′ = 1 − h² is below 0.06, so it passes back less than 6 % of the gradient it receives. The sigmoid gets the
 * same cut-off on its own scale, |2h − 1| > 0.97 (h < 0.015 or h > 0.985): there σ′ = h(1 − h) is below 6 % of its
 * largest value 0.25, because tanh(z) = 2σ(2z) − 1.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";

/** The activations that saturate at both ends. */
export type SquashingKind = "tanh" | "sigmoid";

/**
 * The fraction (0 … 1) of the outputs h of a tanh or sigmoid layer that are saturated: |h| > threshold for tanh,
 * |2h − 1| > threshold for the sigmoid (default threshold 0.97, as in makemore).
 *
 * @example
 * saturatedFraction(Matrix.from2D([[0.99, -0.5], [-0.98, 0.1]]), "tanh"); // 0.5
 * saturatedFraction(Matrix.from2D([[0.999, 0.5]]), "sigmoid"); // 0.5
 */
export function saturatedFraction(h: Matrix, kind: SquashingKind, threshold = 0.97): number {
  if (!(h instanceof Matrix) || h.size === 0) {
    throw new CourseInputError("saturatedFraction: h must be a non-empty Matrix of a tanh or sigmoid layer's outputs.");
  }
  if (kind !== "tanh" && kind !== "sigmoid") {
    throw new CourseInputError(`saturatedFraction: kind must be "tanh" or "sigmoid", got ${JSON.stringify(kind)}.`);
  }
  if (!(threshold > 0 && threshold < 1)) {
    throw new CourseInputError(
      `saturatedFraction: threshold must be a number between 0 and 1 (e.g. 0.97), got ${threshold}.`,
    );
  }
  let count = 0;
  const d = h.data;
  if (kind === "tanh") for (let i = 0; i < d.length; i++) count += Math.abs(d[i]) > threshold ? 1 : 0;
  else for (let i = 0; i < d.length; i++) count += Math.abs(2 * d[i] - 1) > threshold ? 1 : 0;
  return count / d.length;
}
