/**
 * The API of exercises/init.ts: weight initialisation.
 *
 * Every initialiser returns a fanIn × fanOut matrix W (examples are rows, so W is the lecture's W⁽ᵏ⁾ᵀ), drawn
 * with `rng(seed)`: the same seed gives the same weights.
 */
import type { Matrix } from "../matrix";

/** Xavier initialisation, normal distribution. */
export declare function xavierNormal(fanIn: number, fanOut: number, seed: number | string): Matrix;

/** Xavier (Glorot) initialisation, uniform distribution. */
export declare function xavierUniform(fanIn: number, fanOut: number, seed: number | string): Matrix;

/** He initialisation, normal distribution. */
export declare function heNormal(fanIn: number, fanOut: number, seed: number | string): Matrix;

/** He initialisation, uniform distribution. */
export declare function heUniform(fanIn: number, fanOut: number, seed: number | string): Matrix;

/**
 * The predicted variance of the pre-activations of layers 1 … depth of a deep net (every layer `fanIn` inputs,
 * zero-mean weights of standard deviation `weightStd`, biases 0), for a zero-mean input of variance
 * `inputVariance` and a linear or ReLU activation between layers: `depth` numbers.
 */
export declare function preactivationVariances(
  inputVariance: number,
  fanIn: number,
  weightStd: number,
  depth: number,
  activation: "linear" | "relu",
): number[];
