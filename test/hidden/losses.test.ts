/**
 * Hidden graded tests for exercises/losses.ts: the same functions as the public tests, on other seeds, shapes and
 * edge cases, so that an implementation tuned to the public inputs does not collect these points.
 *
 * Expected values are known in closed form (softmax of [0, ln 2, ln 3] is [1/6, 2/6, 3/6]) or computed here from
 * the definition on seeded random inputs.
 */
import { expect } from "chai";
import { losses } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { numericGradient, relativeError } from "../../lib/gradcheck";
import { graded, expectClose, expectMatrixClose, mistakes, show } from "../graded/graded";

/** Rows of positive numbers scaled to sum to one: probabilities that do not come from the student's softmax. */
function randomProbs(seed: number, n: number, c: number): Matrix {
  const u = rng(seed).rand(n, c);
  const p = Matrix.zeros(n, c);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < c; k++) sum += u.get(i, k) + 0.05;
    for (let k = 0; k < c; k++) p.set(i, k, (u.get(i, k) + 0.05) / sum);
  }
  return p;
}

describe("graded (hidden): losses", () => {
  graded("sigmoid: σ(−x) = 1 − σ(x) (seeded random 4×4); a 3×1 column keeps its shape", 1, () => {
    const x = rng(31).randn(4, 4, 3);
    const s = losses.sigmoid(x);
    const flipped = Matrix.zeros(4, 4);
    for (let i = 0; i < 16; i++) flipped.data[i] = -x.data[i];
    const sFlipped = losses.sigmoid(flipped);
    expectMatrixClose(
      sFlipped,
      s.toArray().map((row) => row.map((v) => 1 - v)),
      1e-12,
      `sigmoid(−x) vs 1 − sigmoid(x), x = ${show(x)}`,
    );
    const col = Matrix.colVector([0, Math.log(3), -Math.log(3)]);
    expectMatrixClose(losses.sigmoid(col), [[0.5], [0.75], [0.25]], 1e-12, `sigmoid(${show(col)}) (3×1)`);
  });

  graded("l1Loss / l2Loss: 1×1 and 3×1 inputs; the loss of a prediction against itself is 0", 1, () => {
    const a = Matrix.colVector([1.5, -2, 4]);
    const b = Matrix.colVector([-0.5, -2, 1]);
    expectClose(losses.l1Loss(a, b), 5, 1e-12, `l1Loss(${show(a)}, ${show(b)})`, [mistakes.meanInsteadOfSum(3)]);
    expectClose(losses.l2Loss(a, b), 13, 1e-12, `l2Loss(${show(a)}, ${show(b)})`, [mistakes.meanInsteadOfSum(3)]);
    expectClose(losses.l2Loss(a, a), 0, 0, `l2Loss(${show(a)}, itself)`);
    const one = Matrix.from2D([[-3]]);
    expectClose(losses.l1Loss(one, Matrix.zeros(1, 1)), 3, 0, `l1Loss([[-3]], [[0]])`);
  });

  graded(
    "softmax: [0, ln 2, ln 3] → [1/6, 2/6, 3/6]; a 1×1 input gives [[1]]; +2000 on a row changes nothing",
    2,
    () => {
      const s = Matrix.from2D([
        [0, Math.log(2), Math.log(3)],
        [2000, 2000 + Math.log(2), 2000 + Math.log(3)],
      ]);
      expectMatrixClose(
        losses.softmax(s),
        [
          [1 / 6, 2 / 6, 3 / 6],
          [1 / 6, 2 / 6, 3 / 6],
        ],
        1e-12,
        `softmax(${show(s)})`,
        [mistakes.softmaxWithoutMaxShift()],
      );
      expectMatrixClose(losses.softmax(Matrix.from2D([[-7.5]])), [[1]], 1e-15, "softmax([[-7.5]])");
    },
  );

  graded("crossEntropy: mean of −ln p over a batch of 7 (seeded random probabilities, 4 classes)", 1, () => {
    const probs = randomProbs(41, 7, 4);
    const labels = [3, 0, 2, 2, 1, 0, 3];
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += -Math.log(probs.get(i, labels[i]));
    expectClose(losses.crossEntropy(probs, labels), sum / 7, 1e-12, `crossEntropy(${show(probs)}, ${show(labels)})`, [
      mistakes.sumInsteadOfMean(7),
    ]);
  });

  graded("softmaxCrossEntropy: batch of 7 (seeded), loss = mean log-sum-exp − s_y; gradient checks", 2, () => {
    const scores = rng(43).randn(7, 3, 2);
    const labels = [0, 2, 1, 1, 0, 2, 2];
    let sum = 0;
    for (let i = 0; i < 7; i++) {
      const row = scores.row(i);
      const m = Math.max(...row);
      sum += Math.log(row.reduce((acc, v) => acc + Math.exp(v - m), 0)) + m - row[labels[i]];
    }
    const { loss, dscores } = losses.softmaxCrossEntropy(scores, labels);
    expectClose(loss, sum / 7, 1e-12, `softmaxCrossEntropy(${show(scores)}, ${show(labels)}).loss`, [
      mistakes.sumInsteadOfMean(7),
    ]);
    const numeric = numericGradient((s) => losses.softmaxCrossEntropy(s, labels).loss, scores);
    const err = relativeError(dscores, numeric);
    if (!(err < 1e-7)) {
      expect.fail(
        `softmaxCrossEntropy(${show(scores)}, ${show(labels)}).dscores: relative error to the numerical ` +
          `gradient should be < 1e-7, got ${err}\n  numerical ${show(numeric)}\n  analytic  ${show(dscores)}`,
      );
    }
    const equal = losses.softmaxCrossEntropy(Matrix.from2D([[0.3, 0.3]]), [0]);
    expectClose(equal.loss, Math.LN2, 1e-12, "softmaxCrossEntropy([[0.3, 0.3]], [0]).loss");
    expectMatrixClose(equal.dscores, [[-0.5, 0.5]], 1e-12, "softmaxCrossEntropy([[0.3, 0.3]], [0]).dscores");
  });

  graded("hingeLoss: a margin met exactly adds nothing; margin 2 on a batch of 4 (mean, gradient)", 2, () => {
    const exact = losses.hingeLoss(Matrix.from2D([[2, 1, 0]]), [0]);
    expectClose(exact.loss, 0, 0, "hingeLoss([[2, 1, 0]], [0]).loss (s_1 − s_0 + 1 = 0)");
    expectMatrixClose(exact.dscores, [[0, 0, 0]], 0, "hingeLoss([[2, 1, 0]], [0]).dscores");
    const scores = Matrix.from2D([
      [1, 2, 0],
      [0, 0, 0],
      [5, 1, 2],
      [0.5, 3, 1],
    ]);
    const labels = [0, 1, 0, 2];
    // per row with Δ = 2: (3 + 1), (2 + 2), 0, (1.5 + 4) → mean 13.5 / 4
    const { loss, dscores } = losses.hingeLoss(scores, labels, 2);
    expectClose(loss, 13.5 / 4, 1e-12, `hingeLoss(${show(scores)}, ${show(labels)}, margin 2).loss`, [
      mistakes.sumInsteadOfMean(4),
    ]);
    const q = 1 / 4;
    expectMatrixClose(
      dscores,
      [
        [-2 * q, q, q],
        [q, -2 * q, q],
        [0, 0, 0],
        [q, q, -2 * q],
      ],
      1e-12,
      `hingeLoss(${show(scores)}, ${show(labels)}, margin 2).dscores`,
      [mistakes.sumInsteadOfMean(4)],
    );
  });

  graded("binaryCrossEntropy: batch of 5 (seeded); p = 0.5 everywhere gives ln 2", 1, () => {
    const p = rng(47).rand(5, 1);
    const labels = [0, 1, 1, 0, 1];
    let sum = 0;
    for (let i = 0; i < 5; i++) sum += labels[i] === 1 ? -Math.log(p.get(i, 0)) : -Math.log(1 - p.get(i, 0));
    expectClose(
      losses.binaryCrossEntropy(p, labels),
      sum / 5,
      1e-12,
      `binaryCrossEntropy(${show(p)}, ${show(labels)})`,
      [mistakes.sumInsteadOfMean(5)],
    );
    const half = Matrix.full(3, 1, 0.5);
    expectClose(losses.binaryCrossEntropy(half, [1, 0, 1]), Math.LN2, 1e-12, "binaryCrossEntropy(0.5 × 3, [1, 0, 1])");
  });

  graded("regularization: zero weights give value 0 and gradient 0; elasticNet with β = 0 equals L1", 1, () => {
    const Z = Matrix.zeros(2, 3);
    for (const [name, reg] of [
      ["l1Regularization", (m: Matrix) => losses.l1Regularization(m)],
      ["l2Regularization", (m: Matrix) => losses.l2Regularization(m)],
      ["elasticNet (β = 1.5)", (m: Matrix) => losses.elasticNet(m, 1.5)],
    ] as const) {
      const { value, grad } = reg(Z);
      expectClose(value, 0, 0, `${name}(2×3 zeros).value`);
      expectMatrixClose(grad, Z.toArray(), 0, `${name}(2×3 zeros).grad`);
    }
    const W = rng(53).randn(3, 2);
    const l1 = losses.l1Regularization(W);
    const en = losses.elasticNet(W, 0);
    expectClose(en.value, l1.value, 1e-12, `elasticNet(${show(W)}, 0).value vs l1Regularization`);
    expectMatrixClose(en.grad, l1.grad.toArray(), 1e-12, `elasticNet(${show(W)}, 0).grad vs l1Regularization`);
  });
});

