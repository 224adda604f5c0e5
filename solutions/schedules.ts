/**
 * Learning-rate schedules: start with a high learning rate and reduce it over time (CS5330 "Learning Rate Decay";
 * Lecture "Improved gradient descent", tips for annealing the learning rate; Lecture "Training neural networks",
 * decrease constants).
 *
 * Every schedule is a pure function of the update (or epoch) number t = 0, 1, 2, … and returns α_t; α_0 is the
 * initial learning rate `lr0`. Corrections to the slides are noted at each function.
 */
import { CourseInputError } from "../lib/errors";

/**
 * Step decay: multiply the learning rate by `factor` every `every` steps (the slide's "halve the learning rate
 * after every 5 epochs" is every = 5, factor = 0.5):  α_t = α_0 · factor^⌊t / every⌋.
 *
 * @example
 * stepDecay(12, 0.1, 5, 0.5); // 0.1 · 0.5² = 0.025
 */
export function stepDecay(t: number, lr0: number, every: number, factor = 0.5): number {
  checkStep("stepDecay", t, lr0);
  if (!Number.isInteger(every) || every < 1) {
    throw new CourseInputError(`stepDecay: every must be a whole number of steps ≥ 1, got ${every}.`);
  }
  if (!(factor > 0 && factor <= 1)) throw new CourseInputError(`stepDecay: factor must be in (0, 1], got ${factor}.`);
  // BEGIN SOLUTION
  return lr0 * factor ** Math.floor(t / every);
  // END SOLUTION
}

/**
 * Exponential decay: α_t = α_0 · e^{−kt}.
 *
 * The slide prints η = η_0^{−kt}, which is wrong: for η_0 < 1 that *grows* with t (0.1^{−kt} = 10^{kt}). The
 * intended formula is η = η_0 e^{−kt}.
 *
 * @example
 * exponentialDecay(10, 0.1, Math.LN2 / 10); // 0.05: the rate halves every 10 steps
 */
export function exponentialDecay(t: number, lr0: number, k: number): number {
  checkStep("exponentialDecay", t, lr0);
  checkNonNegative("exponentialDecay", "k", k);
  // BEGIN SOLUTION
  return lr0 * Math.exp(-k * t);
  // END SOLUTION
}

/**
 * 1/t decay with decrease constant k (δ in "Training neural networks"): α_t = α_0 / (1 + kt).
 *
 * Σ_t α_t diverges (a harmonic series) and Σ_t α_t² converges, the two conditions for SGD to converge.
 *
 * @example
 * inverseTimeDecay(10, 0.1, 0.1); // 0.1 / 2 = 0.05
 */
export function inverseTimeDecay(t: number, lr0: number, k: number): number {
  checkStep("inverseTimeDecay", t, lr0);
  checkNonNegative("inverseTimeDecay", "k", k);
  // BEGIN SOLUTION
  return lr0 / (1 + k * t);
  // END SOLUTION
}

/**
 * Cosine decay over T steps: α_t = ½ α_0 (1 + cos(tπ / T)) for 0 ≤ t ≤ T, and 0 after T (the formula would rise
 * again for T < t ≤ 2T).
 *
 * @example
 * cosineDecay(50, 0.1, 100); // 0.05, half way
 */
export function cosineDecay(t: number, lr0: number, T: number): number {
  checkStep("cosineDecay", t, lr0);
  if (!(T > 0)) throw new CourseInputError(`cosineDecay: T (the number of decay steps) must be > 0, got ${T}.`);
  // BEGIN SOLUTION
  if (t >= T) return 0;
  return 0.5 * lr0 * (1 + Math.cos((t * Math.PI) / T));
  // END SOLUTION
}

// ---- Warm-up, reduce-on-plateau and the learning-rate range test ----

/**
 * Linear warm-up ("better to use a fixed learning rate for the first few updates", Lecture 001, taken one step
 * further): the rate rises in equal increments over the first `warmupSteps` steps and is `lr0` from step
 * `warmupSteps − 1` on. The very first step must already move the weights: its rate is not 0.
 *
 * @example
 * linearWarmup(0, 0.4, 4); // 0.1
 * linearWarmup(3, 0.4, 4); // 0.4, and 0.4 for every later step
 */
export function linearWarmup(t: number, lr0: number, warmupSteps: number): number {
  checkStep("linearWarmup", t, lr0);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 1) {
    throw new CourseInputError(`linearWarmup: warmupSteps must be a whole number of steps ≥ 1, got ${warmupSteps}.`);
  }
  // BEGIN SOLUTION
  // α_t = α_0 · (t + 1) / W for t < W, α_0 after: step t = 0 already moves, step W − 1 reaches α_0.
  return t < warmupSteps ? (lr0 * (t + 1)) / warmupSteps : lr0;
  // END SOLUTION
}

