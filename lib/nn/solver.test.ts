import { expect } from "chai";
import type { MomentumConfig } from "../api";
import { xavierUniform } from "../../solutions/init";
import * as layers from "../../solutions/layers";
import * as losses from "../../solutions/losses";
import * as optimizers from "../../solutions/optimizers";
import { earlyStopping } from "../../solutions/training";
import * as regularization from "../../solutions/regularization";
import { dropout } from "./dropout";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { sliceRows } from "../ops";
import { updateParams } from "../optim";
import { rng } from "../random";
import { miniBatches } from "./batches";
import { mlp } from "./mlp";
import { Sequential, type Module } from "./module";
import { Solver, sgdStepRule, squaredError, type LabelledData, type SolverOptions } from "./solver";
import { spirals } from "./spirals";

/** The reference solutions wherever the solver would call an exercise function. */
const reference = {
  loss: losses.softmaxCrossEntropy,
  penalty: losses.l2Regularization,
  earlyStopping,
  update: sgdStepRule(layers.sgdStep),
};

/** Two Gaussian blobs around (−2, −2) and (2, 2), n points each: a linearly separable problem. */
function blobs(n: number, seed: number): LabelledData {
  const r = rng(seed);
  const X = new Matrix(2 * n, 2);
  const y: number[] = [];
  for (let i = 0; i < 2 * n; i++) {
    const c = i < n ? 0 : 1;
    X.set(i, 0, r.gaussian(4 * c - 2, 1));
    X.set(i, 1, r.gaussian(4 * c - 2, 1));
    y.push(c);
  }
  return { X, y };
}

const net = (sizes: number[], seed = 0) => mlp(sizes, "relu", rng(seed), { fns: layers, initWeights: xavierUniform });

/** Runs the solver under NN_COURSE_IMPL=solutions (for the defaults that come through the course loader). */
function withSolutions<T>(f: () => T): T {
  const saved = process.env.NN_COURSE_IMPL;
  process.env.NN_COURSE_IMPL = "solutions";
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.NN_COURSE_IMPL;
    else process.env.NN_COURSE_IMPL = saved;
  }
}

