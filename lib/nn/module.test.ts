import { expect } from "chai";
import * as solutions from "../../solutions/layers";
import { softmaxCrossEntropy } from "../../solutions/losses";
import { numericGradient, relativeError } from "../gradcheck";
import { Matrix } from "../matrix";
import { scale } from "../ops";
import { rng } from "../random";
import { activation, linear, type LayerFunctions } from "./layers";
import { mlp } from "./mlp";
import { Sequential, type Module } from "./module";
import { sgdUpdate } from "./sgd";

/** A module that multiplies by `factor` and records its calls in `log`. */
function recorder(name: string, factor: number, log: string[]): Module {
  return {
    name,
    forward: (x) => (log.push(`forward ${name}`), scale(x, factor)),
    backward: (d) => (log.push(`backward ${name}`), scale(d, factor)),
    params: () => [],
  };
}

/** The loss of the network on (x, y) and, after backward, every param's analytic and numerical gradient. */
function gradientErrors(net: Sequential, x: Matrix, y: number[]): Record<string, number> {
  const lossOf = () => softmaxCrossEntropy(net.forward(x), y).loss;
  net.backward(softmaxCrossEntropy(net.forward(x), y).dscores);
  const errors: Record<string, number> = {};
  for (const p of net.params()) errors[p.name] = relativeError(p.grad, numericGradient(lossOf, p.value));
  return errors;
}

describe("nn/Sequential", () => {
  it("calls forward in order and backward in reverse order, chaining the values", () => {
    const log: string[] = [];
    const net = new Sequential([recorder("a", 2, log), recorder("b", 3, log), recorder("c", 5, log)]);
    expect(net.forward(Matrix.from2D([[1]])).get(0, 0)).to.equal(30);
    expect(net.backward(Matrix.from2D([[1]])).get(0, 0)).to.equal(30);
    expect(log).to.deep.equal(["forward a", "forward b", "forward c", "backward c", "backward b", "backward a"]);
  });

  it("an MLP built on the reference layers passes a gradient check of every parameter", () => {
    const r = rng(3);
    const x = r.randn(5, 2);
    const y = [0, 1, 2, 1, 0];
    for (const g of ["relu", "sigmoid", "tanh"] as const) {
      const net = mlp([2, 6, 4, 3], g, rng(8), solutions);
      expect(net.params().map((p) => p.name)).to.deep.equal(["W1", "b1", "W2", "b2", "W3", "b3"]);
      const errors = gradientErrors(net, x, y);
      for (const [name, err] of Object.entries(errors)) expect(err, `${g} net, ${name}`).to.be.below(1e-7);
    }
  });

  it("the gradient check catches a backward pass that is wrong by 1 %", () => {
    const wrong: LayerFunctions = {
      ...solutions,
      linearBackward: (dout, cache) => {
        const g = solutions.linearBackward(dout, cache);
        return { ...g, dW: scale(g.dW, 1.01) };
      },
    };
    const net = mlp([2, 5, 3], "tanh", rng(8), wrong);
    const errors = gradientErrors(net, rng(4).randn(4, 2), [0, 1, 2, 0]);
    expect(errors.W1).to.be.above(1e-3);
    expect(errors.W2).to.be.above(1e-3);
    expect(errors.b2).to.be.below(1e-7); // the bias gradients were left correct
  });

  it("a linear activation passes gradients through unchanged; backward before forward is an error", () => {
    const id = activation("linear", solutions);
    const d = Matrix.from2D([[1, -2]]);
    expect(id.backward(d).toArray()).to.deep.equal([[1, -2]]);
    const layer = linear(Matrix.zeros(2, 2), Matrix.zeros(1, 2), "1", solutions);
    expect(() => layer.backward(d)).to.throw(/before forward/);
  });
});

describe("nn/sgdUpdate", () => {
  it("updates every parameter in place, with weight decay on weights only", () => {
    const W = Matrix.from2D([[1, 2]]);
    const b = Matrix.from2D([[1]]);
    const layer = linear(W, b, "1", solutions);
    const [pW, pb] = layer.params();
    pW.grad = Matrix.from2D([[0, 0]]);
    pb.grad = Matrix.from2D([[0]]);
    sgdUpdate(layer.params(), 0.1, 0.5, solutions.sgdStep);
    expect(W.toArray()).to.deep.equal([[0.9, 1.8]]); // θ − 0.1 · 2 · 0.5 · θ
    expect(b.toArray()).to.deep.equal([[1]]); // no decay on the bias
    expect(layer.params()[0].value).to.equal(W); // the same matrix object
  });
});
