/**
 * Graded tests for exercises/losses.ts (output and loss functions, regularization).
 *
 * Known values come from the lectures: the 4×4 L1/L2 example, the cat/chair/car score table (hinge and
 * cross-entropy), the "hinge vs cross-entropy" models, and the regularization example with w1 and w2.
 * Labels are 0-based class indices; the score table is stored one image per row: [cat, chair, car].
 */
import { expect } from "chai";
import { losses } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import {
  graded,
  expectClose,
  expectMatrixClose,
  expectThrowsNamed,
  mistakes,
  show,
  expectGradientMatches,
} from "./graded";
import { numericGradient } from "../../lib/gradcheck";

// Lecture "Output and Loss Functions": the three images' scores for [cat, chair, car], true classes cat, chair, car.
const TABLE = [
  [3.2, 5.1, -1.7],
  [1.3, 4.9, 2.0],
  [2.2, 2.5, -3.1],
];
const TABLE_LABELS = [0, 1, 2];
// softmax of each row of TABLE (to float64 precision).
const TABLE_SOFTMAX = [
  [0.1299825390171732, 0.8690495352082659, 0.0009679257745610439],
  [0.025244883478939696, 0.9239181640655687, 0.05083695245549153],
  [0.42465542582674165, 0.5732248667371652, 0.0021197074360931275],
];
// −ln p(true class) per image, and their mean.
const TABLE_CE = [2.04035515280017, 0.07913177829134901, 6.156477201664211];
const TABLE_CE_MEAN = 2.758654710918577;

// Lecture "Hinge vs Cross-Entropy": three models' scores for one image whose true class is 0.
const MODELS = [
  [5, -3, 2],
  [5, 10, 10],
  [5, -20, -20],
];

