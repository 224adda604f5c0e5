/**
 * Hidden graded tests for exercises/optimizers.ts: the momentum forms and Adam's bias correction on other values
 * than the public tests, with expected values from the closed forms v = −α·u and m̂ = m / (1 − β₁ᵗ).
 */
import { optimizers } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { graded, expectMatrixClose, mistakes, show } from "../graded/graded";

describe("graded (hidden): optimizers", () => {
  graded("momentumVelocityFromAlt: v = −α·u on a seeded 3×4 velocity, α = 0.03", 2, () => {
    const u = rng(501).randn(3, 4);
    const got = optimizers.momentumVelocityFromAlt(u, 0.03);
    expectMatrixClose(
      got,
      u.toArray().map((r) => r.map((v) => -0.03 * v)),
      1e-15,
      `momentumVelocityFromAlt(${show(u)}, 0.03)`,
      [
        mistakes.momentumVelocityWithoutRate(u.toArray()),
        mistakes.momentumVelocityWithoutRate(u.toArray().map((r) => r.map((v) => -v))),
        mistakes.momentumVelocityWithoutRate(u.toArray().map((r) => r.map((v) => 0.03 * v))),
      ],
    );
  });

  graded("sgdMomentumAlt and sgdMomentum follow the same path for 20 steps on a seeded quadratic (ρ = 0.95)", 1, () => {
    const c = rng(502).rand(1, 5, 0.1, 5);
    const grad = (w: Matrix) =>
      new Matrix(
        1,
        5,
        w.data.map((v, i) => c.data[i] * v),
      );
    let a = rng(503).randn(1, 5);
    let b = a.clone();
    let ca: object = { learningRate: 0.02, momentum: 0.95 };
    let cb: object = { learningRate: 0.02, momentum: 0.95 };
    for (let k = 0; k < 20; k++) {
      ({ w: a, config: ca } = optimizers.sgdMomentumAlt(a, grad(a), ca));
      ({ w: b, config: cb } = optimizers.sgdMomentum(b, grad(b), cb));
    }
    expectMatrixClose(a, b.toArray(), 1e-12, "sgdMomentumAlt vs sgdMomentum after 20 steps");
  });

  graded("adamBiasCorrection: t = 1 undoes the (1 − β) of the first step; large t changes almost nothing", 2, () => {
    const m = Matrix.from2D([[0.05, -0.2, 1]]);
    const v = Matrix.from2D([[0.002, 0.3, 0.01]]);
    const first = optimizers.adamBiasCorrection(m, v, 1, 0.8, 0.99);
    expectMatrixClose(
      first.mHat,
      [[0.25, -1, 5]],
      1e-12,
      `adamBiasCorrection(${show(m)}, ${show(v)}, t = 1, 0.8, 0.99).mHat`,
    );
    expectMatrixClose(first.vHat, [[0.2, 30, 1]], 1e-12, `adamBiasCorrection(…, t = 1).vHat`);
    const late = optimizers.adamBiasCorrection(m, v, 5, 0.8, 0.99);
    expectMatrixClose(
      late.mHat,
      m.toArray().map((r) => r.map((x) => x / (1 - 0.8 ** 5))),
      1e-12,
      `adamBiasCorrection(${show(m)}, ${show(v)}, t = 5, 0.8, 0.99).mHat`,
      [mistakes.adamStepFromZero(m.toArray().map((r) => r.map((x) => x / (1 - 0.8 ** 4))))],
    );
  });
});
