/**
 * The hint machinery of test/graded/graded.ts: detectors recognise a mistake's wrong result (and nothing else), and a
 * failed check names each recognised mistake. The hints for exercises that do not exist yet (Adam, ReLU, dropout,
 * regularised biases) are proven here on the numbers those mistakes give; the losses hints are proven end to end
 * through the grader in check.test.ts.
 */
import { expect } from "chai";
import { Matrix } from "../../lib/matrix";
import { detect, expectClose, expectMatrixClose, hint, mistakes, type Hint } from "../graded/graded";

/** The failure message of `fn` ("" when it does not fail). */
function failure(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("hints for common mistakes", () => {
  it("detectors: scaledBy, nonFinite, matches", () => {
    expect(detect.scaledBy(3)(6, 2, 1e-12)).to.equal(true);
    expect(detect.scaledBy(3)(6.1, 2, 1e-12)).to.equal(false);
    expect(detect.scaledBy(3)(8.28, 2.76, 0.005), "within 3 × the check's tolerance").to.equal(true);
    expect(detect.scaledBy(2)(0, 0, 0), "expected all zero: any multiple matches, so no hint").to.equal(false);
    expect(detect.scaledBy(2)(Matrix.from2D([[2, -4]]), [[1, -2]], 0)).to.equal(true);
    expect(detect.scaledBy(2)(Matrix.from2D([[2, -4]]), [[1, 2]], 0)).to.equal(false);
    expect(detect.scaledBy(2)(Matrix.from2D([[2, -4, 0]]), [[1, -2]], 0), "shape differs").to.equal(false);
    expect(detect.nonFinite()(Matrix.from2D([[1, NaN]]), [[1, 1]], 0)).to.equal(true);
    expect(detect.nonFinite()(Infinity, 1, 0)).to.equal(true);
    expect(detect.nonFinite()(Matrix.from2D([[1, 2]]), [[1, 1]], 0)).to.equal(false);
    expect(detect.matches([[0, 1, 1]])(Matrix.from2D([[0, 1, 1]]), [[0, 0, 1]], 0)).to.equal(true);
    expect(detect.matches(0.5)(0.6, 1, 0)).to.equal(false);
  });

  it("a failed check ends with 'Hint (name): message' for each recognising hint, and only those", () => {
    const hints = [mistakes.sumInsteadOfMean(4), mistakes.meanInsteadOfSum(4), mistakes.softmaxWithoutMaxShift()];
    const msg = failure(() => expectClose(8, 2, 1e-12, "loss(batch of 4)", hints));
    expect(msg).to.match(/^loss\(batch of 4\): expected 2 \(± 1e-12\), got 8\n {2}Hint \(summed instead of averaged/);
    expect(msg).to.include("N = 4 times the expected one");
    expect(msg).not.to.include("averaged instead of summed").and.not.to.include("max-shift");
    expect(failure(() => expectClose(3, 2, 1e-12, "loss", hints))).to.equal("loss: expected 2 (± 1e-12), got 3");
    const nan = failure(() => expectMatrixClose(Matrix.from2D([[NaN, NaN]]), [[0.5, 0.5]], 1e-12, "softmax", hints));
    expect(nan).to.include("Hint (softmax without the max-shift): e^s overflows to Infinity");
    expect(
      failure(() => expectClose(2, 2, 0, "loss", hints)),
      "a passing check",
    ).to.equal("");
  });

  it("a detector that throws never hides the failure", () => {
    const broken: Hint = hint(
      "broken",
      () => {
        throw new Error("detector bug");
      },
      "never shown",
    );
    expect(failure(() => expectClose(1, 2, 0, "x", [broken]))).to.equal("x: expected 2 (± 0), got 1");
  });

  it("Adam without bias correction: recognised from the update it gives", () => {
    // One Adam step from θ = 1 with g = 0.5, lr = 0.1, β1 = 0.9, β2 = 0.999 (ε negligible).
    const g = 0.5;
    const m = 0.1 * g;
    const v = 0.001 * g * g;
    const right = 1 - (0.1 * (m / 0.1)) / Math.sqrt(v / 0.001); // m̂ = m / (1 − β1), v̂ = v / (1 − β2): θ − 0.1
    const wrong = 1 - (0.1 * m) / Math.sqrt(v); // ≈ 0.684
    const adam = [mistakes.adamWithoutBiasCorrection(wrong)];
    expect(failure(() => expectClose(wrong, right, 1e-12, "adam step", adam))).to.include(
      "Hint (Adam without bias correction): ",
    );
    expect(failure(() => expectClose(0.5, right, 1e-12, "adam step", adam))).not.to.include("Hint");
  });

  it("ReLU gradient at the wrong side of 0: recognised from the gradient it gives", () => {
    // x = [−1, 0, 2], dout = 1: right dx = [0, 0, 1]; with x ≥ 0 instead of x > 0: [0, 1, 1].
    const relu = [mistakes.reluGradientAtZero([[0, 1, 1]])];
    const msg = failure(() => expectMatrixClose(Matrix.from2D([[0, 1, 1]]), [[0, 0, 1]], 0, "reluBackward", relu));
    expect(msg).to.include("Hint (ReLU gradient on the wrong side of 0): ");
    expect(
      failure(() => expectMatrixClose(Matrix.from2D([[1, 1, 1]]), [[0, 0, 1]], 0, "reluBackward", relu)),
    ).not.to.include("Hint");
  });

  it("dropout without inverted scaling: recognised from activations p times too small", () => {
    // keep probability 0.8, mask [1, 0, 1]: inverted dropout gives x · mask / 0.8, the mistake x · mask.
    const expected = [[2 / 0.8, 0, 4 / 0.8]];
    const dropout = [mistakes.dropoutWithoutInvertedScaling(0.8)];
    const msg = failure(() => expectMatrixClose(Matrix.from2D([[2, 0, 4]]), expected, 1e-12, "dropout", dropout));
    expect(msg).to.include("Hint (dropout without inverted scaling): the kept activations are 0.8 times too small");
  });

  it("regularised biases: recognised from the bias gradient it gives", () => {
    // db from the data is [0.1, −0.2]; with λ = 0.5 and b = [1, 2] regularised too it becomes db + 2λb.
    const wrong = [[0.1 + 1, -0.2 + 2]];
    const bias = [mistakes.regularizedBiases(wrong)];
    const msg = failure(() => expectMatrixClose(Matrix.from2D(wrong), [[0.1, -0.2]], 1e-12, "grads.b1", bias));
    expect(msg).to.include("Hint (regularised the biases): ");
  });
});
