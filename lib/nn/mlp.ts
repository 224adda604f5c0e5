/**
 * A multilayer perceptron in the lecture's notation: h⁽⁰⁾ = x, a⁽ᵏ⁾ = b⁽ᵏ⁾ + W⁽ᵏ⁾h⁽ᵏ⁻¹⁾, h⁽ᵏ⁾ = g(a⁽ᵏ⁾) for the L
 * hidden layers, and the output pre-activation a⁽ᴸ⁺¹⁾ (the scores; the softmax is part of the loss).
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import type { Rng } from "../random";
import { activation, linear, type ActivationName, type LayerFunctions } from "./layers";
import { Sequential } from "./module";

/**
 * Weights drawn from U[−b, b] with b = √6 / √(H_k + H_{k−1}) (the lecture's initialization recipe, Glorot & Bengio
 * 2010), as a fanIn × fanOut matrix (examples are rows, so W is the lecture's W⁽ᵏ⁾ᵀ).
 *
 * @example
 * const W = glorotUniform(2, 100, rng(0)); // every |W_ij| ≤ √6 / √102 ≈ 0.2425
 */
export function glorotUniform(fanIn: number, fanOut: number, r: Rng): Matrix {
  const bound = Math.sqrt(6) / Math.sqrt(fanIn + fanOut);
  return r.rand(fanIn, fanOut, -bound, bound);
}

/**
 * An MLP with layer sizes [D, H₁, …, H_L, C]: L hidden layers with activation g, then a linear output layer.
 * Weights W1 … W(L+1) are Glorot-uniform, biases b1 … b(L+1) start at 0 (as the lecture recommends).
 *
 * @example
 * const net = mlp([2, 100, 3], "relu", rng(0)); // linear1, relu, linear2
 * net.params().map((p) => p.name); // ["W1", "b1", "W2", "b2"]
 */
export function mlp(sizes: readonly number[], g: ActivationName, r: Rng, fns?: LayerFunctions): Sequential {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new CourseInputError(
      `mlp: sizes must list at least the input and output sizes as whole numbers ≥ 1, e.g. [2, 100, 3]; got [${sizes.join(", ")}].`,
    );
  }
  const modules = [];
  for (let k = 1; k < sizes.length; k++) {
    modules.push(linear(glorotUniform(sizes[k - 1], sizes[k], r), Matrix.zeros(1, sizes[k]), String(k), fns));
    if (k < sizes.length - 1) modules.push(activation(g, fns));
  }
  return new Sequential(modules, `mlp ${sizes.join("-")}`);
}
