/**
 * Graded tests for exercises/regularization.ts (inverted dropout, label smoothing with soft-target cross-entropy,
 * Gaussian input noise, bootstrap samples). The L1/L2 penalties are graded with the losses exercise.
 */
import { expect } from "chai";
import { regularization } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import {
  graded,
  expectClose,
  expectMatrixClose,
  expectThrowsNamed,
  show,
  expectGradientMatches,
  hint,
  detect,
} from "./graded";

/** Σ a ⊙ b */
const dot = (a: Matrix, b: Matrix) => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

describe("graded: regularization", () => {
  graded("dropoutMask: 0/1 entries, kept with probability keepProb, reproducible for a seed", 2, () => {
    const m = regularization.dropoutMask(100, 100, 0.8, 3);
    expect(m.shape, "dropoutMask(100, 100, 0.8, 3): shape").to.deep.equal([100, 100]);
    let kept = 0;
    for (const v of m.data) {
      if (v !== 0 && v !== 1) expect.fail(`dropoutMask(100, 100, 0.8, 3): found ${v}, expected only 0s and 1s`);
      kept += v;
    }
    expectClose(kept / m.size, 0.8, 0.015, "dropoutMask(100, 100, 0.8, 3): fraction of kept units");
    const again = regularization.dropoutMask(100, 100, 0.8, 3);
    expect(Array.from(again.data), "dropoutMask with the same seed twice").to.deep.equal(Array.from(m.data));
    const other = regularization.dropoutMask(100, 100, 0.8, 4);
    expect(Array.from(other.data), "dropoutMask with seeds 3 and 4").to.not.deep.equal(Array.from(m.data));
    // the documented draw: element i is 1 when the i-th rng(seed).next() < keepProb
    const r = rng(3);
    const expected = Array.from({ length: 10 }, () => (r.next() < 0.8 ? 1 : 0));
    expect(Array.from(m.data.subarray(0, 10)), "dropoutMask(…, 0.8, seed 3): first 10 entries").to.deep.equal(expected);
  });

  graded("dropoutForward: train mode scales kept units by 1/p (inverted dropout), test mode is the identity", 2, () => {
    const x = Matrix.from2D([
      [1, 2, 3, 4],
      [-1, -2, -3, -4],
    ]);
    const mask = Matrix.from2D([
      [1, 0, 1, 1],
      [0, 1, 1, 0],
    ]);
    const train = regularization.dropoutForward(x, 0.5, "train", mask).out;
    expectMatrixClose(
      train,
      [
        [2, 0, 6, 8],
        [0, -4, -6, 0],
      ],
      1e-12,
      `dropoutForward(${show(x)}, p = 0.5, "train", mask ${show(mask)})`,
    );
    const test = regularization.dropoutForward(x, 0.5, "test", mask).out;
    expectMatrixClose(test, x.toArray(), 0, `dropoutForward(${show(x)}, p = 0.5, "test"): unchanged`);
    const seeded = regularization.dropoutForward(x, 0.75, "train", 9).out;
    const m = regularization.dropoutMask(2, 4, 0.75, 9);
    expectMatrixClose(
      seeded,
      x.toArray().map((row, i) => row.map((v, j) => (v * m.get(i, j)) / 0.75)),
      1e-12,
      `dropoutForward(x, 0.75, "train", seed 9) must equal x ⊙ dropoutMask(2, 4, 0.75, 9) / 0.75`,
    );
  });

  graded("dropoutForward: E[out] = x — the mean over 2000 seeds is close to x", 1, () => {
    const x = Matrix.from2D([[1, -2, 3]]);
    const total = [0, 0, 0];
    for (let s = 0; s < 2000; s++) {
      const out = regularization.dropoutForward(x, 0.5, "train", s).out;
      out.data.forEach((v, i) => (total[i] += v / 2000));
    }
    expectMatrixClose(
      Matrix.from2D([total]),
      [[1, -2, 3]],
      0.2,
      "mean of dropoutForward([1, −2, 3], 0.5, train) over seeds",
    );
  });

  graded("dropoutBackward: gradient check in train mode, identity in test mode", 3, () => {
    const r = rng(21);
    const x = r.randn(3, 5);
    const dout = r.randn(3, 5);
    const mask = regularization.dropoutMask(3, 5, 0.6, 2);
    const { cache } = regularization.dropoutForward(x, 0.6, "train", mask);
    const dx = regularization.dropoutBackward(dout, cache);
    expectGradientMatches(
      (m) => dot(regularization.dropoutForward(m, 0.6, "train", mask).out, dout),
      x.clone(),
      dx,
      "dropoutBackward (train, p = 0.6, seeded 3×5 x and dout)",
    );
    const t = regularization.dropoutForward(x, 0.6, "test", mask);
    expectMatrixClose(regularization.dropoutBackward(dout, t.cache), dout.toArray(), 0, "dropoutBackward in test mode");
  });

  graded("dropout: keepProb outside (0, 1] or a mask of the wrong shape → CourseInputError", 1, () => {
    const x = Matrix.ones(2, 2);
    expectThrowsNamed(() => regularization.dropoutForward(x, 0, "train", 1), "CourseInputError", "keepProb = 0");
    expectThrowsNamed(() => regularization.dropoutForward(x, 1.5, "train", 1), "CourseInputError", "keepProb = 1.5");
    expectThrowsNamed(
      () => regularization.dropoutForward(x, 0.5, "train", Matrix.ones(1, 2)),
      "CourseInputError",
      "1×2 mask for 2×2 x",
    );
    expectMatrixClose(regularization.dropoutForward(x, 1, "train", 1).out, x.toArray(), 0, "keepProb = 1 keeps all");
  });

  graded("labelSmoothing: 1 − ε on the true class, ε/(C − 1) elsewhere (the slide's ε/9 for 10 classes)", 2, () => {
    expectMatrixClose(
      regularization.labelSmoothing([2, 0], 4, 0.3),
      [
        [0.1, 0.1, 0.7, 0.1],
        [0.7, 0.1, 0.1, 0.1],
      ],
      1e-12,
      "labelSmoothing([2, 0], 4 classes, ε = 0.3)",
    );
    const ten = regularization.labelSmoothing([2], 10, 0.09);
    expectMatrixClose(
      ten,
      [[0.01, 0.01, 0.91, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01]],
      1e-12,
      "labelSmoothing([2], 10, 0.09)",
    );
    expectMatrixClose(regularization.labelSmoothing([1], 3, 0), [[0, 1, 0]], 0, "labelSmoothing([1], 3, ε = 0)");
  });

  graded("softCrossEntropy: known values, equals hard cross-entropy for one-hot targets, gradient check", 3, () => {
    expectClose(
      regularization.softCrossEntropy(Matrix.from2D([[0, 0]]), Matrix.from2D([[0.5, 0.5]])).loss,
      Math.LN2,
      1e-12,
      "softCrossEntropy(scores [0, 0], targets [0.5, 0.5])",
    );
    // one-hot target on class 0 of the lecture's cat scores: −ln p(cat) = 2.0403551528
    const cat = Matrix.from2D([[3.2, 5.1, -1.7]]);
    expectClose(
      regularization.softCrossEntropy(cat, Matrix.from2D([[1, 0, 0]])).loss,
      2.04035515280017,
      1e-10,
      "softCrossEntropy(cat scores, one-hot cat)",
    );
    const r = rng(5);
    const scores = r.randn(4, 3, 2);
    const targets = regularization.labelSmoothing([0, 2, 1, 1], 3, 0.2);
    const { dscores } = regularization.softCrossEntropy(scores, targets);
    expectGradientMatches(
      (s) => regularization.softCrossEntropy(s, targets).loss,
      scores.clone(),
      dscores,
      "softCrossEntropy gradient (seeded 4×3 scores, smoothed targets)",
    );
  });

  graded("addGaussianNoise: x + N(0, σ²) drawn from rng(seed); mean ≈ 0 and std ≈ σ over 10 000 draws", 1, () => {
    const x = Matrix.full(100, 100, 5);
    const noisy = regularization.addGaussianNoise(x, 0.3, 8);
    const d = noisy.data.map((v) => v - 5);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    expectClose(mean, 0, 0.01, "addGaussianNoise(5, σ = 0.3): mean of the noise");
    expectClose(std, 0.3, 0.01, "addGaussianNoise(5, σ = 0.3): std of the noise");
    const r = rng(8);
    expectClose(
      noisy.get(0, 0),
      5 + r.gaussian(0, 0.3),
      1e-12,
      "addGaussianNoise: first element from rng(8).gaussian(0, 0.3)",
    );
    expectMatrixClose(x, Matrix.full(100, 100, 5).toArray(), 0, "addGaussianNoise must not change x in place");
  });

  graded("bootstrapIndices: n draws with replacement, ≈ 63 % distinct rows, reproducible", 1, () => {
    const idx = regularization.bootstrapIndices(5000, 4);
    expect(idx.length, "bootstrapIndices(5000, 4): length").to.equal(5000);
    const r = rng(4);
    expect(idx.slice(0, 8), "bootstrapIndices(5000, seed 4): first 8 = rng(4).int(0, 5000) draws").to.deep.equal(
      Array.from({ length: 8 }, () => r.int(0, 5000)),
    );
    const distinct = new Set(idx).size / 5000;
    expectClose(distinct, 1 - Math.exp(-1), 0.02, "bootstrapIndices(5000): fraction of distinct rows");
  });

  graded("inputNoiseL2: the λ that Gaussian input noise σ adds to a linear model's squared error", 2, () => {
    for (const std of [0.5, 2]) {
      const hints = [
        hint(
          "σ instead of σ²",
          detect.matches(std),
          "the penalty comes from E[(Σ wᵢεᵢ)²], which holds E[εᵢ²], the noise's variance σ², not its standard deviation σ.",
        ),
        hint(
          "the ½ of ½(ŷ − y)²",
          detect.matches((std * std) / 2),
          "this asks for the plain squared error (ŷ − y)², without the ½ some losses put in front.",
        ),
      ];
      expectClose(regularization.inputNoiseL2(std), std * std, 1e-12, `inputNoiseL2(${std})`, hints);
    }
    expectClose(regularization.inputNoiseL2(0), 0, 0, "inputNoiseL2(0): no noise, no penalty");
    expectThrowsNamed(() => regularization.inputNoiseL2(-1), "CourseInputError", "inputNoiseL2(−1)");
  });
});
