/**
 * Graded tests for exercises/optimizers.ts (SGD, momentum, Nesterov, Adagrad, RMSProp, Adam).
 *
 * Hand-computed steps use w₀ = [1, −2], α = 0.1 and the gradients g₁ = [0.5, −1], g₂ = [0.1, 0.2], g₃ = [−0.3, 0.4]
 * (each rule's other hyperparameters at their defaults: ρ = 0.9, β = 0.99, β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
 */
import { expect } from "chai";
import { optimizers } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { graded, expectClose, expectMatrixClose, expectThrowsNamed, show, mistakes } from "./graded";

const W0 = [[1, -2]];
const G = [[[0.5, -1]], [[0.1, 0.2]], [[-0.3, 0.4]]];

type Rule = (w: Matrix, dw: Matrix, config: object) => { w: Matrix; config: object };

/** The parameter after each of the three steps of `rule` from W0 with gradients G, starting from `config`. */
function threeSteps(rule: Rule, config: object): Matrix[] {
  let w = Matrix.from2D(W0);
  let c = config;
  const out: Matrix[] = [];
  for (const g of G) {
    ({ w, config: c } = rule(w, Matrix.from2D(g), c));
    out.push(w);
  }
  return out;
}

function expectSteps(name: string, got: Matrix[], expected: number[][][], tol: number): void {
  got.forEach((w, k) =>
    expectMatrixClose(w, expected[k], tol, `${name} from w = ${show(W0)} with α = 0.1: w after step ${k + 1}`),
  );
}

