/**
 * Modules (see module.ts) built on the exercise functions of exercises/layers.ts: the computation itself is the
 * student's linearForward/linearBackward, reluForward/reluBackward, … reached through the course loader (or any
 * functions of the same API, ../api/layers.ts, passed as `fns`, e.g. the reference solutions in a test).
 */
import type { ActivationCache, LayersApi, LinearCache } from "../api";
import { CourseInputError } from "../errors";
import { layers as exerciseLayers } from "../exercises";
import { Matrix } from "../matrix";
import type { Module, Param } from "./module";

/** The exercise functions the modules call. */
export type LayerFunctions = Pick<
  LayersApi,
  | "linearForward"
  | "linearBackward"
  | "sigmoidForward"
  | "sigmoidBackward"
  | "tanhForward"
  | "tanhBackward"
  | "reluForward"
  | "reluBackward"
>;

/** The activation functions g of the lecture; "linear" is g(a) = a. */
export type ActivationName = "relu" | "sigmoid" | "tanh" | "linear";

function noForward(name: string): never {
  throw new CourseInputError(`${name}: backward was called before forward; run forward(x) first.`);
}

/**
 * A linear layer a = h·W + b holding its parameters W (D×M) and b (1×M), named W<suffix> and b<suffix>.
 * W and b are used (and updated) in place.
 *
 * @example
 * const layer = linear(Matrix.from2D([[1], [2]]), Matrix.from2D([[0]]), "1");
 * layer.forward(Matrix.from2D([[3, 4]])).toArray(); // [[11]]
 */
export function linear(W: Matrix, b: Matrix, suffix = "", fns: LayerFunctions = exerciseLayers): Module {
  const params: Param[] = [
    { name: `W${suffix}`, value: W, grad: Matrix.zeros(W.rows, W.cols), decay: true },
    { name: `b${suffix}`, value: b, grad: Matrix.zeros(b.rows, b.cols), decay: false },
  ];
  let cache: LinearCache | undefined;
  return {
    name: `linear${suffix}`,
    forward(x) {
      const r = fns.linearForward(x, params[0].value, params[1].value);
      cache = r.cache;
      return r.out;
    },
    backward(dout) {
      if (!cache) noForward(`linear${suffix}`);
      const { dx, dW, db } = fns.linearBackward(dout, cache);
      params[0].grad = dW;
      params[1].grad = db;
      return dx;
    },
    params: () => params,
  };
}

/**
 * An activation module h = g(a), element-wise, for g = relu, sigmoid, tanh (or linear, the identity).
 *
 * @example
 * const relu = activation("relu");
 * relu.forward(Matrix.from2D([[-1, 2]])).toArray(); // [[0, 2]]
 * relu.backward(Matrix.from2D([[5, 5]])).toArray(); // [[0, 5]]
 */
export function activation(kind: ActivationName, fns: LayerFunctions = exerciseLayers): Module {
  if (kind === "linear") {
    return { name: "linear activation", forward: (x) => x, backward: (dout) => dout, params: () => [] };
  }
  const pairs = {
    relu: [fns.reluForward, fns.reluBackward],
    sigmoid: [fns.sigmoidForward, fns.sigmoidBackward],
    tanh: [fns.tanhForward, fns.tanhBackward],
  } as const;
  const pair = pairs[kind];
  if (!pair) throw new CourseInputError(`activation: unknown kind "${kind}"; use relu, sigmoid, tanh or linear.`);
  const [forward, backward] = pair;
  let cache: ActivationCache | undefined;
  return {
    name: kind,
    forward(x) {
      const r = forward(x);
      cache = r.cache;
      return r.out;
    },
    backward(dout) {
      if (!cache) noForward(kind);
      return backward(dout, cache);
    },
    params: () => [],
  };
}
