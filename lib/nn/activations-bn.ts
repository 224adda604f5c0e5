/**
 * Modules (see module.ts) for the ReLU variants and batch normalisation. The computations are the exercise
 * functions of exercises/activations.ts and exercises/normalization.ts, reached through the course loader (or any
 * functions of the same API, ../api/activations.ts and ../api/normalization.ts, passed as `fns`).
 */
import type {
  ActivationsApi,
  BatchnormCache,
  BatchnormParam,
  EluCache,
  LeakyReluCache,
  NormalizationApi,
} from "../api";
import { CourseInputError } from "../errors";
import { activations as exerciseActivations, normalization as exerciseNormalization } from "../exercises";
import { Matrix } from "../matrix";
import type { Module, Param } from "./module";

/** The exercise functions the activation modules call. */
export type ActivationFunctions = Pick<
  ActivationsApi,
  "leakyReluForward" | "leakyReluBackward" | "eluForward" | "eluBackward"
>;

/** The exercise functions the batch-norm module calls. */
export type BatchnormFunctions = Pick<NormalizationApi, "batchnormForward" | "batchnormBackward">;

function noForward(name: string): never {
  throw new CourseInputError(`${name}: backward was called before forward; run forward(x) first.`);
}

/**
 * A Leaky ReLU module, h = max(αx, x) element-wise (α = 0.01 as on the slides).
 *
 * @example
 * const g = leakyRelu(0.1);
 * g.forward(Matrix.from2D([[-1, 2]])).toArray(); // [[-0.1, 2]]
 */
export function leakyRelu(alpha = 0.01, fns: ActivationFunctions = exerciseActivations): Module {
  let cache: LeakyReluCache | undefined;
  return {
    name: `leaky relu (α = ${alpha})`,
    forward(x) {
      const r = fns.leakyReluForward(x, alpha);
      cache = r.cache;
      return r.out;
    },
    backward(dout) {
      if (!cache) noForward("leakyRelu");
      return fns.leakyReluBackward(dout, cache);
    },
    params: () => [],
  };
}

/**
 * An ELU module, h = x for x > 0 and α(eˣ − 1) otherwise.
 *
 * @example
 * elu().forward(Matrix.from2D([[-1, 2]])).toArray(); // [[-0.6321, 2]]
 */
export function elu(alpha = 1, fns: ActivationFunctions = exerciseActivations): Module {
  let cache: EluCache | undefined;
  return {
    name: `elu (α = ${alpha})`,
    forward(x) {
      const r = fns.eluForward(x, alpha);
      cache = r.cache;
      return r.out;
    },
    backward(dout) {
      if (!cache) noForward("elu");
      return fns.eluBackward(dout, cache);
    },
    params: () => [],
  };
}

/** A batch-norm module: a Module with a train/test switch and its running averages. */
export interface BatchnormModule extends Module {
  /** "train" (batch statistics, running averages updated) or "test" (running averages). */
  mode: "train" | "test";
  /** The current bnParam: mode, ε, momentum and the running averages. */
  state(): BatchnormParam;
}

/**
 * A batch-normalisation layer for `dim` units with learned γ (starts at 1) and β (starts at 0), named
 * gamma<suffix> and beta<suffix>; neither gets weight decay. Set `.mode = "test"` to evaluate with the running
 * averages.
 *
 * @example
 * const bn = batchnorm(100, "1");
 * const y = bn.forward(x); // training mode: every column of y has mean 0 and variance ≈ 1
 * bn.mode = "test";
 */
export function batchnorm(
  dim: number,
  suffix = "",
  opts: { eps?: number; momentum?: number } = {},
  fns: BatchnormFunctions = exerciseNormalization,
): BatchnormModule {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new CourseInputError(`batchnorm: dim is the number of units, a whole number ≥ 1; got ${dim}.`);
  }
  const params: Param[] = [
    { name: `gamma${suffix}`, value: Matrix.ones(1, dim), grad: Matrix.zeros(1, dim), decay: false },
    { name: `beta${suffix}`, value: Matrix.zeros(1, dim), grad: Matrix.zeros(1, dim), decay: false },
  ];
  let bnParam: BatchnormParam = { mode: "train", ...opts };
  let cache: BatchnormCache | undefined;
  return {
    name: `batchnorm${suffix}`,
    mode: "train",
    forward(x) {
      const r = fns.batchnormForward(x, params[0].value, params[1].value, { ...bnParam, mode: this.mode });
      bnParam = r.bnParam;
      cache = r.cache;
      return r.out;
    },
    backward(dout) {
      if (!cache) noForward(`batchnorm${suffix}`);
      const { dx, dgamma, dbeta } = fns.batchnormBackward(dout, cache);
      params[0].grad = dgamma;
      params[1].grad = dbeta;
      return dx;
    },
    params: () => params,
    state: () => bnParam,
  };
}
