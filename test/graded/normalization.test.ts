/**
 * Graded tests for exercises/normalization.ts: standardisation with stored training statistics, and batch
 * normalisation forward (train and test mode, running averages) and backward (gradient-checked).
 *
 * Known values use the lecture's feature-scaling examples ((101, 101), (101, 99) and (0.2, 10), (0.2, −10)) and
 * small batches worked out by hand.
 */
import { expect } from "chai";
import { normalization } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { numericGradientOfOutput } from "../../lib/gradcheck";
import { graded, expectMatrixClose, expectThrowsNamed, show, expectGradientClose, mistakes } from "./graded";

/** A seeded N×D batch whose columns have different offsets and scales (column j: mean 2j − 3, std j + 0.5). */
function batch(seed: number, n: number, d: number): Matrix {
  const x = rng(seed).randn(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x.set(i, j, x.get(i, j) * (j + 0.5) + 2 * j - 3);
  return x;
}

/** Column means and (1/N) variances. */
function columnStats(m: Matrix): { mean: number[]; variance: number[] } {
  const mean = [];
  const variance = [];
  for (let j = 0; j < m.cols; j++) {
    const c = m.col(j);
    const mu = c.reduce((a, b) => a + b, 0) / c.length;
    mean.push(mu);
    variance.push(c.reduce((a, b) => a + (b - mu) ** 2, 0) / c.length);
  }
  return { mean, variance };
}

describe("graded: normalization", () => {
  describe("standardizeFit / standardizeTransform", () => {
    graded("standardizeFit: per-feature mean and (1/N) standard deviation, the lecture's two examples", 1, () => {
      const a = Matrix.from2D([
        [101, 101],
        [101, 99],
      ]);
      const sa = normalization.standardizeFit(a);
      expectMatrixClose(sa.mean, [[101, 100]], 1e-12, `standardizeFit(${show(a)}).mean`);
      expectMatrixClose(sa.std, [[0, 1]], 1e-12, `standardizeFit(${show(a)}).std`);
      const b = Matrix.from2D([
        [0.2, 10],
        [0.2, -10],
        [0.2, 4],
        [0.2, -4],
      ]);
      const sb = normalization.standardizeFit(b);
      expectMatrixClose(sb.mean, [[0.2, 0]], 1e-12, `standardizeFit(${show(b)}).mean`);
      expectMatrixClose(sb.std, [[0, Math.sqrt(58)]], 1e-12, `standardizeFit(${show(b)}).std`);
    });

    graded("standardizeTransform: training data gets mean 0 and std 1 in every feature (seeded 500×4)", 1, () => {
      const X = batch(1, 500, 4);
      const Z = normalization.standardizeTransform(X, normalization.standardizeFit(X));
      const { mean, variance } = columnStats(Z);
      expectMatrixClose(
        Matrix.rowVector(mean),
        [[0, 0, 0, 0]],
        1e-12,
        "column means of the standardised training data",
      );
      expectMatrixClose(
        Matrix.rowVector(variance),
        [[1, 1, 1, 1]],
        1e-12,
        "column variances of the standardised training data",
      );
    });

    graded(
      "standardizeTransform: test data uses the stored training μ and σ (not its own); constant features are only centred",
      2,
      () => {
        const train = Matrix.from2D([
          [1, 10, 5],
          [3, 30, 5],
        ]); // μ = [2, 20, 5], σ = [1, 10, 0]
        const stats = normalization.standardizeFit(train);
        const test = Matrix.from2D([
          [4, 0, 5],
          [2, 20, 7],
          [5, 50, 3],
        ]);
        expectMatrixClose(
          normalization.standardizeTransform(test, stats),
          [
            [2, -2, 0],
            [0, 0, 2],
            [3, 3, -2],
          ],
          1e-12,
          `standardizeTransform(${show(test)}) with training μ = [2, 20, 5], σ = [1, 10, 0]`,
        );
        expectThrowsNamed(
          () => normalization.standardizeTransform(Matrix.zeros(2, 2), stats),
          "CourseInputError",
          "standardizeTransform of a 2×2 X with 3-feature statistics",
        );
      },
    );
  });

  describe("batchnormForward", () => {
    graded("batchnormForward (train): x̂ = (x − μ_B)/√(σ²_B + ε), y = γx̂ + β (hand-worked 2×2 batch)", 2, () => {
      const x = Matrix.from2D([
        [1, 10],
        [3, 30],
      ]); // μ_B = [2, 20], σ²_B = [1, 100]
      const gamma = Matrix.from2D([[2, 3]]);
      const beta = Matrix.from2D([[0.5, -1]]);
      const r = normalization.batchnormForward(x, gamma, beta, { mode: "train", eps: 0 });
      expectMatrixClose(
        r.out,
        [
          [-1.5, -4],
          [2.5, 2],
        ],
        1e-12,
        `batchnormForward(${show(x)}, γ = [2, 3], β = [0.5, −1], eps = 0)`,
      );
      const withEps = normalization.batchnormForward(x, gamma, beta, { mode: "train", eps: 3 });
      // first column: x̂ = ±1/√(1 + 3) = ±0.5
      expectMatrixClose(
        Matrix.colVector(withEps.out.col(0)),
        [[-0.5], [1.5]],
        1e-12,
        `batchnormForward(${show(x)}, eps = 3), first column`,
      );
    });

    graded(
      "batchnormForward (train): each output column has mean β and std γ (seeded 200×5 batch, default ε)",
      1,
      () => {
        const x = batch(2, 200, 5);
        const gamma = Matrix.rowVector([1, 0.5, 2, 3, 0.1]);
        const beta = Matrix.rowVector([0, 1, -1, 2, 5]);
        const { mean, variance } = columnStats(normalization.batchnormForward(x, gamma, beta, { mode: "train" }).out);
        expectMatrixClose(Matrix.rowVector(mean), [[0, 1, -1, 2, 5]], 1e-9, "column means of the output (should be β)");
        expectMatrixClose(
          Matrix.rowVector(variance.map(Math.sqrt)),
          [[1, 0.5, 2, 3, 0.1]],
          1e-4,
          "column standard deviations of the output (should be γ, up to ε = 1e-5)",
        );
      },
    );

    graded(
      "batchnormForward (train): running ← momentum·running + (1 − momentum)·batch; bnParam passed in unchanged",
      2,
      () => {
        const x = Matrix.from2D([
          [1, 10],
          [3, 30],
        ]); // μ_B = [2, 20], σ²_B = [1, 100]
        const ones = Matrix.ones(1, 2);
        const zeros = Matrix.zeros(1, 2);
        const first = normalization.batchnormForward(x, ones, zeros, { mode: "train" });
        expectMatrixClose(
          first.bnParam.runningMean,
          [[0.2, 2]],
          1e-12,
          "runningMean after one batch from zeros, momentum 0.9",
        );
        expectMatrixClose(
          first.bnParam.runningVar,
          [[0.1, 10]],
          1e-12,
          "runningVar after one batch from zeros, momentum 0.9",
        );
        const start = {
          mode: "train" as const,
          momentum: 0.5,
          runningMean: Matrix.from2D([[4, 4]]),
          runningVar: Matrix.from2D([[3, 0]]),
        };
        const second = normalization.batchnormForward(x, ones, zeros, start);
        expectMatrixClose(second.bnParam.runningMean, [[3, 12]], 1e-12, "runningMean = 0.5·[4, 4] + 0.5·[2, 20]");
        expectMatrixClose(second.bnParam.runningVar, [[2, 50]], 1e-12, "runningVar = 0.5·[3, 0] + 0.5·[1, 100]");
        expectMatrixClose(start.runningMean, [[4, 4]], 0, "the bnParam passed in must not be changed (runningMean)");
        expect(second.bnParam.momentum, "the returned bnParam keeps the settings (momentum)").to.equal(0.5);
      },
    );

    graded("batchnormForward (test): normalises with the running averages and leaves them unchanged", 2, () => {
      const bn = {
        mode: "test" as const,
        eps: 0,
        runningMean: Matrix.from2D([[1, -2]]),
        runningVar: Matrix.from2D([[4, 0.25]]),
      };
      const x = Matrix.from2D([
        [3, -2],
        [1, -1],
        [-1, -3],
      ]);
      const gamma = Matrix.from2D([[1, 2]]);
      const beta = Matrix.from2D([[0, 0.5]]);
      const r = normalization.batchnormForward(x, gamma, beta, bn);
      expectMatrixClose(
        r.out,
        [
          [1, 0.5],
          [0, 4.5],
          [-1, -3.5],
        ],
        1e-12,
        `batchnormForward(${show(x)}) in test mode with running μ = [1, −2], σ² = [4, 0.25]`,
      );
      expectMatrixClose(r.bnParam.runningMean, [[1, -2]], 0, "runningMean after a test-mode call (unchanged)");
      expectMatrixClose(r.bnParam.runningVar, [[4, 0.25]], 0, "runningVar after a test-mode call (unchanged)");
    });
  });

  describe("batchnormBackward", () => {
    graded("batchnormBackward (train): dx, dγ, dβ match numerical gradients (seeded 8×4 batch)", 3, () => {
      const x = batch(3, 8, 4);
      const gamma = rng(4).randn(1, 4);
      const beta = rng(5).randn(1, 4);
      const dout = rng(6).randn(8, 4);
      const bn = { mode: "train" as const };
      const { cache } = normalization.batchnormForward(x, gamma, beta, bn);
      const { dx, dgamma, dbeta } = normalization.batchnormBackward(dout, cache);
      const fx = (m: Matrix) => normalization.batchnormForward(m, gamma, beta, bn).out;
      const fg = (g: Matrix) => normalization.batchnormForward(x, g, beta, bn).out;
      const fb = (b: Matrix) => normalization.batchnormForward(x, gamma, b, bn).out;
      expectGradientClose(dx, numericGradientOfOutput(fx, x.clone(), dout), "batchnormBackward dx");
      expectGradientClose(dgamma, numericGradientOfOutput(fg, gamma.clone(), dout), "batchnormBackward dgamma");
      expectGradientClose(dbeta, numericGradientOfOutput(fb, beta.clone(), dout), "batchnormBackward dbeta");
    });

    graded("batchnormBackward (train): dx sums to 0 over the batch (shifting every example changes nothing)", 1, () => {
      const x = batch(7, 16, 3);
      const { cache } = normalization.batchnormForward(x, Matrix.rowVector([1, 2, 3]), Matrix.zeros(1, 3), {
        mode: "train",
      });
      const { dx } = normalization.batchnormBackward(rng(8).randn(16, 3), cache);
      const sums = [0, 1, 2].map((j) => dx.col(j).reduce((a, b) => a + b, 0));
      expectMatrixClose(Matrix.rowVector(sums), [[0, 0, 0]], 1e-12, "column sums of dx");
    });

    graded("batchnormBackward (test): dx and dγ with the running statistics, gradient-checked", 1, () => {
      const x = batch(9, 6, 3);
      const gamma = Matrix.rowVector([0.5, -2, 1.5]);
      const beta = Matrix.rowVector([0, 1, 2]);
      const bn = {
        mode: "test" as const,
        runningMean: Matrix.rowVector([1, 0, -1]),
        runningVar: Matrix.rowVector([4, 0.5, 2]),
      };
      const dout = rng(10).randn(6, 3);
      const { cache } = normalization.batchnormForward(x, gamma, beta, bn);
      const { dx, dgamma } = normalization.batchnormBackward(dout, cache);
      const fx = (m: Matrix) => normalization.batchnormForward(m, gamma, beta, bn).out;
      const fg = (g: Matrix) => normalization.batchnormForward(x, g, beta, bn).out;
      expectGradientClose(dx, numericGradientOfOutput(fx, x.clone(), dout), "batchnormBackward dx in test mode");
      expectGradientClose(
        dgamma,
        numericGradientOfOutput(fg, gamma.clone(), dout),
        "batchnormBackward dgamma in test mode",
      );
    });
  });

  describe("batch-norm backward, full and simplified", () => {
    type Backward = typeof normalization.batchnormBackward;
    const versions: [string, Backward][] = [
      ["batchnormBackward", (d, c) => normalization.batchnormBackward(d, c)],
      ["batchnormBackwardAlt", (d, c) => normalization.batchnormBackwardAlt(d, c)],
    ];

    for (const [name, backward] of versions) {
      graded(`${name} (train): dx on a seeded 6×3 batch, with the common mistakes recognised`, 2, () => {
        const x = batch(21, 6, 3);
        const gamma = Matrix.rowVector([1.5, -0.5, 2]);
        const beta = Matrix.rowVector([0.1, 0, -1]);
        const dout = rng(22).randn(6, 3);
        const bn = { mode: "train" as const };
        const { cache } = normalization.batchnormForward(x, gamma, beta, bn);
        const { dx } = backward(dout, cache);
        const numeric = numericGradientOfOutput(
          (m) => normalization.batchnormForward(m, gamma, beta, bn).out,
          x.clone(),
          dout,
        );
        expectMatrixClose(
          dx,
          numeric.toArray(),
          1e-6,
          `${name}(dout, cache).dx for x = ${show(x)}`,
          mistakesOf(x, gamma, dout),
        );
        expectGradientClose(dx, numeric, `${name} dx`, x);
      });
    }

    graded("batchnormBackwardAlt: dx, dγ, dβ match numerical gradients in both modes (seeded 10×4 batch)", 2, () => {
      const x = batch(23, 10, 4);
      const gamma = rng(24).randn(1, 4);
      const beta = rng(25).randn(1, 4);
      const dout = rng(26).randn(10, 4);
      const train = { mode: "train" as const };
      const test = {
        mode: "test" as const,
        runningMean: Matrix.rowVector([0, 1, -1, 2]),
        runningVar: Matrix.rowVector([1, 2, 0.5, 3]),
      };
      for (const bn of [train, test]) {
        const { cache } = normalization.batchnormForward(x, gamma, beta, bn);
        const { dx, dgamma, dbeta } = normalization.batchnormBackwardAlt(dout, cache);
        const fx = (m: Matrix) => normalization.batchnormForward(m, gamma, beta, bn).out;
        const fg = (g: Matrix) => normalization.batchnormForward(x, g, beta, bn).out;
        const fb = (b: Matrix) => normalization.batchnormForward(x, gamma, b, bn).out;
        expectGradientClose(dx, numericGradientOfOutput(fx, x.clone(), dout), `batchnormBackwardAlt dx (${bn.mode})`);
        expectGradientClose(
          dgamma,
          numericGradientOfOutput(fg, gamma.clone(), dout),
          `batchnormBackwardAlt dgamma (${bn.mode})`,
        );
        expectGradientClose(
          dbeta,
          numericGradientOfOutput(fb, beta.clone(), dout),
          `batchnormBackwardAlt dbeta (${bn.mode})`,
        );
      }
    });

    graded("batchnormBackwardAlt agrees with batchnormBackward to 1e-12 (seeded 32×5 batch)", 1, () => {
      const x = batch(27, 32, 5);
      const { cache } = normalization.batchnormForward(x, rng(28).randn(1, 5), Matrix.zeros(1, 5), { mode: "train" });
      const dout = rng(29).randn(32, 5);
      const full = normalization.batchnormBackward(dout, cache);
      const alt = normalization.batchnormBackwardAlt(dout, cache);
      expectMatrixClose(alt.dx, full.dx.toArray(), 1e-12, "batchnormBackwardAlt(…).dx vs batchnormBackward(…).dx");
      expectMatrixClose(alt.dgamma, full.dgamma.toArray(), 1e-12, "dgamma of the two versions");
      expectMatrixClose(alt.dbeta, full.dbeta.toArray(), 1e-12, "dbeta of the two versions");
    });
  });
});

/**
 * The hints of batch-norm backward's common mistakes, recognised from the numerical gradients of forward passes that
 * make the same mistake: the batch mean held constant (the mean term left out), or both batch statistics held
 * constant (the test-mode gradient).
 */
function mistakesOf(x: Matrix, gamma: Matrix, dout: Matrix) {
  const eps = 1e-5;
  const n = x.rows;
  const mu = x.toArray().reduce((acc, row) => acc.map((a, j) => a + row[j] / n), new Array<number>(x.cols).fill(0));
  const variance = mu.map((m, j) => x.col(j).reduce((a, v) => a + (v - m) ** 2, 0) / n);
  const frozenMean = (m: Matrix): Matrix => {
    const out = new Matrix(m.rows, m.cols);
    for (let j = 0; j < m.cols; j++) {
      const v = m.col(j).reduce((a, t) => a + (t - mu[j]) ** 2, 0) / n;
      for (let i = 0; i < m.rows; i++) out.set(i, j, (gamma.data[j] * (m.get(i, j) - mu[j])) / Math.sqrt(v + eps));
    }
    return out;
  };
  const frozenBoth = (m: Matrix): Matrix => {
    const out = new Matrix(m.rows, m.cols);
    for (let j = 0; j < m.cols; j++) {
      for (let i = 0; i < m.rows; i++) {
        out.set(i, j, (gamma.data[j] * (m.get(i, j) - mu[j])) / Math.sqrt(variance[j] + eps));
      }
    }
    return out;
  };
  return [
    mistakes.batchnormWithoutMeanTerm(numericGradientOfOutput(frozenMean, x.clone(), dout).toArray(), 1e-6),
    mistakes.batchnormStatisticsAsConstants(numericGradientOfOutput(frozenBoth, x.clone(), dout).toArray(), 1e-6),
  ];
}