describe("graded: losses", () => {
  describe("sigmoid", () => {
    graded("sigmoid: σ(x) = 1 / (1 + e^{−x}) element-wise", 1, () => {
      const x = Matrix.from2D([
        [0, 1, 2],
        [-2, -1, 0.5],
      ]);
      expectMatrixClose(
        losses.sigmoid(x),
        [
          [0.5, 0.7310585786300049, 0.8807970779778823],
          [0.11920292202211755, 0.2689414213699951, 0.6224593312018546],
        ],
        1e-12,
        `sigmoid(${show(x)})`,
      );
    });

    graded("sigmoid: very large |x| gives 0 or 1, never NaN", 1, () => {
      const x = Matrix.from2D([[1000, -1000, 40, -800]]);
      const got = losses.sigmoid(x);
      expectMatrixClose(got, [[1, 0, 1, 0]], 1e-15, `sigmoid(${show(x)})`);
    });
  });

  describe("l1Loss / l2Loss", () => {
    // Lecture "Naïve Losses": f(x_i) and y_i, 4×4, differ only in the first row.
    const f = Matrix.from2D([
      [12, 24, 42, 23],
      [34, 32, 5, 2],
      [12, 31, 12, 31],
      [31, 64, 5, 13],
    ]);
    const y = Matrix.from2D([
      [15, 20, 40, 25],
      [34, 32, 5, 2],
      [12, 31, 12, 31],
      [31, 64, 5, 13],
    ]);

    graded("l1Loss: lecture 4×4 example, L¹ = 3 + 4 + 2 + 2 = 11", 2, () => {
      expectClose(losses.l1Loss(f, y), 11, 1e-12, `l1Loss(f(x) = ${show(f)}, y = ${show(y)})`, [
        mistakes.meanInsteadOfSum(16),
      ]);
    });

    graded("l2Loss: lecture 4×4 example, L² = 9 + 16 + 4 + 4 = 33", 2, () => {
      expectClose(losses.l2Loss(f, y), 33, 1e-12, `l2Loss(f(x) = ${show(f)}, y = ${show(y)})`, [
        mistakes.meanInsteadOfSum(16),
      ]);
    });

    const pred = Matrix.from2D([
      [1, -2, 3],
      [0.5, 0, 4],
    ]);
    const target = Matrix.from2D([
      [2, 2, -1],
      [0.5, 1, 4],
    ]);

    graded("l1Loss: sum (not mean) of |y − f(x)| with mixed signs; mismatched shapes → CourseInputError", 1, () => {
      expectClose(losses.l1Loss(pred, target), 10, 1e-12, `l1Loss(${show(pred)}, ${show(target)})`);
      expectThrowsNamed(
        () => losses.l1Loss(pred, Matrix.zeros(3, 2)),
        "CourseInputError",
        "l1Loss(2×3 pred, 3×2 target)",
      );
    });

    graded("l2Loss: sum (not mean) of (y − f(x))² with mixed signs; mismatched shapes → CourseInputError", 1, () => {
      expectClose(losses.l2Loss(pred, target), 34, 1e-12, `l2Loss(${show(pred)}, ${show(target)})`);
      expectThrowsNamed(
        () => losses.l2Loss(pred, Matrix.zeros(2, 2)),
        "CourseInputError",
        "l2Loss(2×3 pred, 2×2 target)",
      );
    });
  });

  describe("binaryCrossEntropy", () => {
    graded("binaryCrossEntropy: mean of −[y ln p + (1 − y) ln(1 − p)]", 2, () => {
      const probs = Matrix.colVector([0.9, 0.2, 0.6, 0.3]);
      const labels = [1, 0, 1, 1];
      // (−ln 0.9 − ln 0.8 − ln 0.6 − ln 0.3) / 4
      const expected = (0.10536051565782628 + 0.2231435513142097 + 0.5108256237659907 + 1.2039728043259361) / 4;
      expectClose(
        losses.binaryCrossEntropy(probs, labels),
        expected,
        1e-12,
        `binaryCrossEntropy(${show(probs)}, ${show(labels)})`,
        [mistakes.sumInsteadOfMean(4)],
      );
    });

    graded("binaryCrossEntropy: certain and right (p = 1 for y = 1, p = 0 for y = 0) gives 0, not NaN", 1, () => {
      const probs = Matrix.colVector([1, 0, 1]);
      const labels = [1, 0, 1];
      expectClose(
        losses.binaryCrossEntropy(probs, labels),
        0,
        0,
        `binaryCrossEntropy(${show(probs)}, ${show(labels)})`,
      );
    });

    graded("binaryCrossEntropy(sigmoid(s)) equals softmax cross-entropy on scores [0, s] (seeded random s)", 2, () => {
      const s = rng(7).randn(6, 1, 2);
      const labels = [1, 0, 0, 1, 1, 0];
      const twoClass = Matrix.zeros(6, 2);
      for (let i = 0; i < 6; i++) twoClass.set(i, 1, s.get(i, 0));
      // p(y = 1) = σ(s) = e^s / (e^0 + e^s): the sigmoid is a softmax over the scores [0, s]
      const expected = losses.softmaxCrossEntropy(twoClass, labels).loss;
      expectClose(
        losses.binaryCrossEntropy(losses.sigmoid(s), labels),
        expected,
        1e-12,
        `binaryCrossEntropy(sigmoid(${show(s)}), ${show(labels)})`,
      );
    });

    graded("binaryCrossEntropy: labels other than 0/1 and probs not N×1 → CourseInputError", 1, () => {
      const probs = Matrix.colVector([0.5, 0.5]);
      expectClose(
        losses.binaryCrossEntropy(probs, [0, 1]),
        Math.LN2,
        1e-12,
        `binaryCrossEntropy(${show(probs)}, [0, 1])`,
      );
      expectThrowsNamed(
        () => losses.binaryCrossEntropy(probs, [0, 2]),
        "CourseInputError",
        "binaryCrossEntropy with label 2",
      );
      expectThrowsNamed(
        () => losses.binaryCrossEntropy(Matrix.from2D([[0.5, 0.5]]), [1]),
        "CourseInputError",
        "binaryCrossEntropy with 1×2 probs",
      );
    });
  });

  describe("softmax", () => {
    graded("softmax: lecture score table (cat 3.2, car 5.1, frog −1.7 → 0.13, 0.87, 0.00)", 2, () => {
      const scores = Matrix.from2D(TABLE);
      const got = losses.softmax(scores);
      expectMatrixClose(
        Matrix.from2D([got.row(0)]),
        [[0.13, 0.87, 0.0]],
        0.005,
        `softmax([3.2, 5.1, -1.7]) (slide, 2 decimals)`,
      );
      expectMatrixClose(got, TABLE_SOFTMAX, 1e-12, `softmax(${show(scores)}), row by row`);
    });

    graded("softmax: positive, rows sum to one, input unchanged (seeded random 5×4 scores)", 1, () => {
      const scores = rng(1).randn(5, 4, 3);
      const before = scores.clone();
      const p = losses.softmax(scores);
      expect(p.shape, `softmax(5×4 scores): shape`).to.deep.equal([5, 4]);
      for (let i = 0; i < 5; i++) {
        const row = p.row(i);
        for (const v of row) {
          if (!(v > 0 && v < 1))
            expect.fail(`softmax(${show(scores)}) row ${i} = ${show(row)}: entries must be in (0, 1)`);
        }
        expectClose(
          row.reduce((a, b) => a + b, 0),
          1,
          1e-12,
          `softmax(${show(scores)}): sum of row ${i}`,
        );
      }
      expectMatrixClose(scores, before.toArray(), 0, "softmax must not change its input scores");
    });

    graded("softmax: huge scores (±1000) do not overflow; shifting a row changes nothing", 2, () => {
      const scores = Matrix.from2D([
        [1000, 1001, 1002],
        [-1000, -1001, -1002],
        [800, 0, -800],
      ]);
      const a = 0.09003057317038046;
      const b = 0.24472847105479767;
      const c = 0.6652409557748219;
      expectMatrixClose(
        losses.softmax(scores),
        [
          [a, b, c],
          [c, b, a],
          [1, 0, 0],
        ],
        1e-12,
        `softmax(${show(scores)}) (= softmax of [0, 1, 2] etc.)`,
        [mistakes.softmaxWithoutMaxShift()],
      );
    });
  });

  describe("crossEntropy", () => {
    graded("crossEntropy: lecture score table, L_i = 2.04, 0.079, 6.156 and L = 2.76", 2, () => {
      const probs = Matrix.from2D(TABLE_SOFTMAX);
      const slide = [2.04, 0.079, 6.156];
      const slideTol = [0.005, 0.0005, 0.0005];
      for (let i = 0; i < 3; i++) {
        const row = Matrix.from2D([TABLE_SOFTMAX[i]]);
        const got = losses.crossEntropy(row, [TABLE_LABELS[i]]);
        expectClose(
          got,
          slide[i],
          slideTol[i],
          `crossEntropy(softmax(${show(TABLE[i])}), [${TABLE_LABELS[i]}]) (slide value)`,
        );
        expectClose(got, TABLE_CE[i], 1e-9, `crossEntropy(softmax(${show(TABLE[i])}), [${TABLE_LABELS[i]}])`);
      }
      const mean = losses.crossEntropy(probs, TABLE_LABELS);
      const perBatch = [mistakes.sumInsteadOfMean(3)];
      expectClose(
        mean,
        2.76,
        0.005,
        `crossEntropy(softmax(${show(TABLE)}), ${show(TABLE_LABELS)}) (slide mean)`,
        perBatch,
      );
      expectClose(
        mean,
        TABLE_CE_MEAN,
        1e-9,
        `crossEntropy(softmax(${show(TABLE)}), ${show(TABLE_LABELS)}): mean over rows`,
        perBatch,
      );
    });

    graded("crossEntropy: uniform guesses over C classes give ln C (3 classes → 1.0986)", 1, () => {
      const probs = Matrix.full(4, 3, 1 / 3);
      expectClose(
        losses.crossEntropy(probs, [0, 1, 2, 1]),
        Math.log(3),
        1e-12,
        `crossEntropy(4×3 matrix of 1/3, [0, 1, 2, 1])`,
        [mistakes.sumInsteadOfMean(4)],
      );
    });

    graded("crossEntropy: accepts label C − 1; label C, −1, 0.5 or a wrong count → CourseInputError", 1, () => {
      const probs = Matrix.from2D([[0.2, 0.3, 0.5]]);
      expectClose(losses.crossEntropy(probs, [2]), -Math.log(0.5), 1e-12, `crossEntropy(${show(probs)}, [2])`);
      for (const bad of [[3], [-1], [0.5], [0, 1]]) {
        const err = expectThrowsNamed(
          () => losses.crossEntropy(probs, bad),
          "CourseInputError",
          `crossEntropy(${show(probs)}, ${show(bad)})`,
        );
        expect(
          err.message.length,
          `crossEntropy(${show(probs)}, ${show(bad)}): the error message should explain the problem`,
        ).to.be.greaterThan(20);
      }
    });
  });

  describe("softmaxCrossEntropy", () => {
    graded("softmaxCrossEntropy: lecture score table, L = 2.76 and its dscores", 2, () => {
      const scores = Matrix.from2D(TABLE);
      const { loss, dscores } = losses.softmaxCrossEntropy(scores, TABLE_LABELS);
      const perBatch = [mistakes.sumInsteadOfMean(3)];
      expectClose(
        loss,
        TABLE_CE_MEAN,
        1e-9,
        `softmaxCrossEntropy(${show(scores)}, ${show(TABLE_LABELS)}).loss`,
        perBatch,
      );
      const expected = TABLE_SOFTMAX.map((row, i) => row.map((p, k) => (p - (k === TABLE_LABELS[i] ? 1 : 0)) / 3));
      expectMatrixClose(
        dscores,
        expected,
        1e-12,
        `softmaxCrossEntropy(${show(scores)}, ${show(TABLE_LABELS)}).dscores`,
        perBatch,
      );
    });

    graded("softmaxCrossEntropy: lecture models [5,−3,2], [5,10,10], [5,−20,−20] give 0.049, 5.70, 2.8e−11", 2, () => {
      const expected = [0.04890685354740576, 5.696510491782079, 2.7776003718896263e-11];
      const tol = [1e-9, 1e-9, 1e-14];
      MODELS.forEach((s, m) => {
        const { loss } = losses.softmaxCrossEntropy(Matrix.from2D([s]), [0]);
        expectClose(loss, expected[m], tol[m], `softmaxCrossEntropy(${show(s)}, [0]) (model ${m + 1})`);
      });
    });

    graded(
      "softmaxCrossEntropy: all-zero scores over 10 classes give ln 10 ≈ 2.3026 (the lecture's loss at iteration 0)",
      1,
      () => {
        const { loss } = losses.softmaxCrossEntropy(Matrix.zeros(5, 10), [0, 3, 9, 9, 4]);
        expectClose(loss, Math.log(10), 1e-12, "softmaxCrossEntropy(5×10 zeros, [0, 3, 9, 9, 4]).loss");
      },
    );

    graded("softmaxCrossEntropy: huge scores give a finite loss and gradient", 2, () => {
      const scores = Matrix.from2D([
        [1000, 0, -1000],
        [1000, 0, -1000],
      ]);
      const { loss, dscores } = losses.softmaxCrossEntropy(scores, [2, 0]);
      // row 0: −ln(e^{−2000} / (1 + …)) = 2000; row 1: −ln(1 / (1 + e^{−1000} + …)) = 0
      const overflow = [mistakes.softmaxWithoutMaxShift()];
      expectClose(loss, 1000, 1e-9, `softmaxCrossEntropy(${show(scores)}, [2, 0]).loss = (2000 + 0) / 2`, overflow);
      expectMatrixClose(
        dscores,
        [
          [0.5, 0, -0.5],
          [0, 0, 0],
        ],
        1e-12,
        `softmaxCrossEntropy(${show(scores)}, [2, 0]).dscores`,
        overflow,
      );
    });

    graded("softmaxCrossEntropy: dscores matches the numerical gradient (seeded random 4×5 scores)", 3, () => {
      const scores = rng(2024).randn(4, 5, 2);
      const labels = [1, 4, 0, 2];
      const { dscores } = losses.softmaxCrossEntropy(scores, labels);
      expectGradientMatches(
        (s) => losses.softmaxCrossEntropy(s, labels).loss,
        scores,
        dscores,
        `softmaxCrossEntropy(scores, ${show(labels)})`,
      );
    });

    graded("softmaxCrossEntropy: label out of range or wrong count → CourseInputError", 1, () => {
      const scores = Matrix.from2D([
        [1, 2],
        [3, 4],
      ]);
      const { loss } = losses.softmaxCrossEntropy(scores, [1, 1]);
      expectClose(loss, Math.log(1 + Math.exp(-1)), 1e-12, `softmaxCrossEntropy(${show(scores)}, [1, 1]).loss`);
      expectThrowsNamed(
        () => losses.softmaxCrossEntropy(scores, [1, 2]),
        "CourseInputError",
        `softmaxCrossEntropy(${show(scores)}, [1, 2])`,
      );
      expectThrowsNamed(
        () => losses.softmaxCrossEntropy(scores, [1]),
        "CourseInputError",
        `softmaxCrossEntropy(${show(scores)}, [1])`,
      );
    });
  });

  describe("hingeLoss", () => {
    graded("hingeLoss: lecture score table, L_i = 2.9, 0, 12.9 and L = 15.8 / 3 = 5.27", 2, () => {
      const slide = [2.9, 0, 12.9];
      for (let i = 0; i < 3; i++) {
        const { loss } = losses.hingeLoss(Matrix.from2D([TABLE[i]]), [TABLE_LABELS[i]]);
        expectClose(loss, slide[i], 1e-12, `hingeLoss(${show(TABLE[i])}, [${TABLE_LABELS[i]}]).loss`);
      }
      const scores = Matrix.from2D(TABLE);
      const { loss } = losses.hingeLoss(scores, TABLE_LABELS);
      expectClose(loss, 15.8 / 3, 1e-12, `hingeLoss(${show(scores)}, ${show(TABLE_LABELS)}).loss (mean over images)`, [
        mistakes.sumInsteadOfMean(3),
      ]);
    });

    graded(
      "hingeLoss: lecture score table dscores: +1/N per violated margin, −1/N per violation on the true class",
      2,
      () => {
        const scores = Matrix.from2D(TABLE);
        const { dscores } = losses.hingeLoss(scores, TABLE_LABELS);
        const t = 1 / 3;
        expectMatrixClose(
          dscores,
          [
            [-t, t, 0],
            [0, 0, 0],
            [t, t, -2 * t],
          ],
          1e-12,
          `hingeLoss(${show(scores)}, ${show(TABLE_LABELS)}).dscores`,
          [mistakes.sumInsteadOfMean(3)],
        );
      },
    );

    graded("hingeLoss: lecture models [5,−3,2], [5,10,10], [5,−20,−20] give 0, 12, 0", 1, () => {
      const expected = [0, 12, 0];
      MODELS.forEach((s, m) => {
        const { loss } = losses.hingeLoss(Matrix.from2D([s]), [0]);
        expectClose(loss, expected[m], 1e-12, `hingeLoss(${show(s)}, [0]) (model ${m + 1})`);
      });
    });

    graded(
      "hingeLoss: margin parameter (margin 0 on the score table gives 12.8 / 3; doubling W example 0.5 → 0)",
      1,
      () => {
        const scores = Matrix.from2D(TABLE);
        const { loss } = losses.hingeLoss(scores, TABLE_LABELS, 0);
        expectClose(loss, 12.8 / 3, 1e-12, `hingeLoss(${show(scores)}, ${show(TABLE_LABELS)}, margin 0).loss`);
        // Lecture "Multiclass SVM": scores [cat 1.3, car 2.5, frog 2.0], true class car, then W doubled.
        expectClose(
          losses.hingeLoss(Matrix.from2D([[1.3, 2.5, 2.0]]), [1]).loss,
          0.5,
          1e-12,
          "hingeLoss([1.3, 2.5, 2.0], [1]).loss",
        );
        expectClose(
          losses.hingeLoss(Matrix.from2D([[2.6, 5.0, 4.0]]), [1]).loss,
          0,
          1e-12,
          "hingeLoss([2.6, 5.0, 4.0], [1]).loss",
        );
      },
    );

    graded("hingeLoss: dscores matches the numerical gradient (seeded random 6×4 scores)", 3, () => {
      const scores = rng(99).randn(6, 4);
      const labels = [0, 3, 1, 2, 3, 0];
      const { dscores } = losses.hingeLoss(scores, labels);
      expectGradientMatches(
        (s) => losses.hingeLoss(s, labels).loss,
        scores,
        dscores,
        `hingeLoss(scores, ${show(labels)})`,
      );
      const nonZero = Array.from(dscores.data).filter((v) => v !== 0).length;
      expect(
        nonZero,
        `hingeLoss(${show(scores)}, ${show(labels)}): this input has violated margins, so dscores cannot be all 0`,
      ).to.be.greaterThan(0);
    });

    graded("hingeLoss: label out of range → CourseInputError", 1, () => {
      const scores = Matrix.from2D([[1, 2, 3]]);
      expectClose(losses.hingeLoss(scores, [2]).loss, 0, 1e-12, `hingeLoss(${show(scores)}, [2]).loss`);
      expectThrowsNamed(() => losses.hingeLoss(scores, [3]), "CourseInputError", `hingeLoss(${show(scores)}, [3])`);
      expectThrowsNamed(() => losses.hingeLoss(scores, [-1]), "CourseInputError", `hingeLoss(${show(scores)}, [-1])`);
    });
  });

  describe("regularization", () => {
    // Lecture "Regularization & SVM Loss": x = [1, 1, 1, 1], w1 = [1, 0, 0, 0], w2 = [0.25, 0.25, 0.25, 0.25].
    const w1 = Matrix.from2D([[1, 0, 0, 0]]);
    const w2 = Matrix.from2D([[0.25, 0.25, 0.25, 0.25]]);
    const W = Matrix.from2D([
      [1, 0, 0, 0],
      [0.25, 0.25, 0.25, 0.25],
    ]);

    graded("l2Regularization: lecture example R²(w1) = 1, R²(w2) = 0.25, R²(W) = 1.25; grad = 2W", 2, () => {
      expectClose(losses.l2Regularization(w1).value, 1, 1e-12, `l2Regularization(${show(w1)}).value`);
      expectClose(losses.l2Regularization(w2).value, 0.25, 1e-12, `l2Regularization(${show(w2)}).value`);
      const { value, grad } = losses.l2Regularization(W);
      expectClose(value, 1.25, 1e-12, `l2Regularization(${show(W)}).value`);
      expectMatrixClose(
        grad,
        [
          [2, 0, 0, 0],
          [0.5, 0.5, 0.5, 0.5],
        ],
        1e-12,
        `l2Regularization(${show(W)}).grad`,
      );
    });

    graded("l1Regularization: lecture example R¹(w1) = R¹(w2) = 1; grad = sign(W) (0 at 0)", 2, () => {
      expectClose(losses.l1Regularization(w1).value, 1, 1e-12, `l1Regularization(${show(w1)}).value`);
      expectClose(losses.l1Regularization(w2).value, 1, 1e-12, `l1Regularization(${show(w2)}).value`);
      const M = Matrix.from2D([
        [1.5, -2, 0],
        [-0.25, 3, -1],
      ]);
      const { value, grad } = losses.l1Regularization(M);
      expectClose(value, 7.75, 1e-12, `l1Regularization(${show(M)}).value`);
      expectMatrixClose(
        grad,
        [
          [1, -1, 0],
          [-1, 1, -1],
        ],
        0,
        `l1Regularization(${show(M)}).grad`,
      );
    });

    graded(
      "elasticNet: lecture form Σ βw² + |w| (W = [w1; w2], β = 2 gives 2·1.25 + 2 = 4.5); grad = 2βW + sign(W)",
      2,
      () => {
        const { value, grad } = losses.elasticNet(W, 2);
        expectClose(value, 4.5, 1e-12, `elasticNet(${show(W)}, β = 2).value`);
        expectMatrixClose(
          grad,
          [
            [5, 0, 0, 0],
            [2, 2, 2, 2],
          ],
          1e-12,
          `elasticNet(${show(W)}, β = 2).grad`,
        );
        const M = Matrix.from2D([[1, -2]]);
        expectClose(losses.elasticNet(M, 0).value, 3, 1e-12, `elasticNet(${show(M)}, β = 0).value (plain L1)`);
      },
    );

    graded("elasticNet: equals β·L2 + L1 on seeded random weights; negative β → CourseInputError", 1, () => {
      const M = rng(5).randn(3, 4);
      const beta = 0.3;
      let l1 = 0;
      let l2 = 0;
      for (const w of M.data) {
        l1 += Math.abs(w);
        l2 += w * w;
      }
      expectClose(losses.elasticNet(M, beta).value, beta * l2 + l1, 1e-12, `elasticNet(${show(M)}, β = 0.3).value`);
      expectThrowsNamed(() => losses.elasticNet(M, -1), "CourseInputError", "elasticNet(W, β = −1)");
    });

    const regularizers: [string, (m: Matrix) => { value: number; grad: Matrix }, number][] = [
      ["l1Regularization", (m) => losses.l1Regularization(m), 11],
      ["l2Regularization", (m) => losses.l2Regularization(m), 12],
      ["elasticNet (β = 0.7)", (m) => losses.elasticNet(m, 0.7), 13],
    ];
    for (const [name, reg, seed] of regularizers) {
      graded(`${name}: grad matches the numerical gradient (seeded random 3×4 W)`, 2, () => {
        const M = rng(seed).randn(3, 4);
        expectGradientMatches((m) => reg(m).value, M, reg(M).grad, name);
      });
    }
  });

  describe("softmaxJacobian (the first step of the dscores derivation)", () => {
    /** The numerical Jacobian ∂p_k/∂s_j of the softmax of one row, by centred differences of a softmax written here. */
    function numericJacobian(s: Matrix): Matrix {
      const c = s.cols;
      const J = Matrix.zeros(c, c);
      for (let k = 0; k < c; k++) {
        const g = numericGradient((m) => {
          const e = Array.from(m.data).map((v) => Math.exp(v));
          return e[k] / e.reduce((a, b) => a + b, 0);
        }, s.clone());
        for (let j = 0; j < c; j++) J.set(k, j, g.get(0, j));
      }
      return J;
    }
    const diagonalOnly = (J: Matrix): number[][] => J.toArray().map((row, k) => row.map((v, j) => (k === j ? v : 0)));

    graded("softmaxJacobian: the lecture's cat/car/frog scores, against the numerical Jacobian (to 1e-8)", 2, () => {
      const s = Matrix.from2D([TABLE[0]]);
      const numeric = numericJacobian(s);
      expectMatrixClose(losses.softmaxJacobian(s), numeric.toArray(), 1e-8, `softmaxJacobian(${show(s)})`, [
        mistakes.softmaxJacobianDiagonalOnly(diagonalOnly(numeric), 1e-8),
      ]);
    });

    graded("softmaxJacobian: rows and columns sum to 0, and the matrix is symmetric (seeded 1×6 scores)", 1, () => {
      const s = rng(77).randn(1, 6, 2);
      const J = losses.softmaxJacobian(s);
      expect(J.shape, `softmaxJacobian(${show(s)}): shape`).to.deep.equal([6, 6]);
      for (let k = 0; k < 6; k++) {
        expectClose(
          J.row(k).reduce((a, b) => a + b, 0),
          0,
          1e-15,
          `softmaxJacobian(${show(s)}): sum of row ${k}`,
        );
        for (let j = 0; j < 6; j++)
          expectClose(J.get(j, k), J.get(k, j), 1e-15, `softmaxJacobian: J[${j}, ${k}] vs J[${k}, ${j}]`);
      }
      expectMatrixClose(J, numericJacobian(s).toArray(), 1e-8, `softmaxJacobian(${show(s)}) vs the numerical Jacobian`);
    });

    graded(
      "softmaxJacobian: scores of ±1000 give a finite Jacobian; an N×C batch (N > 1) → CourseInputError",
      1,
      () => {
        const s = Matrix.from2D([[1000, 1000, -1000]]);
        expectMatrixClose(
          losses.softmaxJacobian(s),
          [
            [0.25, -0.25, 0],
            [-0.25, 0.25, 0],
            [0, 0, 0],
          ],
          1e-15,
          `softmaxJacobian(${show(s)})`,
          [mistakes.softmaxWithoutMaxShift()],
        );
        expectThrowsNamed(
          () => losses.softmaxJacobian(Matrix.zeros(2, 3)),
          "CourseInputError",
          "softmaxJacobian(2×3 scores)",
        );
      },
    );
  });
});
