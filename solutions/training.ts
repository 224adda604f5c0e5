/**
 * The training loop's decisions: when to stop (early stopping with patience) and which hyperparameters to try
 * (random search on a log scale) (Lecture "Improved gradient descent", early stopping; INF 5860, searching for the
 * best parameters; Lecture 6 recap, hyperparameter tuning).
 */
import { CourseInputError } from "../lib/errors";
import type { EarlyStoppingDecision, SearchRange } from "../lib/api/training";
import { rng } from "../lib/random";

/**
 * Early stopping with patience p: given the validation errors measured so far (one per evaluation, e.g. per
 * epoch), stop when there was no improvement in the last p evaluations, and return the model stored at the best
 * one. An evaluation improves when it is lower than every earlier one by more than `minDelta`; ties keep the
 * earlier best.
 *
 * The slide's "return the model stored at step k − p" is this best step when the history has just run out of
 * patience (k − bestStep = p).
 *
 * @example
 * earlyStopping([0.9, 0.5, 0.6, 0.7], 2); // { stop: true, bestStep: 1, bestValue: 0.5, sinceBest: 2 }
 * earlyStopping([0.9, 0.5, 0.6], 2).stop; // false
 */
export function earlyStopping(valErrors: number[], patience: number, minDelta = 0): EarlyStoppingDecision {
  if (!Array.isArray(valErrors) || valErrors.length === 0) {
    throw new CourseInputError(`earlyStopping: give the validation errors measured so far (at least one).`);
  }
  if (!Number.isInteger(patience) || patience < 1) {
    throw new CourseInputError(`earlyStopping: patience must be a whole number ≥ 1, got ${patience}.`);
  }
  // BEGIN SOLUTION
  let bestStep = 0;
  for (let k = 1; k < valErrors.length; k++) {
    if (valErrors[k] < valErrors[bestStep] - minDelta) bestStep = k;
  }
  const sinceBest = valErrors.length - 1 - bestStep;
  return { stop: sinceBest >= patience, bestStep, bestValue: valErrors[bestStep], sinceBest };
  // END SOLUTION
}

/**
 * `count` random hyperparameter settings. For each setting, and within it for each key of `space` in order, one
 * number u = rng(seed).next() is drawn and mapped to the range:
 *   - { min, max, scale: "log" } → 10^(log₁₀ min + u (log₁₀ max − log₁₀ min)), uniform in the exponent
 *     ("parameters like learning rate are multiplicative, search in log-space"; needs 0 < min);
 *   - { min, max } or scale "linear" → min + u (max − min);
 *   - integer: true → the value above rounded to the nearest whole number;
 *   - { choices } → choices[⌊u · choices.length⌋].
 *
 * @example
 * randomSearch({ lr: { min: 1e-6, max: 1e-3, scale: "log" }, hidden: { choices: [50, 100] } }, 3, 0);
 * // [{ lr: …, hidden: … }, …] three settings, the same every run
 */
export function randomSearch(
  space: Record<string, SearchRange>,
  count: number,
  seed: number,
): Record<string, number>[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new CourseInputError(`randomSearch: count must be a whole number ≥ 0, got ${count}.`);
  }
  for (const [key, range] of Object.entries(space)) {
    if ("choices" in range) {
      if (!Array.isArray(range.choices) || range.choices.length === 0) {
        throw new CourseInputError(`randomSearch: ${key}.choices must be a non-empty array of numbers.`);
      }
    } else if (!(range.min <= range.max) || (range.scale === "log" && !(range.min > 0))) {
      throw new CourseInputError(
        `randomSearch: ${key} needs min ≤ max${range.scale === "log" ? " and min > 0 on a log scale" : ""}, ` +
          `got min = ${range.min}, max = ${range.max}.`,
      );
    }
  }
  // BEGIN SOLUTION
  const r = rng(seed);
  const settings: Record<string, number>[] = [];
  for (let i = 0; i < count; i++) {
    const setting: Record<string, number> = {};
    for (const [key, range] of Object.entries(space)) {
      const u = r.next();
      if ("choices" in range) {
        setting[key] = range.choices[Math.floor(u * range.choices.length)];
        continue;
      }
      let value: number;
      if (range.scale === "log") {
        const lo = Math.log10(range.min);
        const hi = Math.log10(range.max);
        value = 10 ** (lo + u * (hi - lo));
      } else {
        value = range.min + u * (range.max - range.min);
      }
      setting[key] = range.integer ? Math.round(value) : value;
    }
    settings.push(setting);
  }
  return settings;
  // END SOLUTION
}
