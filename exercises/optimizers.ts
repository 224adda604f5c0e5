/**
 * First-order update rules (Lecture "Neural Networks" CS5330: SGD, SGD + momentum; Lecture "Improved gradient
 * descent": momentum, Nesterov, Adagrad, RMSProp, Adam; Lecture "Training neural networks": momentum as an
 * exponentially decaying average of gradients).
 *
 * Conventions (as in cs231n's optim.py):
 *   - every rule is `update(w, dw, config) → { w, config }`: w is the parameter (any shape), dw = ∂L/∂w, and
 *     config holds the hyperparameters and the rule's state (velocity, squared-gradient cache, step count …);
 *   - a missing hyperparameter takes its default from the rule's DEFAULTS object below (the one place defaults live);
 *     a missing state starts at zero;
 *   - the returned config is a new object with every hyperparameter filled in and the new state; pass it to the
 *     next call. Neither w, dw nor the config passed in is changed;
 *   - everything is plain data (numbers and Matrix), so a config can be printed, copied or sent to another process.
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { AdagradConfig, AdamConfig, MomentumConfig, RmspropConfig, SgdConfig, Step } from "../lib/api/optimizers";
// Useful imports for your implementation (add the ones you use):
//   import { add, div, mul, scale, sqrt, sub } from "../lib/ops";

/**
 * Default hyperparameters, one entry per rule (the only place they are written down).
 *
 *   - sgd, sgdMomentum, nesterov: α = 1e-2; ρ = 0.9 ("typically ρ = 0.9 or 0.99", CS5330; "γ … typically 0.9");
 *   - adagrad: α = 1e-2, ε = 1e-8;
 *   - rmsprop: α = 1e-2, β = 0.99 (cs231n's decay rate), ε = 1e-8;
 *   - adam: α = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the lecture's "default choice").
 *
 * @example
 * DEFAULTS.adam.beta2; // 0.999
 */
export const DEFAULTS = {
  sgd: { learningRate: 1e-2 },
  sgdMomentum: { learningRate: 1e-2, momentum: 0.9 },
  nesterov: { learningRate: 1e-2, momentum: 0.9 },
  adagrad: { learningRate: 1e-2, epsilon: 1e-8 },
  rmsprop: { learningRate: 1e-2, decayRate: 0.99, epsilon: 1e-8 },
  adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
} as const;

/**
 * Vanilla (stochastic) gradient descent: one step of size α = learningRate against the gradient.
 *
 * @example
 * sgd(Matrix.from2D([[1, 2]]), Matrix.from2D([[10, -10]]), { learningRate: 0.1 }).w.toArray(); // [[0, 3]]
 */
export function sgd(w: Matrix, dw: Matrix, config: Partial<SgdConfig> = {}): Step<SgdConfig> {
  const c: SgdConfig = { ...DEFAULTS.sgd, ...config };
  check("sgd", w, dw, c);
  throw new NotImplementedError("sgd");
}

/**
 * SGD + momentum, in the velocity form of CS5330 (and cs231n): the velocity decays by the friction ρ = momentum
 * and takes a step of size α = learningRate against the gradient, and the parameter moves by the new velocity.
 * The notebook gives the update equations; `sgdMomentumAlt` is the other form the lectures use.
 *
 * @example
 * const s1 = sgdMomentum(Matrix.from2D([[1]]), Matrix.from2D([[1]]), { learningRate: 0.1, momentum: 0.9 });
 * s1.w.toArray(); // [[0.9]]   (v = −0.1)
 * sgdMomentum(s1.w, Matrix.from2D([[1]]), s1.config).w.toArray(); // [[0.71]]   (v = 0.9·(−0.1) − 0.1 = −0.19)
 */
export function sgdMomentum(w: Matrix, dw: Matrix, config: Partial<MomentumConfig> = {}): Step<MomentumConfig> {
  const c: MomentumConfig = { ...DEFAULTS.sgdMomentum, ...config };
  check("sgdMomentum", w, dw, c);
  checkState("sgdMomentum", w, c, "velocity");
  throw new NotImplementedError("sgdMomentum");
}

