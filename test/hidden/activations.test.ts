/**
 * Hidden graded tests for exercises/activations.ts: PReLU with a learned α and the Maxout layer, on other seeds,
 * shapes and edge cases than the public tests, with expected values from the closed forms.
 */
import { activations } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { graded, expectMatrixClose, mistakes, show } from "../graded/graded";

describe("graded (hidden): activations", () => {
  graded("preluBackward: dalpha = Σ over the batch of dout·x where x ≤ 0 (seeded 9×5, some x exactly 0)", 2, () => {
    const x = rng(301).randn(9, 5);
    for (let i = 0; i < 5; i++) x.data[i * 7] = 0;
    const alpha = rng(302).rand(1, 5, 0, 0.5);
    const dout = rng(303).randn(9, 5);
    const expected = [new Array<number>(5).fill(0)];
    const everywhere = [new Array<number>(5).fill(0)];
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 5; j++) {
        const v = x.get(i, j);
        if (v <= 0) expected[0][j] += dout.get(i, j) * v;
        everywhere[0][j] += dout.get(i, j) * v;
      }
    }
    const { dx, dalpha } = activations.preluBackward(dout, activations.preluForward(x, alpha).cache);
    expectMatrixClose(dalpha, expected, 1e-12, `preluBackward(…).dalpha for x = ${show(x)}`, [
      mistakes.preluAlphaGradientEverywhere(everywhere),
      mistakes.preluAlphaGradientNotSummed([expected[0].map((v) => v / 9)]),
    ]);
    expectMatrixClose(
      dx,
      x.toArray().map((row, i) => row.map((v, j) => (v > 0 ? 1 : alpha.data[j]) * dout.get(i, j))),
      1e-12,
      `preluBackward(…).dx for x = ${show(x)}`,
    );
  });

  graded("preluForward with α = 0 is ReLU and with α = 1 the identity; inputs unchanged", 1, () => {
    const x = rng(304).randn(4, 3);
    const before = x.toArray();
    expectMatrixClose(
      activations.preluForward(x, Matrix.zeros(1, 3)).out,
      before.map((r) => r.map((v) => Math.max(0, v))),
      0,
      "preluForward(x, α = 0)",
    );
    expectMatrixClose(activations.preluForward(x, Matrix.ones(1, 3)).out, before, 0, "preluForward(x, α = 1)");
    expectMatrixClose(x, before, 0, "preluForward must not change x");
  });

  graded(
    "Maxout with k = 1 is a linear layer; dW routes dout to the winning piece only (seeded 4×3, 3 units × 4 pieces)",
    2,
    () => {
      const x = rng(305).randn(4, 3);
      const W = rng(306).randn(3, 12);
      const b = rng(307).randn(1, 12);
      const lin = activations.maxoutForward(x, W, b, 1).out;
      const z = x
        .toArray()
        .map((row) => W.toArray()[0].map((_, c) => b.data[c] + row.reduce((a, v, d) => a + v * W.get(d, c), 0)));
      expectMatrixClose(lin, z, 1e-12, "maxoutForward(x, W, b, 1 piece) = x·W + b");
      const dout = rng(308).randn(4, 3);
      const { cache } = activations.maxoutForward(x, W, b, 4);
      const { db } = activations.maxoutBackward(dout, cache);
      const expected = [new Array<number>(12).fill(0)];
      const everyPiece = [new Array<number>(12).fill(0)];
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 3; j++) {
          let best = 0;
          for (let p = 1; p < 4; p++) if (z[i][j * 4 + p] > z[i][j * 4 + best]) best = p;
          expected[0][j * 4 + best] += dout.get(i, j);
          for (let p = 0; p < 4; p++) everyPiece[0][j * 4 + p] += dout.get(i, j);
        }
      }
      expectMatrixClose(db, expected, 1e-12, "maxoutBackward(…).db", [mistakes.maxoutGradientToEveryPiece(everyPiece)]);
    },
  );
});