/**
 * Reduce-on-plateau (Lecture 004: "halve the learning rate after an epoch if the validation error is more than
 * what it was at the end of the previous epoch"): the rate for the next epoch, given the validation losses of the
 * epochs so far (`valLosses[0]` after the first epoch; an empty list gives `lr0`).
 *
 * An epoch improves when its loss is lower than every loss before it. When more than `patience` epochs in a row
 * have not improved, the rate is multiplied by `factor`, and the count of epochs without improvement starts again.
 * With patience 0 each epoch that does not improve multiplies the rate by `factor` once.
 *
 * @example
 * reduceOnPlateau([1.0, 0.8, 0.9], 0.1);        // 0.05: epoch 3 did not improve
 * reduceOnPlateau([1.0, 0.8, 0.9, 0.85], 0.1, 0.5, 1); // 0.05: two epochs in a row without a new best
 */
export function reduceOnPlateau(valLosses: number[], lr0: number, factor = 0.5, patience = 0): number {
  if (!Array.isArray(valLosses) || valLosses.some((v) => typeof v !== "number" || Number.isNaN(v))) {
    throw new CourseInputError(
      "reduceOnPlateau: valLosses must be an array of numbers (one validation loss per epoch).",
    );
  }
  checkNonNegative("reduceOnPlateau", "lr0", lr0);
  if (!(factor > 0 && factor <= 1)) {
    throw new CourseInputError(`reduceOnPlateau: factor must be in (0, 1], got ${factor}.`);
  }
  if (!Number.isInteger(patience) || patience < 0) {
    throw new CourseInputError(`reduceOnPlateau: patience must be a whole number of epochs ≥ 0, got ${patience}.`);
  }
  // BEGIN SOLUTION
  let lr = lr0;
  let best = Infinity;
  let bad = 0; // epochs in a row without a new best
  for (const loss of valLosses) {
    if (loss < best) {
      best = loss;
      bad = 0;
    } else if (++bad > patience) {
      lr *= factor;
      bad = 0; // start counting again after each reduction
    }
  }
  return lr;
  // END SOLUTION
}

/**
 * The learning rate of step t of a range test (Smith, "Cyclical learning rates", 2017; the run-it-once form of
 * Lecture 004's "try different values on a log scale: 0.0001, 0.001, 0.01, 0.1, 1.0"): over `steps` steps the
 * rate grows from `lrMin` at t = 0 to `lrMax` at t = steps − 1 by the same factor at every step, so that each
 * decade of rates gets the same number of steps.
 *
 * @example
 * lrRangeRate(0, 1e-4, 1, 5); // 1e-4
 * lrRangeRate(2, 1e-4, 1, 5); // 1e-2
 * lrRangeRate(4, 1e-4, 1, 5); // 1
 */
export function lrRangeRate(t: number, lrMin: number, lrMax: number, steps: number): number {
  if (!Number.isInteger(steps) || steps < 2) {
    throw new CourseInputError(`lrRangeRate: steps must be a whole number ≥ 2, got ${steps}.`);
  }
  if (!(Number.isInteger(t) && t >= 0 && t < steps)) {
    throw new CourseInputError(`lrRangeRate: the step t must be a whole number in [0, ${steps - 1}], got ${t}.`);
  }
  if (!(lrMin > 0 && lrMax > lrMin && Number.isFinite(lrMax))) {
    throw new CourseInputError(`lrRangeRate: need 0 < lrMin < lrMax, got lrMin = ${lrMin}, lrMax = ${lrMax}.`);
  }
  // BEGIN SOLUTION
  // geometric: α_t = α_min · (α_max / α_min)^{t / (steps − 1)}
  return lrMin * (lrMax / lrMin) ** (t / (steps - 1));
  // END SOLUTION
}

/**
 * The learning rate a range test suggests: one tenth of the rate at which the recorded loss was lowest (the loss
 * there is about to blow up, so the suggestion backs off by a factor 10). Losses that are NaN or ±∞ (a diverged
 * run) never count as the lowest.
 *
 * @example
 * rangeTestSuggestion([0.01, 0.1, 1, 10], [1.1, 0.7, 0.5, 9]); // 0.1: the lowest loss is at rate 1
 */
export function rangeTestSuggestion(rates: number[], losses: number[]): number {
  if (!Array.isArray(rates) || !Array.isArray(losses) || rates.length !== losses.length || rates.length === 0) {
    throw new CourseInputError(
      "rangeTestSuggestion: rates and losses must be arrays of the same length ≥ 1 (one loss per rate tried).",
    );
  }
  if (!losses.some((v) => Number.isFinite(v))) {
    throw new CourseInputError("rangeTestSuggestion: every loss is NaN or ±∞; start the range test at a lower rate.");
  }
  // BEGIN SOLUTION
  let best = -1;
  for (let i = 0; i < losses.length; i++) {
    if (Number.isFinite(losses[i]) && (best < 0 || losses[i] < losses[best])) best = i;
  }
  return rates[best] / 10;
  // END SOLUTION
}

// ---- Input checks ----

function checkStep(fn: string, t: number, lr0: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new CourseInputError(`${fn}: the step t must be a number ≥ 0, got ${t}.`);
  checkNonNegative(fn, "lr0", lr0);
}

function checkNonNegative(fn: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new CourseInputError(`${fn}: ${name} must be a number ≥ 0, got ${value}.`);
  }
}
