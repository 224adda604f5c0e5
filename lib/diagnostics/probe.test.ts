import { expect } from "chai";
import { deadUnitFraction } from "../../solutions/activations";
import { xavierUniform } from "../../solutions/init";
import * as layers from "../../solutions/layers";
import * as losses from "../../solutions/losses";
import { earlyStopping } from "../../solutions/training";
import * as normalization from "../../solutions/normalization";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { batchnorm } from "../nn/activations-bn";
import { activation, linear } from "../nn/layers";
import { mlp } from "../nn/mlp";
import { Sequential } from "../nn/module";
import { Solver, sgdStepRule } from "../nn/solver";
import { spirals } from "../nn/spirals";
import { rng } from "../random";
import { layerStats } from "./layer-stats";
import { watchTraining } from "./probe";

const reference = {
  loss: losses.softmaxCrossEntropy,
  penalty: losses.l2Regularization,
  earlyStopping,
  update: sgdStepRule(layers.sgdStep),
};
const data = spirals(20, 3, 0); // 60 examples

describe("diagnostics/watchTraining", () => {
  it("trains the same parameters and records every step of a Solver run", () => {
    const net = mlp([2, 16, 16, 3], "tanh", rng(0), { fns: layers, initWeights: xavierUniform });
    const probe = watchTraining(net, { deadUnits: deadUnitFraction, histogramsAt: [0, 7] });
    expect(probe.model.params()).to.deep.equal(net.params());
    const solver = new Solver(
      probe.model,
      { train: data },
      { ...reference, learningRate: 0.3, epochs: 4, batchSize: 20 },
    );
    const history = solver.train();
    expect(probe.steps).to.equal(12);
    expect(probe.layers.map((l) => [l.label, l.kind])).to.deep.equal([
      ["tanh 1", "tanh"],
      ["tanh 2", "tanh"],
    ]);
    expect(probe.layers[0].steps).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(probe.ratios.map((r) => r.name)).to.deep.equal(["W1", "W2", "W3"]);
    // the first weight matrix's ratios are the Solver's own updateRatio, step by step
    expect(probe.ratios[0].ratio).to.have.length(12);
    probe.ratios[0].ratio.forEach((r, t) => expect(r).to.be.closeTo(history.updateRatio[t], 1e-15));
    expect(probe.snapshots.map((s) => s.step)).to.deep.equal([0, 7]);
    expect(probe.snapshots[0].layers[0].out.centres).to.have.length(50);
  });

  it("records the statistics of the batch that was sent backward", () => {
    const net = mlp([2, 8, 3], "relu", rng(1), { fns: layers, initWeights: xavierUniform });
    const probe = watchTraining(net, { deadUnits: deadUnitFraction, every: 2 });
    const x = data.X;
    const h = (net.layers[1] as { forward(x: Matrix): Matrix }).forward(net.layers[0].forward(x)); // relu output
    const expected = layerStats(h, "relu", deadUnitFraction);
    const upstream = losses.softmaxCrossEntropy(probe.model.forward(x), data.y).dscores;
    probe.model.backward(upstream);
    const dh = layers.linearBackward(upstream, {
      x: h,
      W: net.params()[2].value,
      b: net.params()[3].value,
    } as never).dx;
    const trace = probe.layers[0];
    expect([trace.mean[0], trace.std[0], trace.dead[0], trace.saturated[0]]).to.deep.equal([
      expected.mean,
      expected.std,
      expected.dead,
      NaN,
    ]);
    const mu = dh.data.reduce((a, v) => a + v, 0) / dh.size;
    const sd = Math.sqrt(dh.data.reduce((a, v) => a + (v - mu) ** 2, 0) / dh.size);
    expect(trace.gradStd[0]).to.be.closeTo(sd, 1e-12);
    probe.model.backward(upstream); // step 1: not recorded with every = 2
    probe.model.backward(upstream); // step 2
    expect(trace.steps).to.deep.equal([0, 2]);
  });

  it("passes train/test mode through to batch norm, and watches the layers chosen", () => {
    const bn = batchnorm(8, "1", {}, normalization);
    const net = new Sequential([
      linear(rng(2).randn(2, 8, 0.5), Matrix.zeros(1, 8), "1", layers),
      bn,
      activation("relu", layers),
      linear(rng(3).randn(8, 3, 0.5), Matrix.zeros(1, 3), "2", layers),
    ]);
    const probe = watchTraining(net, { deadUnits: deadUnitFraction, watch: (m) => m.name !== "linear2" });
    expect(probe.layers.map((l) => l.label)).to.deep.equal(["linear1", "batchnorm1", "relu"]);
    new Solver(probe.model, { train: data }, { ...reference, learningRate: 0.1, epochs: 2, batchSize: 30 }).train();
    expect(bn.mode, "the Solver leaves the model in test mode").to.equal("test");
    expect(probe.layers[1].std[0], "batch norm's output has std 1 in training mode").to.be.closeTo(1, 1e-3);
    expect(probe.ratios.map((r) => r.name)).to.deep.equal(["W1", "W2"]);
  });

  it("records NaN for the update ratio of a weight matrix that is all zeros", () => {
    const net = new Sequential([linear(Matrix.zeros(2, 3), Matrix.zeros(1, 3), "1", layers)]);
    const probe = watchTraining(net, { deadUnits: deadUnitFraction });
    new Solver(probe.model, { train: data }, { ...reference, learningRate: 0.1, epochs: 1, batchSize: 30 }).train();
    expect(Number.isNaN(probe.ratios[0].ratio[0])).to.equal(true);
    expect(probe.ratios[0].ratio[1]).to.be.greaterThan(0);
  });

  it("refuses a model that is not a module and bad options", () => {
    expect(() => watchTraining({} as never)).to.throw(CourseInputError, /Module/);
    const net = mlp([2, 3], "relu", rng(0), { fns: layers, initWeights: xavierUniform });
    expect(() => watchTraining(net, { every: 0 })).to.throw(CourseInputError, /every/);
    expect(() => watchTraining(net, { histogramsAt: [-1] })).to.throw(CourseInputError, /histogramsAt/);
  });
});
