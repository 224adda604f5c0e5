import { expect } from "chai";
import { xavierUniform } from "../../solutions/init";
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
      const net = mlp([2, 6, 4, 3], g, rng(1), { fns: solutions, initWeights: xavierUniform });
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
    const net = mlp([2, 5, 3], "tanh", rng(8), { fns: wrong, initWeights: xavierUniform });
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

describe("nn/mlp", () => {
  it("draws W⁽ᵏ⁾ with initWeights(H_{k−1}, H_k, seed), one seed per layer from the Rng; biases start at 0", () => {
    const calls: number[][] = [];
    const initWeights = (fanIn: number, fanOut: number, seed: number) => {
      calls.push([fanIn, fanOut, seed]);
      return Matrix.full(fanIn, fanOut, seed);
    };
    const net = mlp([3, 5, 4, 2], "relu", rng(6), { fns: solutions, initWeights });
    const r = rng(6);
    const seeds = [r.int(0, 2 ** 31), r.int(0, 2 ** 31), r.int(0, 2 ** 31)];
    expect(calls).to.deep.equal([
      [3, 5, seeds[0]],
      [5, 4, seeds[1]],
      [4, 2, seeds[2]],
    ]);
    expect(new Set(seeds).size).to.equal(3); // every layer gets its own weights
    const [W1, b1, W2, b2, W3, b3] = net.params().map((p) => p.value);
    expect([W1.get(0, 0), W2.get(0, 0), W3.get(0, 0)]).to.deep.equal(seeds);
    for (const b of [b1, b2, b3]) expect(Array.from(b.data).every((v) => v === 0)).to.equal(true);
  });

  it("by default draws the weights with the init exercise's xavierUniform, through the course loader", () => {
    const saved = process.env.NN_COURSE_IMPL;
    process.env.NN_COURSE_IMPL = "solutions";
    try {
      const net = mlp([20, 30, 10], "tanh", rng(2), { fns: solutions });
      const r = rng(2);
      expect(net.params()[0].value.data).to.deep.equal(xavierUniform(20, 30, r.int(0, 2 ** 31)).data);
      expect(net.params()[2].value.data).to.deep.equal(xavierUniform(30, 10, r.int(0, 2 ** 31)).data);
      const biggest = Math.max(...Array.from(net.params()[0].value.data, Math.abs));
      expect(biggest)
        .to.be.at.most(Math.sqrt(6) / Math.sqrt(50))
        .and.above(0.95 * (Math.sqrt(6) / Math.sqrt(50)));
    } finally {
      if (saved === undefined) delete process.env.NN_COURSE_IMPL;
      else process.env.NN_COURSE_IMPL = saved;
    }
  });

  it("rejects bad sizes and an initWeights that returns the wrong shape", () => {
    expect(() => mlp([2], "relu", rng(0), { fns: solutions, initWeights: xavierUniform })).to.throw(
      /at least the input/,
    );
    const transposed = (fanIn: number, fanOut: number, seed: number) => xavierUniform(fanOut, fanIn, seed);
    expect(() => mlp([2, 3], "relu", rng(0), { fns: solutions, initWeights: transposed })).to.throw(
      /2×3 Matrix for W1; got 3×2/,
    );
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
