/**
 * Applies an update rule (cs231n form, e.g. the exercise `adam`) to every parameter of a network, keeping one
 * config (and so one optimizer state) per parameter.
 */
import { CourseInputError } from "../errors";
import { losses as exerciseLosses } from "../exercises";
import { add, scale } from "../ops";
import type { Param } from "../nn/module";
import type { UpdateRule } from "./path";

/**
 * For every param: dw = grad (+ λ·∂R/∂W with R = Σ W², the exercise `l2Regularization`, for weights when
 * `weightDecay` λ > 0), then { w, config } = rule(value, dw, { ...configs[name], ...base }): the hyperparameters in
 * `base` (e.g. this epoch's learning rate from a schedule) override the stored ones, the stored state (velocity,
 * caches, step count) carries on. The new value is written into the existing matrix (so the modules see it) and
 * the returned configs hold each param's new state.
 *
 * @example
 * let state = {};
 * for (const batch of miniBatches(X, y, 64, r)) {
 *   net.backward(losses.softmaxCrossEntropy(net.forward(batch.x), batch.y).dscores);
 *   state = updateParams(net.params(), optimizers.adam, state, { learningRate: 1e-3 });
 * }
 */
export function updateParams<C extends object>(
  params: readonly Param[],
  rule: UpdateRule<C>,
  configs: Record<string, C>,
  base: C,
  weightDecay = 0,
): Record<string, C> {
  const next: Record<string, C> = {};
  for (const p of params) {
    let dw = p.grad;
    if (weightDecay > 0 && p.decay) {
      const decay = scale(exerciseLosses.l2Regularization(p.value).grad, weightDecay);
      dw = add(decay, p.grad, decay); // λ·∂R/∂W + grad, summed in place (one matrix fewer per step)
    }
    const { w, config } = rule(p.value, dw, { ...configs[p.name], ...base }); // base's hyperparameters, stored state
    if (w.rows !== p.value.rows || w.cols !== p.value.cols) {
      throw new CourseInputError(
        `updateParams: the update rule returned a ${w.rows}×${w.cols} matrix for ${p.name}, which is ${p.value.rows}×${p.value.cols}.`,
      );
    }
    p.value.data.set(w.data);
    next[p.name] = config;
  }
  return next;
}
