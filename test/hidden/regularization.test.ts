/**
 * Hidden graded tests for exercises/regularization.ts: the derivation exercise inputNoiseL2 on other noise levels,
 * and against a simulation of the noisy squared error drawn here (not with the student's addGaussianNoise).
 */
import { regularization } from "nn-course/exercises";
import { rng } from "../../lib/random";
import { graded, expectClose, hint, detect } from "../graded/graded";

describe("graded (hidden): regularization", () => {
  graded("inputNoiseL2: σ = 0.1 and 3, and the simulated excess squared error of a linear model", 2, () => {
    for (const std of [0.1, 3]) {
      const hints = [hint("σ instead of σ²", detect.matches(std), "the penalty holds the noise's variance σ².")];
      expectClose(regularization.inputNoiseL2(std), std * std, 1e-12, `inputNoiseL2(${std})`, hints);
    }
    // E[(w·(x + ε) − y)²] − (w·x − y)² over 200 000 seeded draws of ε ~ N(0, 0.7²), for w = [0.5, −1, 2]
    const w = [0.5, -1, 2];
    const x = [1, 0.3, -0.4];
    const y = 0.2;
    const r = rng(17);
    const clean = w.reduce((s, wi, i) => s + wi * x[i], 0) - y;
    let excess = 0;
    const draws = 200_000;
    for (let n = 0; n < draws; n++) {
      const noisy = w.reduce((s, wi, i) => s + wi * (x[i] + r.gaussian(0, 0.7)), 0) - y;
      excess += (noisy * noisy - clean * clean) / draws;
    }
    const sumW2 = w.reduce((s, wi) => s + wi * wi, 0);
    expectClose(
      regularization.inputNoiseL2(0.7) * sumW2,
      excess,
      0.03 * excess,
      "inputNoiseL2(0.7) · Σw² against the simulated excess of the squared error (w = [0.5, −1, 2])",
    );
  });
});
