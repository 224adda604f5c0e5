/**
 * Weight initialisation (Lecture 7 "Weight Initialization"; INF 5860 "Weight initialization").
 *
 * A layer with n = fanIn inputs computes s = Σᵢ wᵢxᵢ. Xavier initialisation picks Var(w) so that the variance of
 * the signal stays the same from layer to layer, and He initialisation (the lecture's "Xavier/2") adjusts it for
 * ReLU. Working out why is the exercise `preactivationVariances`; the notebook shows the argument once your
 * version passes its check.
 *
 * Conventions:
 *   - W is fanIn × fanOut (examples are rows, out = x·W + b), the lecture's W⁽ᵏ⁾ᵀ;
 *   - every initialiser takes a numeric (or string) seed and draws with `rng(seed)` from ../lib/random, so the same
 *     seed gives the same weights, in a notebook, a test or another process.
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
// Useful imports for your implementation (add the ones you use):
//   import { rng } from "../lib/random";

/**
 * Xavier initialisation, normal: zero-mean Gaussian weights with the lecture's Xavier variance, drawn from
 * `rng(seed)` (see ../lib/random for what it can draw).
 *
 * @example
 * const W = xavierNormal(500, 500, 0); // 500×500 weights, the same for every call with seed 0
 */
export function xavierNormal(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("xavierNormal", fanIn, fanOut, seed);
  throw new NotImplementedError("xavierNormal");
}

/**
 * Xavier (Glorot) initialisation, uniform (Glorot & Bengio 2010): weights uniform on a symmetric interval [−b, b]
 * whose variance is Glorot's compromise 2 / (fanIn + fanOut) between keeping the forward signal and the backward
 * gradient. Work out b from the variance of a uniform distribution.
 *
 * @example
 * const W = xavierUniform(2, 100, 0); // 2×100 weights, all within a symmetric interval around 0
 */
export function xavierUniform(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("xavierUniform", fanIn, fanOut, seed);
  throw new NotImplementedError("xavierUniform");
}

/**
 * He initialisation, normal (the lecture's "Xavier/2" for ReLU): zero-mean Gaussian weights with He's variance.
 *
 * @example
 * const W = heNormal(500, 500, 0); // 500×500 weights, the same for every call with seed 0
 */
export function heNormal(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("heNormal", fanIn, fanOut, seed);
  throw new NotImplementedError("heNormal");
}

/**
 * He initialisation, uniform: weights uniform on a symmetric interval [−b, b] with the same variance as heNormal's.
 *
 * @example
 * const W = heUniform(600, 10, 0); // 600×10 weights, all within a symmetric interval around 0
 */
export function heUniform(fanIn: number, fanOut: number, seed: number | string): Matrix {
  checkInit("heUniform", fanIn, fanOut, seed);
  throw new NotImplementedError("heUniform");
}

/**
 * The Xavier variance argument, as a prediction: the variance of the pre-activations a⁽ᵏ⁾ = h⁽ᵏ⁻¹⁾·W⁽ᵏ⁾ of layer
 * k = 1 … depth of a deep network whose layers all have `fanIn` inputs, weights drawn independently with mean 0 and
 * standard deviation `weightStd`, biases 0, and the `activation` ("linear": h = a; "relu": h = max(0, a)) between
 * layers. The input h⁽⁰⁾ = x has independent zero-mean entries of variance `inputVariance` (it goes into layer 1 as
 * it is, no activation before it). Returns `depth` numbers: the predicted Var(a⁽¹⁾), …, Var(a⁽ᵈᵉᵖᵗʰ⁾).
 *
 * Derive the variance of a sum of products of independent variables yourself, and what a ReLU does to the second
 * moment of a zero-mean symmetric input; the notebook compares your prediction with the measured variances of
 * the lecture's 10-layer experiment.
 *
 * @example
 * preactivationVariances(1, 500, Math.sqrt(1 / 500), 3, "linear").length; // 3, one variance per layer
 */
export function preactivationVariances(
  inputVariance: number,
  fanIn: number,
  weightStd: number,
  depth: number,
  activation: "linear" | "relu",
): number[] {
  if (!(inputVariance >= 0) || !(weightStd >= 0) || !Number.isFinite(inputVariance) || !Number.isFinite(weightStd)) {
    throw new CourseInputError(
      `preactivationVariances: inputVariance and weightStd must be finite numbers ≥ 0, got ${inputVariance} and ${weightStd}.`,
    );
  }
  if (!Number.isInteger(fanIn) || fanIn < 1 || !Number.isInteger(depth) || depth < 1) {
    throw new CourseInputError(
      `preactivationVariances: fanIn and depth must be whole numbers ≥ 1, got ${fanIn} and ${depth}.`,
    );
  }
  if (activation !== "linear" && activation !== "relu") {
    throw new CourseInputError(
      `preactivationVariances: activation must be "linear" or "relu", got ${String(activation)}.`,
    );
  }
  throw new NotImplementedError("preactivationVariances");
}

// ---- Input checks ----

function checkInit(fn: string, fanIn: number, fanOut: number, seed: number | string): void {
  if (!Number.isInteger(fanIn) || !Number.isInteger(fanOut) || fanIn < 1 || fanOut < 1) {
    throw new CourseInputError(
      `${fn}: fanIn and fanOut are the numbers of inputs and outputs of the layer, whole numbers ≥ 1; got ${fanIn} and ${fanOut}.`,
    );
  }
  if (typeof seed !== "number" && typeof seed !== "string") {
    throw new CourseInputError(
      `${fn}: seed must be a number (or string), got ${typeof seed}; e.g. ${fn}(${fanIn}, ${fanOut}, 0).`,
    );
  }
}
