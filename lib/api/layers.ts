/**
 * The API of exercises/layers.ts: the layers of a fully-connected network as forward/backward pairs, a two-layer
 * network's loss and gradients, and one SGD step.
 *
 * One example per row: x is N×D; a linear layer's W is D×M and b is 1×M. `xxxForward(...)` returns
 * `{ out, cache }`; `xxxBackward(dout, cache)` takes dout = ∂L/∂out (the shape of out) and returns the gradients
 * of the inputs.
 */
import type { Matrix } from "../matrix";

/** What linearForward keeps for linearBackward: its inputs. */
export interface LinearCache {
  x: Matrix;
  W: Matrix;
  b: Matrix;
}

/** What an activation's forward keeps for its backward: its input x (ReLU) or its output (sigmoid, tanh). */
export interface ActivationCache {
  x?: Matrix;
  out?: Matrix;
}

/** The parameters of a two-layer network (and, with the same names, their gradients). */
export interface TwoLayerParams {
  W1: Matrix;
  b1: Matrix;
  W2: Matrix;
  b2: Matrix;
}

/** The linear layer for x (N×D), W (D×M) and b (1×M): out is N×M. */
export declare function linearForward(x: Matrix, W: Matrix, b: Matrix): { out: Matrix; cache: LinearCache };

/** The linear layer's backward pass: dx (N×D), dW (D×M) and db (1×M). */
export declare function linearBackward(dout: Matrix, cache: LinearCache): { dx: Matrix; dW: Matrix; db: Matrix };

/** The sigmoid activation, element-wise. */
export declare function sigmoidForward(x: Matrix): { out: Matrix; cache: ActivationCache };

/** The sigmoid's backward pass: dx, the shape of dout. */
export declare function sigmoidBackward(dout: Matrix, cache: ActivationCache): Matrix;

/** The tanh activation, element-wise. */
export declare function tanhForward(x: Matrix): { out: Matrix; cache: ActivationCache };

/** Tanh's backward pass: dx, the shape of dout. */
export declare function tanhBackward(dout: Matrix, cache: ActivationCache): Matrix;

/** The ReLU activation, element-wise. */
export declare function reluForward(x: Matrix): { out: Matrix; cache: ActivationCache };

/** ReLU's backward pass: dx, the shape of dout. */
export declare function reluBackward(dout: Matrix, cache: ActivationCache): Matrix;

/**
 * The two-layer network (linear, ReLU, linear) on x (N×D) with softmax cross-entropy and L2 regularisation
 * of strength `reg` (default 0) on the weights: the loss, the gradient of every parameter (same names and
 * shapes) and the N×C scores.
 */
export declare function twoLayerNetLoss(
  params: TwoLayerParams,
  x: Matrix,
  labels: number[],
  reg?: number,
): { loss: number; grads: TwoLayerParams; scores: Matrix };

/**
 * One SGD step with L2 weight decay (`weightDecay` ≥ 0, default 0): the new parameter, the shape of `param`,
 * which is left unchanged.
 */
export declare function sgdStep(param: Matrix, grad: Matrix, learningRate: number, weightDecay?: number): Matrix;
