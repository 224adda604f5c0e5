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