describe("graded: optimizers", () => {
  graded("sgd: w − α·dw, default α = 1e-2, inputs unchanged", 1, () => {
    const w = Matrix.from2D([[1, -2, 3]]);
    const dw = Matrix.from2D([[10, -10, 0.5]]);
    expectMatrixClose(
      optimizers.sgd(w, dw, { learningRate: 0.1 }).w,
      [[0, -1, 2.95]],
      1e-12,
      `sgd(${show(w)}, ${show(dw)}, α = 0.1)`,
    );
    expectMatrixClose(
      optimizers.sgd(w, dw).w,
      [[0.9, -1.9, 2.995]],
      1e-12,
      `sgd(${show(w)}, ${show(dw)}) with the default α`,
    );
    expectMatrixClose(w, [[1, -2, 3]], 0, "sgd must not change w in place");
  });

  graded("sgdMomentum: three steps by hand (v ← ρv − α·dw, w ← w + v)", 2, () => {
    // v₁ = −0.1·g₁ = [−0.05, 0.1]              w₁ = [0.95, −1.9]
    // v₂ = 0.9·v₁ − 0.1·g₂ = [−0.055, 0.07]    w₂ = [0.895, −1.83]
    // v₃ = 0.9·v₂ − 0.1·g₃ = [−0.0195, 0.023]  w₃ = [0.8755, −1.807]
    const got = threeSteps(optimizers.sgdMomentum as Rule, { learningRate: 0.1 });
    expectSteps("sgdMomentum", got, [[[0.95, -1.9]], [[0.895, -1.83]], [[0.8755, -1.807]]], 1e-12);
  });

  graded(
    "sgdMomentum: same sequence as the other form v ← ρv + ∇f, x ← x − αv (CS5330), on seeded gradients",
    2,
    () => {
      const r = rng(11);
      const grads = Array.from({ length: 8 }, () => r.randn(2, 3));
      let w = r.randn(2, 3);
      let x = w.toArray();
      let v = [
        [0, 0, 0],
        [0, 0, 0],
      ];
      let config: object = { learningRate: 0.05, momentum: 0.8 };
      grads.forEach((g, t) => {
        ({ w, config } = (optimizers.sgdMomentum as Rule)(w, g, config));
        v = v.map((row, i) => row.map((vij, j) => 0.8 * vij + g.get(i, j)));
        x = x.map((row, i) => row.map((xij, j) => xij - 0.05 * v[i][j]));
        expectMatrixClose(w, x, 1e-12, `sgdMomentum vs the second formulation, step ${t + 1}`);
      });
    },
  );

  graded("nesterov: three steps by hand (x̃ ← x̃ − ρ·v_old + (1 + ρ)·v_new)", 2, () => {
    // v as for momentum; x̃₁ = 1 + 1.9·(−0.05) = 0.905, x̃₂ = 0.905 + 0.045 − 0.1045 = 0.8455,
    // x̃₃ = 0.8455 + 0.0495 − 0.03705 = 0.85795 (and likewise −1.81, −1.767, −1.7863)
    const got = threeSteps(optimizers.nesterov as Rule, { learningRate: 0.1 });
    expectSteps("nesterov", got, [[[0.905, -1.81]], [[0.8455, -1.767]], [[0.85795, -1.7863]]], 1e-12);
  });

  graded("nesterov: the stored x̃ is the lecture's look-ahead point w_t − γ·update_{t−1} on f(w) = ½ Σ c·w²", 2, () => {
    const c = [1, 10, 0.3];
    const grad = (m: Matrix) =>
      new Matrix(
        m.rows,
        m.cols,
        m.data.map((v, i) => c[i] * v),
      );
    const gamma = 0.9;
    const eta = 0.05;
    // the lecture's rule, with the gradient taken at the look-ahead point
    let wLecture = [2, -1, 3];
    let update = [0, 0, 0];
    let xTilde = Matrix.rowVector(wLecture);
    let config: object = { learningRate: eta, momentum: gamma };
    for (let t = 1; t <= 10; t++) {
      const lookAhead = wLecture.map((w, i) => w - gamma * update[i]);
      const g = grad(Matrix.rowVector(lookAhead));
      update = update.map((u, i) => gamma * u + eta * g.data[i]);
      wLecture = wLecture.map((w, i) => w - update[i]);
      ({ w: xTilde, config } = (optimizers.nesterov as Rule)(xTilde, grad(xTilde), config));
      const expected = wLecture.map((w, i) => w - gamma * update[i]);
      expectMatrixClose(xTilde, [expected], 1e-12, `nesterov after ${t} steps vs the lecture's look-ahead point`);
    }
  });

  graded("adagrad: three steps by hand (cache = Σ g², step = α·g / √(cache + ε))", 2, () => {
    // cache₁ = [0.25, 1]: w₁ = [1 − 0.1·0.5/0.5, −2 + 0.1·1/1] = [0.9, −1.9] (ε adds ~2e-9)
    // cache₂ = [0.26, 1.04]: w₂ = [0.9 − 0.01/√0.26, −1.9 − 0.02/√1.04] = [0.880388389, −1.919611614]
    // cache₃ = [0.35, 1.2]:  w₃ = [w₂ + 0.03/√0.35, w₂ − 0.04/√1.2] = [0.931097643, −1.956126451]
    const got = threeSteps(optimizers.adagrad as Rule, { learningRate: 0.1 });
    expectSteps("adagrad", got, [[[0.9, -1.9]], [[0.880388389, -1.919611614]], [[0.931097643, -1.956126451]]], 1e-8);
  });

  graded("rmsprop: three steps by hand (cache = β·cache + (1 − β)·g², β = 0.99, here ε = 0)", 2, () => {
    // cache₁ = 0.01·g₁² = [0.0025, 0.01]: step = 0.1·g₁/√cache₁ = [1, −1] → w₁ = [0, −1]
    // cache₂ = [0.002575, 0.0103]: w₂ = [−0.1·0.1/0.0507445, −1 − 0.1·0.2/0.1014889] = [−0.1970659, −1.1970659]
    // cache₃ = [0.00344925, 0.011797]: w₃ = [w₂ + 0.03/0.0587303, w₂ − 0.04/0.1086140] = [0.3137436, −1.5653425]
    const got = threeSteps(optimizers.rmsprop as Rule, { learningRate: 0.1, epsilon: 0 });
    expectSteps("rmsprop", got, [[[0, -1]], [[-0.197065856, -1.197065856]], [[0.313743589, -1.565342521]]], 1e-8);
  });

  graded("adam: three steps by hand, with bias correction", 3, () => {
    // t = 1: m = 0.1·g₁, v = 0.001·g₁², m̂ = g₁, v̂ = g₁²: step = α·sign(g₁) → w₁ = [0.9, −1.9]
    // t = 2: m = [0.055, −0.07], v = [0.00025975, 0.001039]; m̂ = m/0.19 = [0.289474, −0.368421],
    //        v̂ = v/0.001999 = [0.129940, 0.519760]; step = 0.1·m̂/√v̂ = [0.080304, −0.051103] → w₂ = [0.819696, −1.848897]
    // t = 3: m = [0.0195, −0.023], v = [0.00034949, 0.00119796]; m̂ = m/0.271, v̂ = v/0.002997001
    //        → w₃ = [0.798624612, −1.835473434]
    const got = threeSteps(optimizers.adam as Rule, { learningRate: 0.1 });
    expectSteps("adam", got, [[[0.9, -1.9]], [[0.819695906, -1.848897394]], [[0.798624612, -1.835473434]]], 1e-8);
  });

  graded("adam: the config carries m, v and the step count t; step 1 is α, without bias correction 3.16·α", 1, () => {
    const w = Matrix.from2D([[3]]);
    const s = optimizers.adam(w, Matrix.from2D([[2]]), {});
    const cfg = s.config as { t?: number; m?: Matrix; v?: Matrix; learningRate: number };
    expectClose(cfg.t, 1, 0, "adam: config.t after the first step");
    expectClose(cfg.learningRate, 1e-3, 0, "adam: default learning rate filled into the returned config");
    expectMatrixClose(cfg.m, [[0.2]], 1e-12, "adam: config.m after one step with g = 2");
    expectMatrixClose(cfg.v, [[0.004]], 1e-12, "adam: config.v after one step with g = 2");
    // with m̂ = m/(1 − β₁) the first step is α = 1e-3; the uncorrected m/√v would give 0.2/√0.004·1e-3 ≈ 3.2e-3
    expectMatrixClose(s.w, [[3 - 1e-3]], 1e-10, "adam(w = 3, g = 2) with the defaults: w after step 1");
  });

  graded("all rules: configs passed in are not changed (state lives in the returned config)", 1, () => {
    const w = Matrix.from2D([[1, 2]]);
    const dw = Matrix.from2D([[0.5, -0.5]]);
    for (const name of ["sgdMomentum", "nesterov", "adagrad", "rmsprop", "adam"] as const) {
      const config = { learningRate: 0.1 };
      const first = (optimizers[name] as Rule)(w, dw, config);
      expect(Object.keys(config), `${name}: the config object passed in must stay { learningRate: 0.1 }`).to.deep.equal(
        ["learningRate"],
      );
      const again = (optimizers[name] as Rule)(w, dw, config);
      expectMatrixClose(again.w, first.w.toArray(), 0, `${name}: the same call twice must give the same w`);
      expectMatrixClose(w, [[1, 2]], 0, `${name} must not change w in place`);
    }
  });

  graded("all rules: mismatched w and dw shapes, or a wrong-shape state → CourseInputError", 1, () => {
    const w = Matrix.zeros(2, 2);
    for (const name of ["sgd", "sgdMomentum", "nesterov", "adagrad", "rmsprop", "adam"] as const) {
      expectThrowsNamed(
        () => (optimizers[name] as Rule)(w, Matrix.zeros(1, 2), {}),
        "CourseInputError",
        `${name}(2×2 w, 1×2 dw)`,
      );
    }
    expectThrowsNamed(
      () => optimizers.sgdMomentum(w, w, { velocity: Matrix.zeros(3, 3) }),
      "CourseInputError",
      "sgdMomentum with a 3×3 velocity for a 2×2 w",
    );
    // the rules must also work once the inputs are valid
    expectMatrixClose(
      optimizers.sgdMomentum(w, w, {}).w,
      [
        [0, 0],
        [0, 0],
      ],
      0,
      "sgdMomentum(0, 0)",
    );
  });

  describe("the momentum forms and Adam's bias correction", () => {
    graded("sgdMomentumAlt: three steps by hand (the velocity accumulates gradients, ρ = 0.9)", 1, () => {
      const got = threeSteps((w, dw, c) => optimizers.sgdMomentumAlt(w, dw, c), { learningRate: 0.1 });
      expectSteps("sgdMomentumAlt", got, [[[0.95, -1.9]], [[0.895, -1.83]], [[0.8755, -1.807]]], 1e-12);
    });

    graded(
      "momentumVelocityFromAlt: a run switched from sgdMomentumAlt to sgdMomentum after 5 steps stays on its path",
      3,
      () => {
        const c = Matrix.from2D([[1, 10, 0.5]]); // f(w) = ½ Σ c·w², ∇f = c ⊙ w
        const grad = (w: Matrix) =>
          new Matrix(
            1,
            3,
            w.data.map((v, i) => c.data[i] * v),
          );
        const lr = 0.05;
        const start = Matrix.from2D([[2, -1, 3]]);
        // 10 steps in the alt form: the reference path
        let wAlt = start;
        let cAlt: object = { learningRate: lr, momentum: 0.9 };
        let velocityAfter5 = Matrix.zeros(1, 3);
        let wAfter5 = start;
        for (let k = 0; k < 10; k++) {
          const r = optimizers.sgdMomentumAlt(wAlt, grad(wAlt), cAlt);
          wAlt = r.w;
          cAlt = r.config;
          if (k === 4) {
            velocityAfter5 = r.config.velocity as Matrix;
            wAfter5 = r.w;
          }
        }
        /** Five sgdMomentum steps from wAfter5 with the given velocity. */
        const continueWith = (velocity: Matrix): Matrix => {
          let w = wAfter5;
          let cfg: object = { learningRate: lr, momentum: 0.9, velocity };
          for (let k = 0; k < 5; k++) ({ w, config: cfg } = optimizers.sgdMomentum(w, grad(w), cfg));
          return w;
        };
        const v = optimizers.momentumVelocityFromAlt(velocityAfter5, lr);
        const wrong = [
          velocityAfter5,
          new Matrix(
            1,
            3,
            velocityAfter5.data.map((u) => -u),
          ),
          new Matrix(
            1,
            3,
            velocityAfter5.data.map((u) => lr * u),
          ),
        ];
        expectMatrixClose(
          v instanceof Matrix ? continueWith(v) : v,
          wAlt.toArray(),
          1e-12,
          `w after 5 sgdMomentumAlt steps, then 5 sgdMomentum steps from momentumVelocityFromAlt(${show(velocityAfter5)}, ${lr}), vs 10 sgdMomentumAlt steps`,
          wrong.map((u) => mistakes.momentumVelocityWithoutRate(continueWith(u), 1e-12)),
        );
      },
    );

    graded("adamBiasCorrection: m̂ and v̂ after step 3 (β₁ = 0.9, β₂ = 0.999)", 2, () => {
      const m = Matrix.from2D([[0.2, -0.1]]);
      const v = Matrix.from2D([[0.01, 0.04]]);
      const { mHat, vHat } = optimizers.adamBiasCorrection(m, v, 3, 0.9, 0.999);
      expectMatrixClose(
        mHat,
        [[0.7380073800738011, -0.36900369003690053]],
        1e-12,
        `adamBiasCorrection(${show(m)}, ${show(v)}, t = 3).mHat`,
        [mistakes.adamStepFromZero([[1.0526315789473688, -0.5263157894736844]])],
      );
      expectMatrixClose(
        vHat,
        [[3.3366688900003716, 13.346675560001486]],
        1e-9,
        `adamBiasCorrection(${show(m)}, ${show(v)}, t = 3).vHat`,
        [mistakes.adamStepFromZero([[5.0025012506253805, 20.010005002501522]], 1e-9)],
      );
    });

    graded(
      "adamBiasCorrection: with a constant gradient g, the corrected m̂ of adam's own moments is g at every step",
      1,
      () => {
        const g = Matrix.from2D([[0.3, -2]]);
        let cfg: { learningRate?: number; m?: Matrix; v?: Matrix; t?: number } = { learningRate: 0.001 };
        for (let t = 1; t <= 4; t++) {
          cfg = optimizers.adam(Matrix.zeros(1, 2), g, cfg).config;
          const { mHat, vHat } = optimizers.adamBiasCorrection(cfg.m as Matrix, cfg.v as Matrix, t, 0.9, 0.999);
          expectMatrixClose(
            mHat,
            g.toArray(),
            1e-12,
            `adamBiasCorrection(m, v, t = ${t}).mHat after ${t} steps with gradient ${show(g)}`,
          );
          expectMatrixClose(
            vHat,
            [[0.09, 4]],
            1e-12,
            `adamBiasCorrection(m, v, t = ${t}).vHat after ${t} steps with gradient ${show(g)}`,
          );
        }
      },
    );

    graded("adamBiasCorrection: t = 0 or a β outside [0, 1) → CourseInputError", 1, () => {
      const m = Matrix.from2D([[1]]);
      expectMatrixClose(
        optimizers.adamBiasCorrection(m, m, 1, 0.5, 0.5).mHat,
        [[2]],
        1e-12,
        "adamBiasCorrection([[1]], [[1]], t = 1, 0.5, 0.5).mHat",
      );
      expectThrowsNamed(
        () => optimizers.adamBiasCorrection(m, m, 0, 0.9, 0.999),
        "CourseInputError",
        "adamBiasCorrection(…, t = 0, …)",
      );
      expectThrowsNamed(
        () => optimizers.adamBiasCorrection(m, m, 1, 1, 0.999),
        "CourseInputError",
        "adamBiasCorrection(…, β₁ = 1, …)",
      );
    });
  });
});