describe("graded (hidden): losses, the softmax Jacobian", () => {
  graded("softmaxJacobian = diag(p) − p·pᵀ on a seeded 1×7 row of scores", 2, () => {
    const s = rng(601).randn(1, 7, 3);
    const p = losses.softmax(s).row(0);
    const J = p.map((pk, k) => p.map((pj, j) => (k === j ? pk : 0) - pk * pj));
    expectMatrixClose(losses.softmaxJacobian(s), J, 1e-14, `softmaxJacobian(${show(s)})`, [
      mistakes.softmaxJacobianDiagonalOnly(J.map((row, k) => row.map((v, j) => (k === j ? v : 0)))),
    ]);
  });

  graded(
    "softmaxJacobian of one class is [[0]]; of equal scores over C classes has 1/C − 1/C² on the diagonal",
    1,
    () => {
      expectMatrixClose(losses.softmaxJacobian(Matrix.from2D([[4.2]])), [[0]], 1e-15, "softmaxJacobian([[4.2]])");
      const J = losses.softmaxJacobian(Matrix.zeros(1, 4));
      expectMatrixClose(
        J,
        [0, 1, 2, 3].map((k) => [0, 1, 2, 3].map((j) => (k === j ? 0.25 - 0.0625 : -0.0625))),
        1e-15,
        "softmaxJacobian(1×4 zeros)",
      );
    },
  );

  graded("dscores of softmaxCrossEntropy = (softmax − onehot)/N on a seeded 6×4 batch", 2, () => {
    const s = rng(602).randn(6, 4, 2);
    const labels = [3, 0, 1, 1, 2, 0];
    const p = losses.softmax(s).toArray();
    const expected = p.map((row, i) => row.map((v, k) => (v - (k === labels[i] ? 1 : 0)) / 6));
    expectMatrixClose(
      losses.softmaxCrossEntropy(s, labels).dscores,
      expected,
      1e-14,
      `softmaxCrossEntropy(${show(s)}).dscores`,
      [mistakes.sumInsteadOfMean(6)],
    );
  });
});
