/**
 * The layers of a fully-connected network as forward/backward pairs, a two-layer network's loss and gradients, and
 * one SGD step with L2 weight decay (Lecture "Training neural networks": backpropagation, flow graph, activation
 * derivatives, regularization; CS5330 "Neural Networks": 2-layer net s = W₂ max(0, W₁x)).
 *
 * Conventions (as in cs231n):
 *   - one example per row: x is N×D (N examples, D features);
 *   - `xxxForward(...)` returns `{ out, cache }`; `xxxBackward(dout, cache)` takes the upstream gradient
 *     dout = ∂L/∂out (same shape as out) and returns ∂L/∂(each input);
 *   - the lecture writes one example as a column, a⁽ᵏ⁾ = b⁽ᵏ⁾ + W⁽ᵏ⁾h⁽ᵏ⁻¹⁾ with W⁽ᵏ⁾ of shape H_k × H_{k−1}.
 *     With examples as rows the same layer is out = x·W + b with W of shape D × M (the lecture's W⁽ᵏ⁾ᵀ) and b a
 *     1×M row added to every row;
 *   - every function takes and returns plain data (numbers, arrays, Matrix, plain objects of those).
 *
 * The losses come from ./losses (your own `sigmoid`, `softmaxCrossEntropy` and `l2Regularization`).
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { ActivationCache, LinearCache, TwoLayerParams } from "../lib/api/layers";
// Useful imports for your implementation (add the ones you use):
//   import { add, matmul, matmulTransA, matmulTransB, mul, sub, sum, scale } from "../lib/ops";
//   import { sigmoid, softmaxCrossEntropy, l2Regularization } from "./losses";

/**
 * Linear (fully-connected, affine) layer: out = x·W + b, i.e. a⁽ᵏ⁾ = b⁽ᵏ⁾ + W⁽ᵏ⁾h⁽ᵏ⁻¹⁾ for every row.
 *
 * x is N×D, W is D×M, b is 1×M; out is N×M.
 *
 * @example
 * const { out } = linearForward(Matrix.from2D([[1, 2]]), Matrix.from2D([[1, 0, -1], [0, 1, 1]]), Matrix.from2D([[0.5, 0, 0]]));
 * out.toArray(); // [[1.5, 2, 1]]
 */
export function linearForward(x: Matrix, W: Matrix, b: Matrix): { out: Matrix; cache: LinearCache } {
  checkLinearShapes(x, W, b);
  throw new NotImplementedError("linearForward");
}

/**
 * Backward pass of the linear layer: from dout = ∂L/∂out (N×M), the gradients dx (N×D), dW (D×M) and db (1×M).
 *
 * The lecture gives them for one example written as a column; here examples are rows, and every parameter is
 * shared by the N examples of the batch. Check the shapes of your expressions against the shapes above.
 *
 * @example
 * const { cache } = linearForward(Matrix.from2D([[1, 2]]), Matrix.from2D([[1, 0], [0, 1]]), Matrix.from2D([[0, 0]]));
 * linearBackward(Matrix.from2D([[1, -1]]), cache).dW.toArray(); // [[1, -1], [2, -2]]
 */
export function linearBackward(dout: Matrix, cache: LinearCache): { dx: Matrix; dW: Matrix; db: Matrix } {
  checkDout("linearBackward", dout, cache.x.rows, cache.W.cols);
  throw new NotImplementedError("linearBackward");
}

/**
 * Sigmoid activation, element-wise: h = σ(a) = 1 / (1 + e^{−a}). Use your `sigmoid` from ./losses.
 *
 * @example
 * sigmoidForward(Matrix.from2D([[0]])).out.toArray(); // [[0.5]]
 */
export function sigmoidForward(x: Matrix): { out: Matrix; cache: ActivationCache } {
  throw new NotImplementedError("sigmoidForward");
}

/**
 * Backward pass of the sigmoid: dx = ∂L/∂x, the shape of x (the cache holds the forward output).
 *
 * @example
 * const { cache } = sigmoidForward(Matrix.from2D([[0]]));
 * sigmoidBackward(Matrix.from2D([[1]]), cache).toArray(); // [[0.25]]
 */
export function sigmoidBackward(dout: Matrix, cache: ActivationCache): Matrix {
  checkActivationCache("sigmoidBackward", cache, "out");
  checkDout("sigmoidBackward", dout, cache.out!.rows, cache.out!.cols);
  throw new NotImplementedError("sigmoidBackward");
}

/**
 * Tanh activation, element-wise: h = tanh(a) = (e^{2a} − 1) / (e^{2a} + 1).
 *
 * @example
 * tanhForward(Matrix.from2D([[0, 1]])).out.toArray(); // [[0, 0.7616]]
 */
export function tanhForward(x: Matrix): { out: Matrix; cache: ActivationCache } {
  throw new NotImplementedError("tanhForward");
}

/**
 * Backward pass of tanh: dx = ∂L/∂x, the shape of x (the cache holds the forward output).
 *
 * @example
 * const { cache } = tanhForward(Matrix.from2D([[0]]));
 * tanhBackward(Matrix.from2D([[3]]), cache).toArray(); // [[3]]
 */
export function tanhBackward(dout: Matrix, cache: ActivationCache): Matrix {
  checkActivationCache("tanhBackward", cache, "out");
  checkDout("tanhBackward", dout, cache.out!.rows, cache.out!.cols);
  throw new NotImplementedError("tanhBackward");
}

