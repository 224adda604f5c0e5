import { expect } from "chai";
import * as solutions from "../../solutions/layers";
import { xavierUniform } from "../../solutions/init";
import { softmaxCrossEntropy } from "../../solutions/losses";
import { numericGradient, relativeError } from "../gradcheck";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { conv1d, maxOverPositions } from "./conv1d";
import { activation, linear } from "./layers";
import { mlp } from "./mlp";
import { Sequential } from "./module";
import { residual, residualMlp } from "./residual";

/** The largest relative error between each param's backward gradient and its centred-difference gradient. */
function worstGradientError(net: Sequential, x: Matrix, y: number[]): number {
  const lossOf = () => softmaxCrossEntropy(net.forward(x), y).loss;
  net.backward(softmaxCrossEntropy(net.forward(x), y).dscores);
  return Math.max(...net.params().map((p) => relativeError(p.grad, numericGradient(lossOf, p.value))));
}

const fns = solutions;
const initWeights = xavierUniform;

describe("nn/residual", () => {
  it("adds the input to the inner module's output, and the gradient along both paths", () => {
    const inner = linear(
      Matrix.from2D([
        [2, 0],
        [0, 3],
      ]),
      Matrix.zeros(1, 2),
      "",
      fns,
    );
    const block = residual(inner);
    expect(block.forward(Matrix.from2D([[1, 1]])).toArray()).to.deep.equal([[3, 4]]);
    expect(block.backward(Matrix.from2D([[1, 1]])).toArray()).to.deep.equal([[3, 4]]);
    expect(() =>
      residual(linear(Matrix.zeros(2, 3), Matrix.zeros(1, 3), "", fns)).forward(Matrix.zeros(1, 2)),
    ).to.throw(/same shape/);
  });

  it("residualMlp has mlp's weights for the same seed, and passes a gradient check", () => {
    const sizes = [3, 5, 5, 5, 2];
    const plain = mlp(sizes, "tanh", rng(4), { fns, initWeights });
    const skip = residualMlp(sizes, "tanh", rng(4), { fns, initWeights });
    expect(skip.params().map((p) => p.name)).to.deep.equal(plain.params().map((p) => p.name));
    skip.params().forEach((p, k) => expect(p.value.data).to.deep.equal(plain.params()[k].value.data));
    const x = rng(1).randn(4, 3);
    expect(worstGradientError(skip, x, [0, 1, 1, 0])).to.be.below(1e-7);
    expect(() => residualMlp([3, 5, 4, 2], "relu", rng(0), { fns, initWeights })).to.throw(/hidden sizes equal/);
  });
});

describe("nn/conv1d and maxOverPositions", () => {
  it("slides the same filter along the signal", () => {
    const conv = conv1d(5, 2, 1, rng(0));
    conv.params()[0].value = Matrix.from2D([[1], [-1]]);
    conv.params()[1].value = Matrix.from2D([[0.5]]);
    expect(conv.forward(Matrix.from2D([[1, 2, 4, 8, 16]])).toArray()).to.deep.equal([[-0.5, -1.5, -3.5, -7.5]]);
    expect(
      maxOverPositions(2)
        .forward(Matrix.from2D([[1, 5, 2, 0, -1, 3]]))
        .toArray(),
    ).to.deep.equal([[5, 3]]);
  });

  it("conv → relu → max over positions → linear passes a gradient check; the shared weights collect every position", () => {
    const r = rng(3);
    const net = new Sequential([
      conv1d(9, 3, 2, r),
      activation("relu", fns),
      maxOverPositions(2),
      linear(r.randn(2, 3), Matrix.zeros(1, 3), "", fns),
    ]);
    const x = rng(5).randn(4, 9);
    expect(worstGradientError(net, x, [0, 2, 1, 2])).to.be.below(1e-7);
    expect(net.params()[0].value.shape).to.deep.equal([3, 2]);
  });
});
