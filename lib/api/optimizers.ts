/**
 * The API of exercises/optimizers.ts: first-order update rules in cs231n's form.
 *
 * Every rule is `update(w, dw, config) → { w, config }`: w is the parameter (any shape), dw = ∂L/∂w (the shape of
 * w), and config holds the rule's hyperparameters (a missing one takes its default from DEFAULTS) and its state (a
 * missing state starts at zero). The returned config has every hyperparameter filled in and the new state: pass it
 * to the next call. Neither w, dw nor the config passed in is changed.
 */
import type { Matrix } from "../matrix";

/** Plain SGD. */
export interface SgdConfig {
  learningRate: number;
}

/** SGD + momentum and Nesterov momentum: `velocity` starts at 0. */
export interface MomentumConfig {
  learningRate: number;
  momentum: number;
  velocity?: Matrix;
}

/** Adagrad: `cache` is the running sum of squared gradients, starting at 0. */
export interface AdagradConfig {
  learningRate: number;
  epsilon: number;
  cache?: Matrix;
}

/** RMSProp: `cache` is the decaying average of squared gradients, starting at 0; `decayRate` is β. */
export interface RmspropConfig {
  learningRate: number;
  decayRate: number;
  epsilon: number;
  cache?: Matrix;
}

/** Adam: first and second moments m, v (start at 0) and the step count t (starts at 0, the first step is t = 1). */
export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  m?: Matrix;
  v?: Matrix;
  t?: number;
}

/** What every update rule returns: the new parameter and the config to pass to the next call. */
export interface Step<C> {
  w: Matrix;
  config: C;
}

/** The default hyperparameters of each rule (the values are written down once, in the exercise file). */
export interface OptimizerDefaults {
  readonly sgd: Readonly<SgdConfig>;
  readonly sgdMomentum: Readonly<Pick<MomentumConfig, "learningRate" | "momentum">>;
  readonly nesterov: Readonly<Pick<MomentumConfig, "learningRate" | "momentum">>;
  readonly adagrad: Readonly<Pick<AdagradConfig, "learningRate" | "epsilon">>;
  readonly rmsprop: Readonly<Pick<RmspropConfig, "learningRate" | "decayRate" | "epsilon">>;
  readonly adam: Readonly<Pick<AdamConfig, "learningRate" | "beta1" | "beta2" | "epsilon">>;
}

/** The default hyperparameters, one entry per rule, e.g. `DEFAULTS.adam.beta2`. */
export declare const DEFAULTS: OptimizerDefaults;

/** One step of vanilla (stochastic) gradient descent. */
export declare function sgd(w: Matrix, dw: Matrix, config?: Partial<SgdConfig>): Step<SgdConfig>;

/** One step of SGD + momentum (velocity form). */
export declare function sgdMomentum(w: Matrix, dw: Matrix, config?: Partial<MomentumConfig>): Step<MomentumConfig>;

/** One step of Nesterov momentum; w is the stored look-ahead point and dw its gradient. */
export declare function nesterov(w: Matrix, dw: Matrix, config?: Partial<MomentumConfig>): Step<MomentumConfig>;

/** One step of Adagrad. */
export declare function adagrad(w: Matrix, dw: Matrix, config?: Partial<AdagradConfig>): Step<AdagradConfig>;

/** One step of RMSProp. */
export declare function rmsprop(w: Matrix, dw: Matrix, config?: Partial<RmspropConfig>): Step<RmspropConfig>;

/** One step of Adam, with bias correction. */
export declare function adam(w: Matrix, dw: Matrix, config?: Partial<AdamConfig>): Step<AdamConfig>;

/** One step of SGD + momentum in the other form: the velocity accumulates gradients, the step is α times it. */
export declare function sgdMomentumAlt(w: Matrix, dw: Matrix, config?: Partial<MomentumConfig>): Step<MomentumConfig>;

/** The sgdMomentum velocity equivalent to sgdMomentumAlt's velocity at a constant learning rate. */
export declare function momentumVelocityFromAlt(velocityAlt: Matrix, learningRate: number): Matrix;

/** Adam's bias-corrected moments m̂, v̂ after step t (t ≥ 1) with decay rates beta1, beta2. */
export declare function adamBiasCorrection(
  m: Matrix,
  v: Matrix,
  t: number,
  beta1: number,
  beta2: number,
): { mHat: Matrix; vHat: Matrix };
