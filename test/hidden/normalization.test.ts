/**
 * Hidden graded tests for exercises/normalization.ts: batch-norm backward, full and simplified, on other shapes and
 * edge cases than the public tests (a batch of 2, γ = 0, one feature), against the closed form
 * dx = (1/N)·(1/√(σ² + ε))·(N·g − Σ g − x̂·Σ g x̂), g = dout·γ.
 */
import { normalization } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { graded, expectMatrixClose, mistakes, show } from "../graded/graded";

/** The closed-form dx and the dx of the two common mistakes, for one batch. */
function closedForm(x: Matrix, gamma: Matrix, dout: Matrix, eps: number) {
  const n = x.rows;
  const right = Matrix.zeros(x.rows, x.cols);
  const noMean = Matrix.zeros(x.rows, x.cols);
  const constants = Matrix.zeros(x.rows, x.cols);
  for (let j = 0; j < x.cols; j++) {
    const col = x.col(j);
    const mu = col.reduce((a, v) => a + v, 0) / n;
    const inv = 1 / Math.sqrt(col.reduce((a, v) => a + (v - mu) ** 2, 0) / n + eps);
    const xhat = col.map((v) => (v - mu) * inv);
    const g = dout.col(j).map((v) => v * gamma.data[j]);
    const sumG = g.reduce((a, v) => a + v, 0);
    const sumGX = g.reduce((a, v, i) => a + v * xhat[i], 0);
    for (let i = 0; i < n; i++) {
      right.set(i, j, (inv / n) * (n * g[i] - sumG - xhat[i] * sumGX));
      noMean.set(i, j, (inv / n) * (n * g[i] - xhat[i] * sumGX));
      constants.set(i, j, g[i] * inv);
    }
  }
  return { right, noMean, constants };
}

describe("graded (hidden): normalization", () => {
  for (const name of ["batchnormBackward", "batchnormBackwardAlt"] as const) {
    graded(`${name}: closed-form dx on a seeded 7×3 batch (ε = 1e-3)`, 2, () => {
      const x = rng(401).randn(7, 3, 3);
      const gamma = Matrix.rowVector([2, -1, 0.3]);
      const dout = rng(402).randn(7, 3);
      const { cache } = normalization.batchnormForward(x, gamma, Matrix.zeros(1, 3), { mode: "train", eps: 1e-3 });
      const { right, noMean, constants } = closedForm(x, gamma, dout, 1e-3);
      expectMatrixClose(
        normalization[name](dout, cache).dx,
        right.toArray(),
        1e-10,
        `${name}(…).dx for x = ${show(x)}`,
        [
          mistakes.batchnormWithoutMeanTerm(noMean.toArray(), 1e-10),
          mistakes.batchnormStatisticsAsConstants(constants.toArray(), 1e-10),
        ],
      );
    });
  }

  graded(
    "batchnormBackward and batchnormBackwardAlt: a batch of 2 and γ = 0 (dx = 0, dγ = Σ dout·x̂, dβ = Σ dout)",
    1,
    () => {
      const x = Matrix.from2D([
        [1, 5],
        [3, -5],
      ]);
      const dout = Matrix.from2D([
        [0.5, 2],
        [-1, 4],
      ]);
      const { cache } = normalization.batchnormForward(x, Matrix.zeros(1, 2), Matrix.zeros(1, 2), {
        mode: "train",
        eps: 0,
      });
      for (const name of ["batchnormBackward", "batchnormBackwardAlt"] as const) {
        const r = normalization[name](dout, cache);
        expectMatrixClose(
          r.dx,
          [
            [0, 0],
            [0, 0],
          ],
          1e-15,
          `${name}(…).dx with γ = 0`,
        );
        expectMatrixClose(r.dgamma, [[-1.5, -2]], 1e-12, `${name}(…).dgamma (x̂ = ∓1)`);
        expectMatrixClose(r.dbeta, [[-0.5, 6]], 1e-15, `${name}(…).dbeta`);
      }
    },
  );
});
