/**
 * A multilayer perceptron in the lecture's notation: h⁽⁰⁾ = x, a⁽ᵏ⁾ = b⁽ᵏ⁾ + W⁽ᵏ⁾h⁽ᵏ⁻¹⁾, h⁽ᵏ⁾ = g(a⁽ᵏ⁾) for the L
 * hidden layers, and the output pre-activation a⁽ᴸ⁺¹⁾ (the scores; the softmax is part of the loss).
 */
import { CourseInputError } from "../errors";
import { init as exerciseInit } from "../exercises";
import { Matrix } from "../matrix";
import type { Rng } from "../random";
import { activation, linear, type ActivationName, type LayerFunctions } from "./layers";
import { Sequential } from "./module";

/**
 * A weight initialiser with the signature of the init exercises (exercises/init.ts): a fanIn × fanOut matrix W
 * (examples are rows, so W is the lecture's W⁽ᵏ⁾ᵀ), the same for the same seed.
 */
export type WeightInit = (fanIn: number, fanOut: number, seed: number) => Matrix;

/** How `mlp` builds its layers. */
export interface MlpOptions {
  /** Draws each W⁽ᵏ⁾; default: your `xavierUniform` of exercises/init.ts (notebook 05). */
  initWeights?: WeightInit;
  /** The layer computations; default: your exercises/layers.ts, through the course loader. */
  fns?: LayerFunctions;
}

/**
 * An MLP with layer sizes [D, H₁, …, H_L, C]: L hidden layers with activation g, then a linear output layer.
 * Each weight matrix W1 … W(L+1) is `initWeights(H_{k−1}, H_k, seed)` with a seed drawn from r (so the same r gives
 * the same network); biases b1 … b(L+1) start at 0 (as the lecture recommends).
 *
 * @example
 * const net = mlp([2, 100, 3], "relu", rng(0)); // linear1, relu, linear2; weights from init.xavierUniform
 * net.params().map((p) => p.name); // ["W1", "b1", "W2", "b2"]
 * const small = mlp([2, 100, 3], "relu", rng(0), { initWeights: (i, o, seed) => rng(seed).randn(i, o, 0.1) });
 */
export function mlp(sizes: readonly number[], g: ActivationName, r: Rng, options: MlpOptions = {}): Sequential {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new CourseInputError(
      `mlp: sizes must list at least the input and output sizes as whole numbers ≥ 1, e.g. [2, 100, 3]; got [${sizes.join(", ")}].`,
    );
  }
  const { initWeights = exerciseInit.xavierUniform, fns } = options;
  const modules = [];
  for (let k = 1; k < sizes.length; k++) {
    const W = initWeights(sizes[k - 1], sizes[k], r.int(0, 2 ** 31));
    if (!(W instanceof Matrix) || W.rows !== sizes[k - 1] || W.cols !== sizes[k]) {
      throw new CourseInputError(
        `mlp: initWeights(${sizes[k - 1]}, ${sizes[k]}, seed) must return a ${sizes[k - 1]}×${sizes[k]} Matrix for W${k}; got ${W instanceof Matrix ? `${W.rows}×${W.cols}` : typeof W}.`,
      );
    }
    modules.push(linear(W, Matrix.zeros(1, sizes[k]), String(k), fns));
    if (k < sizes.length - 1) modules.push(activation(g, fns));
  }
  return new Sequential(modules, `mlp ${sizes.join("-")}`);
}