/**
 * ReLU activation, element-wise: h = max(0, a).
 *
 * @example
 * reluForward(Matrix.from2D([[-2, 0, 3]])).out.toArray(); // [[0, 0, 3]]
 */
export function reluForward(x: Matrix): { out: Matrix; cache: ActivationCache } {
  throw new NotImplementedError("reluForward");
}

/**
 * Backward pass of ReLU: dx = ∂L/∂x, the shape of x. At the kink a = 0 the course takes the derivative as 0.
 *
 * @example
 * const { cache } = reluForward(Matrix.from2D([[-2, 0, 3]]));
 * reluBackward(Matrix.from2D([[5, 5, 5]]), cache).toArray(); // [[0, 0, 5]]
 */
export function reluBackward(dout: Matrix, cache: ActivationCache): Matrix {
  checkActivationCache("reluBackward", cache, "x");
  checkDout("reluBackward", dout, cache.x!.rows, cache.x!.cols);
  throw new NotImplementedError("reluBackward");
}

/**
 * Loss and gradients of the two-layer network s = max(0, x·W1 + b1)·W2 + b2 (CS5330's s = W₂ max(0, W₁x), with
 * biases), trained with softmax cross-entropy and L2 regularization on the weights only:
 * L = (1/N) Σ_i −ln softmax(s_i)_{y_i} + λ (‖W1‖² + ‖W2‖²),  λ = `reg`.
 *
 * Build it from your layers (linearForward, reluForward, …) and your losses (`softmaxCrossEntropy`,
 * `l2Regularization`). Returns the loss, the gradient of each parameter (same names and shapes) and the scores.
 *
 * @example
 * const params = { W1: Matrix.zeros(2, 3), b1: Matrix.zeros(1, 3), W2: Matrix.zeros(3, 4), b2: Matrix.zeros(1, 4) };
 * twoLayerNetLoss(params, Matrix.from2D([[1, 2]]), [0]).loss; // ln 4 ≈ 1.386 (all scores 0)
 */
export function twoLayerNetLoss(
  params: TwoLayerParams,
  x: Matrix,
  labels: number[],
  reg = 0,
): { loss: number; grads: TwoLayerParams; scores: Matrix } {
  if (!Number.isFinite(reg) || reg < 0) {
    throw new CourseInputError(`twoLayerNetLoss: reg (λ) must be a number ≥ 0, got ${reg}.`);
  }
  throw new NotImplementedError("twoLayerNetLoss");
}

/**
 * One SGD step with L2 weight decay (Lecture "Training neural networks", SGD and L2 regularization):
 * Δ = −∇_θ l − λ∇_θ Ω,  θ ← θ + αΔ,  with Ω = ‖θ‖² and `grad` = ∇_θ l.
 *
 * `weightDecay` is λ; pass 0 for biases (weight decay applies to weights only). Returns the new parameter and leaves
 * `param` unchanged. Use your `l2Regularization` from ./losses for ∇Ω.
 *
 * @example
 * sgdStep(Matrix.from2D([[1, -2]]), Matrix.from2D([[0.5, 0.5]]), 0.1).toArray(); // [[0.95, -2.05]]
 * sgdStep(Matrix.from2D([[1]]), Matrix.from2D([[0]]), 0.1, 0.5).toArray(); // [[0.9]]
 */
export function sgdStep(param: Matrix, grad: Matrix, learningRate: number, weightDecay = 0): Matrix {
  if (param.rows !== grad.rows || param.cols !== grad.cols) {
    throw new CourseInputError(
      `sgdStep: param is ${param.rows}×${param.cols} but grad is ${grad.rows}×${grad.cols}; they must have the same shape.`,
    );
  }
  if (!Number.isFinite(learningRate) || learningRate < 0 || !Number.isFinite(weightDecay) || weightDecay < 0) {
    throw new CourseInputError(
      `sgdStep: learningRate and weightDecay must be numbers ≥ 0, got ${learningRate} and ${weightDecay}.`,
    );
  }
  throw new NotImplementedError("sgdStep");
}

// ---- Input checks: a clear message instead of a wrong shape deep inside matmul. ----

function checkLinearShapes(x: Matrix, W: Matrix, b: Matrix): void {
  if (x.cols !== W.rows) {
    throw new CourseInputError(
      `linearForward: x is ${x.rows}×${x.cols} but W is ${W.rows}×${W.cols}; W needs one row per input feature ` +
        `(${x.cols} rows). Examples are rows here, so W is the lecture's Wᵀ.`,
    );
  }
  if (b.rows !== 1 || b.cols !== W.cols) {
    throw new CourseInputError(
      `linearForward: b is ${b.rows}×${b.cols} but must be a 1×${W.cols} row (one bias per output unit).`,
    );
  }
}

function checkDout(fn: string, dout: Matrix, rows: number, cols: number): void {
  if (dout.rows !== rows || dout.cols !== cols) {
    throw new CourseInputError(
      `${fn}: dout is ${dout.rows}×${dout.cols} but the layer's output was ${rows}×${cols}; dout = ∂L/∂out has the shape of out.`,
    );
  }
}

function checkActivationCache(fn: string, cache: ActivationCache, key: "x" | "out"): void {
  if (!cache || !(cache[key] instanceof Matrix)) {
    throw new CourseInputError(
      `${fn}: cache.${key} is missing; pass the cache returned by the matching forward function.`,
    );
  }
}