/**
 * Nesterov momentum ("look before you leap"). The lecture's rule needs the gradient at the look-ahead point
 * w_t − γ·update_{t−1}; with the update(w, dw) interface the parameter that is stored (and whose gradient dw the
 * caller passes) *is* that look-ahead point x̃. Rewrite the lecture's rule as an update of x̃ (the notebook shows
 * how to start), with the velocity v = −update as the state.
 *
 * @example
 * const s = nesterov(Matrix.from2D([[1]]), Matrix.from2D([[1]]), { learningRate: 0.1, momentum: 0.9 });
 * s.w.toArray(); // [[0.81]]   (v = −0.1, x̃ = 1 − 0.9·0 + 1.9·(−0.1))
 */
export function nesterov(w: Matrix, dw: Matrix, config: Partial<MomentumConfig> = {}): Step<MomentumConfig> {
  const c: MomentumConfig = { ...DEFAULTS.nesterov, ...config };
  check("nesterov", w, dw, c);
  checkState("nesterov", w, c, "velocity");
  throw new NotImplementedError("nesterov");
}

/**
 * Adagrad, as on the slide (ε inside the square root), element-wise; the state `cache` is the running sum of the
 * squared gradients.
 *
 * @example
 * adagrad(Matrix.from2D([[1]]), Matrix.from2D([[2]]), { learningRate: 0.1, epsilon: 0 }).w.toArray(); // [[0.9]]
 */
export function adagrad(w: Matrix, dw: Matrix, config: Partial<AdagradConfig> = {}): Step<AdagradConfig> {
  const c: AdagradConfig = { ...DEFAULTS.adagrad, ...config };
  check("adagrad", w, dw, c);
  checkState("adagrad", w, c, "cache");
  throw new NotImplementedError("adagrad");
}

/**
 * RMSProp, as on the slide (ε inside the square root), element-wise, with β = `decayRate`; the state `cache` is the
 * decaying average of the squared gradients.
 *
 * @example
 * // v = 0.01·4 = 0.04, step = 0.1·2/0.2 = 1
 * rmsprop(Matrix.from2D([[1]]), Matrix.from2D([[2]]), { learningRate: 0.1, decayRate: 0.99, epsilon: 0 }).w.toArray(); // [[0]]
 */
export function rmsprop(w: Matrix, dw: Matrix, config: Partial<RmspropConfig> = {}): Step<RmspropConfig> {
  const c: RmspropConfig = { ...DEFAULTS.rmsprop, ...config };
  check("rmsprop", w, dw, c);
  checkState("rmsprop", w, c, "cache");
  if (!(c.decayRate >= 0 && c.decayRate < 1)) {
    throw new CourseInputError(`rmsprop: decayRate (β) must be in [0, 1), got ${c.decayRate}.`);
  }
  throw new NotImplementedError("rmsprop");
}

/**
 * Adam, element-wise, as on the slide: decaying averages m (of the gradient, β₁) and v (of its square, β₂), both
 * bias-corrected (see `adamBiasCorrection`), and a step η·m̂ / (√v̂ + ε). The state is m, v and the step count t.
 *
 * @example
 * // on the first step, with bias correction, every coordinate moves by about η whatever its gradient's size
 * adam(Matrix.from2D([[1, 1]]), Matrix.from2D([[5, -0.01]]), { learningRate: 0.1 }).w.toArray(); // ≈ [[0.9, 1.1]]
 */
export function adam(w: Matrix, dw: Matrix, config: Partial<AdamConfig> = {}): Step<AdamConfig> {
  const c: AdamConfig = { ...DEFAULTS.adam, ...config };
  check("adam", w, dw, c);
  checkState("adam", w, c, "m");
  checkState("adam", w, c, "v");
  for (const key of ["beta1", "beta2"] as const) {
    if (!(c[key] >= 0 && c[key] < 1)) throw new CourseInputError(`adam: ${key} must be in [0, 1), got ${c[key]}.`);
  }
  throw new NotImplementedError("adam");
}

/**
 * SGD + momentum in the other form of the lectures: the state `velocity` accumulates the gradients themselves,
 * decaying by ρ = momentum, and the parameter steps by α = learningRate times it (u ← ρu + ∇f(x), x ← x − αu).
 *
 * @example
 * const s1 = sgdMomentumAlt(Matrix.from2D([[1]]), Matrix.from2D([[1]]), { learningRate: 0.1, momentum: 0.9 });
 * s1.w.toArray(); // [[0.9]]   (u = 1)
 */
