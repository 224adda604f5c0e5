/**
 * Applies one SGD step (the exercise `sgdStep`) to every parameter of a network, with weight decay on weights only.
 */
import type { LayersApi } from "../api";
import { CourseInputError } from "../errors";
import { layers as exerciseLayers } from "../exercises";
import type { Param } from "./module";

/**
 * θ ← sgdStep(θ, ∂L/∂θ, α, λ) for every param, with λ = `weightDecay` for weights and 0 for biases. The new values
 * are written into the existing matrices, so the modules that hold them see the update.
 *
 * @example
 * net.backward(dscores);
 * sgdUpdate(net.params(), 0.1, 1e-3);
 */
export function sgdUpdate(
  params: readonly Param[],
  learningRate: number,
  weightDecay = 0,
  step: LayersApi["sgdStep"] = exerciseLayers.sgdStep,
): void {
  for (const p of params) {
    const next = step(p.value, p.grad, learningRate, p.decay ? weightDecay : 0);
    if (next.rows !== p.value.rows || next.cols !== p.value.cols) {
      throw new CourseInputError(
        `sgdUpdate: sgdStep returned a ${next.rows}×${next.cols} matrix for ${p.name}, which is ${p.value.rows}×${p.value.cols}.`,
      );
    }
    p.value.data.set(next.data);
  }
}
