/**
 * The flow-graph view of a network (Lecture "Training neural networks", "Flow graph"): each box is a module with a
 * forward method (fprop) that computes its output from its input and a backward method (bprop) that turns the
 * gradient of the loss with respect to its output into the gradient with respect to its input, storing the
 * gradients of its own parameters on the way. Calling backward in the reverse order of forward is backpropagation.
 */
import { Matrix } from "../matrix";

/** A trainable parameter: its current value, the gradient the last backward pass left, and whether weight decay applies. */
export interface Param {
  /** A name such as "W1" or "b2" (the lecture's W⁽¹⁾, b⁽²⁾). */
  name: string;
  value: Matrix;
  grad: Matrix;
  /** True for weights, false for biases: L2 / L1 regularization is applied to weights only. */
  decay: boolean;
}

/**
 * A box of the flow graph. forward(x) must be called before backward(dout); backward returns ∂L/∂x given
 * dout = ∂L/∂out and sets the `grad` of each of the module's params.
 */
export interface Module {
  readonly name: string;
  forward(x: Matrix): Matrix;
  backward(dout: Matrix): Matrix;
  params(): Param[];
}

/**
 * Modules applied one after the other: forward runs them in order, backward in reverse order.
 *
 * @example
 * const net = new Sequential([linear(W1, b1, "1"), activation("relu"), linear(W2, b2, "2")]);
 * const scores = net.forward(x);
 * const { loss, dscores } = losses.softmaxCrossEntropy(scores, y);
 * net.backward(dscores); // every param's grad is now ∂loss/∂param
 */
export class Sequential implements Module {
  readonly name: string;
  readonly layers: readonly Module[];

  constructor(layers: readonly Module[], name = "sequential") {
    this.layers = [...layers];
    this.name = name;
  }

  forward(x: Matrix): Matrix {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  backward(dout: Matrix): Matrix {
    let d = dout;
    for (let k = this.layers.length - 1; k >= 0; k--) d = this.layers[k].backward(d);
    return d;
  }

  params(): Param[] {
    return this.layers.flatMap((layer) => layer.params());
  }
}