export function sgdMomentumAlt(w: Matrix, dw: Matrix, config: Partial<MomentumConfig> = {}): Step<MomentumConfig> {
  const c: MomentumConfig = { ...DEFAULTS.sgdMomentum, ...config };
  check("sgdMomentumAlt", w, dw, c);
  checkState("sgdMomentumAlt", w, c, "velocity");
  throw new NotImplementedError("sgdMomentumAlt");
}

/**
 * The equivalence of the two momentum forms: given the state `velocityAlt` of `sgdMomentumAlt` after some steps
 * (with a constant learningRate α), the velocity `sgdMomentum` would have at that point, so that a run switched
 * from one form to the other goes on along the very same path. Derive it by writing both updates side by side.
 *
 * @example
 * momentumVelocityFromAlt(Matrix.zeros(1, 2), 0.1).toArray(); // [[0, 0]]   (both start at rest)
 */
export function momentumVelocityFromAlt(velocityAlt: Matrix, learningRate: number): Matrix {
  if (!(velocityAlt instanceof Matrix)) {
    throw new CourseInputError(
      "momentumVelocityFromAlt: velocityAlt must be a Matrix (config.velocity of sgdMomentumAlt).",
    );
  }
  if (!(Number.isFinite(learningRate) && learningRate > 0)) {
    throw new CourseInputError(`momentumVelocityFromAlt: learningRate must be a number > 0, got ${learningRate}.`);
  }
  throw new NotImplementedError("momentumVelocityFromAlt");
}

/**
 * Adam's bias correction: m and v start at 0, so their early values are biased towards 0. Given the moments after
 * step t (t = 1 for the first step) and their decay rates, returns the corrected estimates m̂ and v̂, the shapes of
 * m and v. Derive the correction from what m_t is, in expectation, when every gradient so far had the same
 * distribution.
 *
 * @example
 * adamBiasCorrection(Matrix.from2D([[0.1]]), Matrix.from2D([[0.001]]), 1, 0.9, 0.999).mHat.toArray(); // ≈ [[1]]
 */
export function adamBiasCorrection(
  m: Matrix,
  v: Matrix,
  t: number,
  beta1: number,
  beta2: number,
): { mHat: Matrix; vHat: Matrix } {
  if (!(m instanceof Matrix) || !(v instanceof Matrix)) {
    throw new CourseInputError("adamBiasCorrection: m and v must be Matrix objects (config.m and config.v of adam).");
  }
  if (!Number.isInteger(t) || t < 1) {
    throw new CourseInputError(
      `adamBiasCorrection: t counts the steps taken, 1 after the first step; got ${t}. Count from 1, not 0.`,
    );
  }
  for (const [key, b] of [
    ["beta1", beta1],
    ["beta2", beta2],
  ] as const) {
    if (!(b >= 0 && b < 1)) throw new CourseInputError(`adamBiasCorrection: ${key} must be in [0, 1), got ${b}.`);
  }
  throw new NotImplementedError("adamBiasCorrection");
}

// ---- Input checks: a clear message instead of NaN several steps later. ----

function check(fn: string, w: Matrix, dw: Matrix, c: object): void {
  if (!(w instanceof Matrix) || !(dw instanceof Matrix)) {
    throw new CourseInputError(`${fn}: w and dw must be Matrix objects.`);
  }
  if (w.rows !== dw.rows || w.cols !== dw.cols) {
    throw new CourseInputError(
      `${fn}: w is ${w.rows}×${w.cols} but dw is ${dw.rows}×${dw.cols}; dw = ∂L/∂w has the shape of w.`,
    );
  }
  for (const [key, value] of Object.entries(c)) {
    if (typeof value === "number" && !(Number.isFinite(value) && value >= 0)) {
      throw new CourseInputError(`${fn}: config.${key} must be a number ≥ 0, got ${value}.`);
    }
  }
}

function checkState(fn: string, w: Matrix, c: object, key: string): void {
  const s = (c as Record<string, unknown>)[key];
  if (s === undefined) return;
  if (!(s instanceof Matrix) || s.rows !== w.rows || s.cols !== w.cols) {
    throw new CourseInputError(
      `${fn}: config.${key} must be a ${w.rows}×${w.cols} Matrix like w (or left out to start at 0); ` +
        `pass the config returned by the previous call for this same parameter.`,
    );
  }
}