describe("nn/Solver", () => {
  it("records each update's size ‖W after − W before‖ / ‖W before‖ of the first weights, step by step", () => {
    const data = { train: blobs(10, 1), val: blobs(5, 2) };
    const model = net([2, 4, 2]);
    const W = model.params()[0].value;
    const seen: Matrix[] = [W.clone()];
    const update = (w: Matrix, dw: Matrix, config: { learningRate: number }) => {
      const step = reference.update(w, dw, config);
      if (w === W) seen.push(step.w.clone());
      return step;
    };
    const options = { ...reference, update, learningRate: 0.5, epochs: 2, batchSize: 8, seed: 3 };
    const h = new Solver(model, data, options).train();
    expect(h.updateRatio).to.have.length(6);
    h.updateRatio.forEach((ratio, k) => {
      const [before, after] = [seen[k].data, seen[k + 1].data];
      const change = Math.hypot(...after.map((v, i) => v - before[i]));
      expect(ratio).to.be.closeTo(change / Math.hypot(...before), 1e-15);
      expect(ratio).to.be.greaterThan(0);
    });
  });

  it("learns a separable problem: training accuracy 1, the loss falls below 0.05", () => {
    const data = { train: blobs(50, 1), val: blobs(50, 2) };
    const calls: number[][] = [];
    const progress = (done: number, total: number) => calls.push([done, total]);
    const h = new Solver(net([2, 8, 2]), data, {
      ...reference,
      learningRate: 0.1,
      epochs: 20,
      batchSize: 10,
      progress,
    }).train();
    expect(calls).to.have.length(200);
    expect(calls[199]).to.deep.equal([200, 200]);
    expect(h.stoppedBy).to.equal("all epochs");
    expect(h.trainLoss).to.have.length(20);
    expect(h.batchLoss).to.have.length(20 * 10);
    expect(h.trainAcc[19]).to.equal(1);
    expect(h.valAcc[19]).to.be.at.least(0.99);
    expect(h.trainLoss[19]).to.be.below(0.05).and.below(h.trainLoss[0]);
    expect(h.bestEpoch).to.equal(19);
  });

  it("gives the same history, number for number, for the same seeds; another shuffle seed gives another", () => {
    const data = { train: spirals(30, 3, 0), val: spirals(30, 3, 1) };
    const opts: SolverOptions<MomentumConfig> = {
      ...reference,
      update: optimizers.sgdMomentum,
      optimConfig: { momentum: 0.9 },
      learningRate: (e) => 0.1 / (1 + e),
      weightDecay: 1e-3,
      epochs: 5,
      batchSize: 16,
      seed: 3,
    };
    const a = new Solver(net([2, 16, 3], 4), data, opts).train();
    const b = new Solver(net([2, 16, 3], 4), data, opts).train();
    expect(b).to.deep.equal(a);
    const c = new Solver(net([2, 16, 3], 4), data, { ...opts, seed: 4 }).train();
    expect(c.batchLoss).to.not.deep.equal(a.batchLoss);
    expect(a.learningRate).to.deep.equal([0.1, 0.05, 0.1 / 3, 0.025, 0.02]);
  });

  it("takes the same steps as the loop it replaces (miniBatches, loss + λΣW², backward, updateParams)", () => {
    withSolutions(() => {
      const data = spirals(20, 3, 5);
      const byHand = net([2, 10, 3], 6);
      const r = rng(7);
      let state: Record<string, object> = {};
      const losses_: number[] = [];
      for (let epoch = 0; epoch < 3; epoch++) {
        for (const b of miniBatches(data.X, data.y, 8, r)) {
          const { loss, dscores } = losses.softmaxCrossEntropy(byHand.forward(b.x), b.y);
          let penalty = 0;
          for (const p of byHand.params()) if (p.decay) penalty += losses.l2Regularization(p.value).value;
          losses_.push(loss + 0.01 * penalty);
          byHand.backward(dscores);
          state = updateParams(byHand.params(), optimizers.adam, state, { learningRate: 0.01 } as object, 0.01);
        }
      }
      const solved = net([2, 10, 3], 6);
      const h = new Solver(
        solved,
        { train: data },
        {
          update: optimizers.adam,
          learningRate: 0.01,
          weightDecay: 0.01,
          epochs: 3,
          batchSize: 8,
          seed: 7,
        },
      ).train();
      expect(h.batchLoss).to.deep.equal(losses_);
      solved.params().forEach((p, k) => expect(p.value.data).to.deep.equal(byHand.params()[k].value.data));
    });
  });

  it("early stopping stops after `patience` epochs without a better validation error and restores the best epoch", () => {
    // the validation labels are the training labels flipped: the better the fit, the worse the validation error
    const train = blobs(30, 3);
    const val = { X: train.X, y: train.y.map((c) => 1 - c) };
    const snapshots: Float64Array[][] = [];
    const model = net([2, 8, 2], 2);
    const h = new Solver(
      model,
      { train, val },
      {
        ...reference,
        learningRate: 0.05,
        epochs: 30,
        batchSize: 10,
        patience: 3,
        onEpoch: () => snapshots.push(model.params().map((p) => p.value.data.slice())),
      },
    ).train();
    const valErr = h.valAcc.map((a) => 1 - a);
    const best = valErr.indexOf(Math.min(...valErr));
    expect(h.stoppedBy).to.equal(`early stopping after ${best + 4} epochs (no lower validation error for 3 epochs)`);
    expect(h.bestEpoch).to.equal(best);
    expect(h.valAcc).to.have.length(best + 3 + 1); // three epochs without improvement, then stop
    expect(h.valAcc.length).to.be.below(30);
    model.params().forEach((p, k) => expect(p.value.data).to.deep.equal(snapshots[best][k]));
    expect(snapshots[snapshots.length - 1][0]).to.not.deep.equal(snapshots[best][0]); // it did move on, then back
  });

  it("switches modules with a mode to test for measuring, and passes only training batches through augment", () => {
    const seen: string[] = [];
    const probe: Module & { mode: "train" | "test" } = {
      name: "probe",
      mode: "train",
      forward(x) {
        seen.push(`${this.mode} ${x.rows}`);
        return x;
      },
      backward: (d) => d,
      params: () => [],
    };
    const model = net([2, 3], 1);
    const steps: number[] = [];
    const data = { train: blobs(5, 1), val: blobs(2, 2) };
    new Solver(
      {
        name: "m",
        forward: (x) => model.forward(probe.forward(x)),
        backward: model.backward.bind(model),
        params: () => model.params(),
      },
      data,
      { ...reference, epochs: 1, batchSize: 4, augment: (x, step) => (steps.push(step), x) },
    ).train();
    expect(seen).to.deep.equal(["train 4", "train 4", "train 2", "train 10", "train 4"]); // the probe is not inside a Sequential
    expect(steps).to.deep.equal([0, 1, 2]);

    const seq = net([2, 3], 1);
    const withProbe = new Sequential([probe, ...seq.layers]);
    seen.length = 0;
    new Solver(withProbe, data, { ...reference, epochs: 1, batchSize: 4 }).train();
    expect(seen).to.deep.equal(["train 4", "train 4", "train 2", "test 10", "test 4"]);
    expect(probe.mode).to.equal("test"); // left in test mode, ready for predictions
  });

  it("stops when the loss diverges, and says at which iteration", () => {
    const data = { train: spirals(30, 3, 0) };
    let calls = 0;
    const nanAtFourth = (scores: Matrix, y: number[]) => {
      const out = losses.softmaxCrossEntropy(scores, y);
      if (scores.rows === 90) return out; // measuring the whole training set
      return ++calls === 4 ? { ...out, loss: NaN } : out;
    };
    const h = new Solver(net([2, 32, 3]), data, { ...reference, loss: nanAtFourth, epochs: 5, batchSize: 30 }).train();
    expect([h.diverged, h.stoppedBy, h.batchLoss.length]).to.deep.equal([true, "loss became NaN at iteration 3", 4]);
    expect(h.trainLoss).to.have.length(1); // the first epoch (3 batches) was measured, the second never finished
    const factor = new Solver(net([2, 32, 3]), data, {
      ...reference,
      learningRate: 30,
      divergenceFactor: 10,
      epochs: 5,
      batchSize: 10,
    }).train();
    expect(factor.stoppedBy).to.match(/^loss exploded to .* \(more than 10 × its start\) at iteration \d+$/);
    expect(factor.batchLoss[factor.batchLoss.length - 1]).to.be.above(10 * factor.batchLoss[0]);
  });

  it("runs its doc example with the numbers the comment gives", () => {
    withSolutions(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { schedules, optimizers: opt } = require("../exercises") as typeof import("../exercises");
      const model = mlp([2, 64, 3], "relu", rng(0));
      const solver = new Solver(
        model,
        { train: spirals(100, 3, 0), val: spirals(100, 3, 1) },
        {
          update: opt.sgdMomentum,
          optimConfig: { momentum: 0.9 },
          learningRate: (epoch) => schedules.stepDecay(epoch, 0.1, 20),
          epochs: 40,
          batchSize: 32,
          seed: 1,
        },
      );
      const history = solver.train();
      expect(history.trainAcc[39].toFixed(4)).to.equal("0.9233");
      expect(history.valAcc[39].toFixed(4)).to.equal("0.9233");
    });
  });

  it("decoupled weight decay μ under plain SGD gives the weights of the L2 penalty λ = μ/2; under Adam it does not", () => {
    const data = { train: spirals(20, 3, 5) };
    const run = (update: SolverOptions<object>["update"], o: SolverOptions<object>) => {
      const model = net([2, 10, 3], 6);
      new Solver<object>(model, data, {
        ...reference,
        update,
        learningRate: 0.05,
        epochs: 4,
        batchSize: 8,
        seed: 3,
        ...o,
      }).train();
      return model.params().map((p) => Array.from(p.value.data));
    };
    const largestDiff = (a: number[][], b: number[][]) =>
      Math.max(...a.flat().map((v, i) => Math.abs(v - b.flat()[i])));
    const sgd = reference.update as SolverOptions<object>["update"];
    const l2 = run(sgd, { weightDecay: 0.05 });
    const decoupled = run(sgd, { decoupledWeightDecay: 0.1 });
    const none = run(sgd, {});
    expect(largestDiff(l2, decoupled)).to.be.below(1e-12);
    expect(largestDiff(l2, none)).to.be.above(1e-3);
    const adam = optimizers.adam as SolverOptions<object>["update"];
    const adamL2 = run(adam, { weightDecay: 0.05 });
    const adamW = run(adam, { decoupledWeightDecay: 0.1 });
    expect(largestDiff(adamL2, adamW)).to.be.above(1e-3);
  });

  it("trains a regression with squaredError and metric null; early stopping can watch the validation loss", () => {
    const r = rng(4);
    const X = r.randn(40, 3);
    const w = [1, -2, 0.5];
    const y = Array.from({ length: 40 }, (_, i) => w.reduce((s, wj, j) => s + wj * X.get(i, j), 0));
    const train = { X: sliceRows(X, [...Array(30).keys()]), y: y.slice(0, 30) };
    const val = {
      X: sliceRows(
        X,
        [...Array(10).keys()].map((i) => 30 + i),
      ),
      y: y.slice(30),
    };
    const model = mlp([3, 1], "linear", rng(1), { fns: layers, initWeights: (i, o, s) => rng(s).randn(i, o, 0.01) });
    const h = new Solver(
      model,
      { train, val },
      {
        ...reference,
        loss: squaredError,
        metric: null,
        learningRate: 0.1,
        epochs: 60,
        batchSize: 10,
        weightDecay: 1e-3,
      },
    ).train();
    expect(h.valLoss[59]).to.be.below(1e-3);
    expect(h.valAcc.every((v) => Number.isNaN(v))).to.equal(true);
    expect(h.penalty[59]).to.be.closeTo(1e-3 * (1 + 4 + 0.25), 1e-3);
    expect(squaredError(Matrix.from2D([[1], [3]]), [0, 1])).to.deep.equal({
      loss: 1.25,
      dscores: Matrix.from2D([[0.5], [1]]),
    });
    // a validation set that the fit makes worse: early stopping on the loss stops and restores the best epoch
    const flipped = { X: val.X, y: val.y.map((v) => -v) };
    const model2 = mlp([3, 1], "linear", rng(1), { fns: layers, initWeights: (i, o, s) => rng(s).randn(i, o, 0.01) });
    const h2 = new Solver(
      model2,
      { train, val: flipped },
      {
        ...reference,
        loss: squaredError,
        metric: null,
        learningRate: 0.1,
        epochs: 60,
        batchSize: 10,
        patience: 2,
        monitor: "loss",
      },
    ).train();
    expect(h2.stoppedBy).to.match(/no lower validation loss for 2 epochs/);
    expect(h2.bestEpoch).to.equal(h2.valLoss.indexOf(Math.min(...h2.valLoss)));
    expect(() => new Solver(model2, { train, val }, { metric: null, patience: 2 })).to.throw(
      CourseInputError,
      /monitor: "loss"/,
    );
  });

  it("measures with evalLoss when given (soft targets in training, plain cross-entropy measured)", () => {
    const data = { train: spirals(20, 3, 5), val: spirals(20, 3, 6) };
    const smoothed = (s: Matrix, y: number[]) =>
      regularization.softCrossEntropy(s, regularization.labelSmoothing(y, 3, 0.2));
    const model = net([2, 10, 3], 6);
    const h = new Solver(model, data, {
      ...reference,
      loss: smoothed,
      evalLoss: losses.softmaxCrossEntropy,
      epochs: 2,
    }).train();
    expect(h.valLoss[1]).to.equal(losses.softmaxCrossEntropy(model.forward(data.val.X), data.val.y).loss);
  });

  it("dropout: a new mask per training pass, the identity in test mode, and the Solver measures in test mode", () => {
    const d = dropout(0.5, 7, regularization);
    const x = Matrix.ones(4, 50);
    const a = d.forward(x);
    const b = d.forward(x);
    expect(Array.from(a.data).every((v) => v === 0 || v === 2)).to.equal(true);
    expect(Array.from(a.data)).to.not.deep.equal(Array.from(b.data));
    expect(d.backward(Matrix.ones(4, 50)).toArray()).to.deep.equal(b.toArray());
    d.mode = "test";
    expect(d.forward(x).toArray()).to.deep.equal(x.toArray());
    expect(() => dropout(0, 1)).to.throw(CourseInputError, /keepProb/);
  });

  it("rejects bad input with a message that says what to give", () => {
    const data = { train: blobs(5, 1) };
    const model = net([2, 2]);
    const make =
      (d: unknown, o: SolverOptions<{ learningRate: number }> = {}) =>
      () =>
        new Solver(model, d as { train: LabelledData }, { ...reference, ...o });
    const fails = (f: () => unknown, message: RegExp) => expect(f).to.throw(CourseInputError, message);
    fails(make({ train: { X: data.train.X, y: [0, 1] } }), /train.X has 10 rows but train.y has 2 labels/);
    fails(make({ train: data.train.X }), /train must be \{ X: Matrix, y: number\[\] \}/);
    fails(make(data, { batchSize: 0 }), /batchSize must be a whole number ≥ 1, got 0/);
    fails(make(data, { epochs: 2.5 }), /epochs must be a whole number ≥ 1, got 2.5/);
    fails(make(data, { learningRate: -0.1 }), /learningRate must be a finite number ≥ 0, got -0.1/);
    fails(make(data, { weightDecay: NaN }), /weightDecay \(λ\) must be a number ≥ 0/);
    fails(make(data, { decoupledWeightDecay: -1 }), /decoupledWeightDecay \(μ\) must be a number ≥ 0/);
    fails(make(data, { monitor: "accuracy" as "loss" }), /monitor must be "error" or "loss"/);
    fails(make(data, { patience: 2 }), /early stopping \(patience\) needs validation data/);
    fails(
      () => new Solver({ name: "empty", forward: (x) => x, backward: (d) => d, params: () => [] }, data),
      /no parameters/,
    );
    const schedule = make(data, { learningRate: (e) => (e < 1 ? 0.1 : NaN), epochs: 3 })();
    expect(() => schedule.train()).to.throw(
      CourseInputError,
      /learningRate\(1\) \(the schedule\) must be a finite number/,
    );
  });
});
