/**
 * Hidden graded tests for exercises/init.ts: the Xavier variance argument (preactivationVariances) on other sizes,
 * with expected values from the closed form Var(a⁽ᵏ⁾) = n·σ_w²·E[(h⁽ᵏ⁻¹⁾)²].
 */
import { init } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { graded, expectMatrixClose, mistakes } from "../graded/graded";

const asRow = (v: unknown): unknown => (Array.isArray(v) ? Matrix.from2D([v as number[]]) : v);

describe("graded (hidden): init", () => {
  graded(
    "preactivationVariances: Xavier keeps a linear net at the input variance, He keeps a ReLU net (10 layers of 500)",
    2,
    () => {
      const n = 500;
      expectMatrixClose(
        asRow(init.preactivationVariances(1.5, n, Math.sqrt(1 / n), 10, "linear")),
        [new Array<number>(10).fill(1.5)],
        1e-9,
        'preactivationVariances(1.5, 500, √(1/500), 10, "linear")',
      );
      expectMatrixClose(
        asRow(init.preactivationVariances(1, n, Math.sqrt(2 / n), 10, "relu")),
        [new Array<number>(10).fill(2)],
        1e-9,
        'preactivationVariances(1, 500, √(2/500), 10, "relu")',
        [mistakes.reluHalfForgotten([[2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]])],
      );
    },
  );

  graded("preactivationVariances: Xavier with ReLU halves the variance at every layer after the first", 1, () => {
    const n = 300;
    const got = init.preactivationVariances(4, n, Math.sqrt(1 / n), 6, "relu");
    expectMatrixClose(
      asRow(got),
      [[4, 2, 1, 0.5, 0.25, 0.125]],
      1e-12,
      'preactivationVariances(4, 300, √(1/300), 6, "relu")',
      [mistakes.reluHalfForgotten([[4, 4, 4, 4, 4, 4]])],
    );
  });

  graded("preactivationVariances: weight std 0 gives 0 everywhere; depth 1 is n·σ²·Var(x)", 1, () => {
    expectMatrixClose(asRow(init.preactivationVariances(3, 7, 0, 3, "relu")), [[0, 0, 0]], 0, "weight std 0");
    expectMatrixClose(asRow(init.preactivationVariances(3, 7, 0.2, 1, "relu")), [[7 * 0.04 * 3]], 1e-12, "depth 1", [
      mistakes.stdInsteadOfVariance([[7 * 0.2 * 3]]),
    ]);
  });
});
