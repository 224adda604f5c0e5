/**
 * Graded tests for exercises/activations.ts: Leaky ReLU and ELU forward/backward, and the dead-unit fraction.
 *
 * Known values are worked out by hand (e^{−1} − 1 = −0.6321…); backward passes are checked against centred
 * differences of the forward pass at seeded inputs kept away from the kink at 0.
 */
import { activations } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { numericGradientOfOutput } from "../../lib/gradcheck";
import {
  graded,
  expectClose,
  expectMatrixClose,
  expectThrowsNamed,
  show,
  expectBackwardMatches,
  expectGradientClose,
  mistakes,
} from "./graded";

/** A seeded N×D input with no element closer than 0.01 to the kink at 0 (a centred difference there is meaningless). */
function awayFromKink(seed: number, rows: number, cols: number, std = 2): Matrix {
  const x = rng(seed).randn(rows, cols, std);
  for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]) < 0.01) x.data[i] += x.data[i] < 0 ? -0.05 : 0.05;
  return x;
}

describe("graded: activations", () => {
  describe("Leaky ReLU", () => {
    graded("leakyReluForward: max(αx, x) with the default α = 0.01 and with α = 0.2", 1, () => {
      const x = Matrix.from2D([
        [-2, -0.5, 0, 0.5, 3],
        [-100, 1e-3, -1e-3, 7, -7],
      ]);
      expectMatrixClose(
        activations.leakyReluForward(x).out,
        [
          [-0.02, -0.005, 0, 0.5, 3],
          [-1, 1e-3, -1e-5, 7, -0.07],
        ],
        1e-15,
        `leakyReluForward(${show(x)})`,
      );
      expectMatrixClose(
        activations.leakyReluForward(x, 0.2).out,
        [
          [-0.4, -0.1, 0, 0.5, 3],
          [-20, 1e-3, -2e-4, 7, -1.4],
        ],
        1e-14,
        `leakyReluForward(${show(x)}, 0.2)`,
      );
    });

    graded("leakyReluBackward: dout where x > 0, α·dout elsewhere (known values, α = 0.1)", 1, () => {
      const x = Matrix.from2D([[-2, 3, 0, -0.1]]);
      const dout = Matrix.from2D([[5, 5, 4, -2]]);
      const { cache } = activations.leakyReluForward(x, 0.1);
      expectMatrixClose(
        activations.leakyReluBackward(dout, cache),
        [[0.5, 5, 0.4, -0.2]],
        1e-15,
        `leakyReluBackward(${show(dout)}) after leakyReluForward(${show(x)}, 0.1)`,
      );
    });

    graded("leakyReluBackward: gradient check at a seeded 6×5 input, α = 0.01 and α = 0.3", 2, () => {
      for (const alpha of [0.01, 0.3]) {
        const x = awayFromKink(11, 6, 5);
        const dout = rng(12).randn(6, 5);
        const { cache } = activations.leakyReluForward(x, alpha);
        const dx = activations.leakyReluBackward(dout, cache);
        expectBackwardMatches(
          (m) => activations.leakyReluForward(m, alpha).out,
          x,
          dout,
          dx,
          `leakyReluBackward, α = ${alpha}`,
        );
      }
    });

    graded(
      "leakyReluForward: no unit dies, every negative input still passes gradient α; α ≥ 1 → CourseInputError",
      1,
      () => {
        const x = Matrix.full(4, 3, -50); // a unit pushed far into the negative side
        const { out, cache } = activations.leakyReluForward(x, 0.01);
        expectMatrixClose(out, Matrix.full(4, 3, -0.5).toArray(), 1e-15, "leakyReluForward(all −50)");
        const dx = activations.leakyReluBackward(Matrix.ones(4, 3), cache);
        expectMatrixClose(dx, Matrix.full(4, 3, 0.01).toArray(), 1e-15, "leakyReluBackward(ones) at x = −50");
        expectThrowsNamed(() => activations.leakyReluForward(x, 1.5), "CourseInputError", "leakyReluForward(x, 1.5)");
      },
    );
  });

  describe("ELU", () => {
    graded("eluForward: x for x > 0, α(eˣ − 1) otherwise (α = 1 and α = 0.5)", 1, () => {
      const x = Matrix.from2D([[-1, 0, 2, -30, 1e-10, -1e-10]]);
      expectMatrixClose(
        activations.eluForward(x).out,
        [[-0.6321205588285577, 0, 2, -0.9999999999999065, 1e-10, -9.9999999995e-11]],
        1e-15,
        `eluForward(${show(x)})`,
      );
      expectMatrixClose(
        activations.eluForward(x, 0.5).out,
        [[-0.31606027941427883, 0, 2, -0.49999999999995326, 1e-10, -4.99999999975e-11]],
        1e-15,
        `eluForward(${show(x)}, 0.5)`,
      );
    });

    graded("eluBackward: slope 1 for x > 0 and αeˣ for x ≤ 0 (known values)", 1, () => {
      const x = Matrix.from2D([[-1, 0, 2, -3]]);
      const dout = Matrix.from2D([[2, 3, 4, -1]]);
      const { cache } = activations.eluForward(x, 1);
      expectMatrixClose(
        activations.eluBackward(dout, cache),
        [[2 * Math.exp(-1), 3, 4, -Math.exp(-3)]],
        1e-15,
        `eluBackward(${show(dout)}) after eluForward(${show(x)})`,
      );
    });

    graded("eluBackward: gradient check at a seeded 6×5 input, α = 1 and α = 0.7", 2, () => {
      for (const alpha of [1, 0.7]) {
        const x = awayFromKink(21, 6, 5);
        const dout = rng(22).randn(6, 5);
        const { cache } = activations.eluForward(x, alpha);
        const dx = activations.eluBackward(dout, cache);
        expectBackwardMatches((m) => activations.eluForward(m, alpha).out, x, dout, dx, `eluBackward, α = ${alpha}`);
      }
    });
  });

  describe("deadUnitFraction", () => {
    graded("deadUnitFraction: the fraction of columns that are ≤ 0 for every row (known matrices)", 2, () => {
      const h = Matrix.from2D([
        [0, 1, 0, 0],
        [0, 0, 2, 0],
        [0, 0, 0, 0],
      ]);
      expectClose(activations.deadUnitFraction(h), 0.5, 1e-15, `deadUnitFraction(${show(h)})`);
      const a = Matrix.from2D([
        [-1, 0.5, -3],
        [-2, -1, -0.1],
      ]); // pre-activations: unit 1 is alive for the first example only
      expectClose(activations.deadUnitFraction(a), 2 / 3, 1e-15, `deadUnitFraction(${show(a)})`);
      expectClose(activations.deadUnitFraction(Matrix.ones(2, 3)), 0, 0, "deadUnitFraction(all ones)");
      expectClose(activations.deadUnitFraction(Matrix.zeros(5, 4)), 1, 0, "deadUnitFraction(all zeros)");
    });

    graded("deadUnitFraction: a ReLU layer whose biases are pushed to −10 is dead exactly where the bias is", 1, () => {
      // 200 unit-Gaussian inputs with 10 features; W small, so only the 3 units with bias −10 can never fire
      const x = rng(31).randn(200, 10);
      const W = rng(32).randn(10, 8, 0.1);
      const bias = [0, -10, 0, 0, -10, 0, -10, 0.01];
      const h = new Matrix(200, 8);
      for (let i = 0; i < 200; i++) {
        for (let j = 0; j < 8; j++) {
          let s = bias[j];
          for (let k = 0; k < 10; k++) s += x.get(i, k) * W.get(k, j);
          h.set(i, j, Math.max(0, s));
        }
      }
      expectClose(activations.deadUnitFraction(h), 3 / 8, 1e-15, "deadUnitFraction of ReLU(xW + b), 3 of 8 biases −10");
    });
  });

  describe("PReLU (α learned)", () => {
    const alpha = Matrix.from2D([[0.1, 0.25, 0.5]]);

    graded("preluForward: x for x > 0, α_j·x otherwise, one α per unit (column)", 1, () => {
      const x = Matrix.from2D([
        [-2, -2, -2],
        [3, 0, -4],
      ]);
      expectMatrixClose(
        activations.preluForward(x, alpha).out,
        [
          [-0.2, -0.5, -1],
          [3, 0, -2],
        ],
        1e-15,
        `preluForward(${show(x)}, α = ${show(alpha)})`,
      );
    });

    graded("preluBackward: dalpha on a hand-worked batch (the gradient that lets α be learned)", 2, () => {
      const x = Matrix.from2D([
        [-2, 1, -1],
        [3, -4, -0.5],
      ]);
      const dout = Matrix.from2D([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const { cache } = activations.preluForward(x, alpha);
      expectMatrixClose(
        activations.preluBackward(dout, cache).dalpha,
        [[-2, -20, -6]],
        1e-12,
        `preluBackward(${show(dout)}).dalpha after preluForward(${show(x)}, α = ${show(alpha)})`,
        [mistakes.preluAlphaGradientEverywhere([[10, -18, -6]]), mistakes.preluAlphaGradientNotSummed([[-1, -10, -3]])],
      );
    });

    graded("preluBackward: dx and dalpha match numerical gradients (seeded 6×4 input and α)", 3, () => {
      const x = awayFromKink(31, 6, 4);
      const a = rng(32).rand(1, 4, 0.2, 0.6);
      const dout = rng(35).randn(6, 4);
      const { dx, dalpha } = activations.preluBackward(dout, activations.preluForward(x, a).cache);
      expectBackwardMatches((m) => activations.preluForward(m, a).out, x, dout, dx, "preluBackward(…).dx");
      expectGradientClose(
        dalpha,
        numericGradientOfOutput((al) => activations.preluForward(x, al).out, a.clone(), dout),
        "preluBackward(…).dalpha",
        a,
      );
    });

    graded("preluForward: alpha of the wrong shape → CourseInputError", 1, () => {
      const x = Matrix.zeros(2, 3);
      expectThrowsNamed(
        () => activations.preluForward(x, Matrix.zeros(1, 2)),
        "CourseInputError",
        "preluForward(2×3 x, 1×2 α)",
      );
      expectMatrixClose(activations.preluForward(x, alpha).out, x.toArray(), 0, "preluForward(2×3 zeros, 1×3 α)");
    });
  });

  describe("Maxout", () => {
    graded("maxoutForward: the largest of each unit's k pieces (hand-worked, 2 units × 2 pieces)", 2, () => {
      const x = Matrix.from2D([
        [1, 2],
        [-1, 0.5],
      ]);
      // unit 0: pieces x₀ and x₁; unit 1: pieces x₀ + x₁ + 1 and −x₀
      const W = Matrix.from2D([
        [1, 0, 1, -1],
        [0, 1, 1, 0],
      ]);
      const b = Matrix.from2D([[0, 0, 1, 0]]);
      expectMatrixClose(
        activations.maxoutForward(x, W, b, 2).out,
        [
          [2, 4],
          [0.5, 1],
        ],
        1e-15,
        `maxoutForward(${show(x)}, W = ${show(W)}, b = ${show(b)}, 2 pieces)`,
      );
    });

    graded("maxoutBackward: dx, dW and db match numerical gradients (seeded 5×3 input, 2 units × 3 pieces)", 3, () => {
      const x = rng(41).randn(5, 3);
      const W = rng(42).randn(3, 6);
      const b = rng(43).randn(1, 6, 0.1);
      const dout = rng(44).randn(5, 2);
      const { cache } = activations.maxoutForward(x, W, b, 3);
      const { dx, dW, db } = activations.maxoutBackward(dout, cache);
      const toAll = allPiecesGradient(x, W, dout, 3);
      const hints = (g: number[][]) => [mistakes.maxoutGradientToEveryPiece(g)];
      const numDW = numericGradientOfOutput((m) => activations.maxoutForward(x, m, b, 3).out, W.clone(), dout);
      if (dW instanceof Matrix && !(relErr(dW, numDW) < 1e-7)) {
        expectMatrixClose(dW, numDW.toArray(), 1e-6, "maxoutBackward(…).dW vs the numerical gradient", hints(toAll.dW));
      }
      expectGradientClose(dW, numDW, "maxoutBackward(…).dW", W);
      expectGradientClose(
        dx,
        numericGradientOfOutput((m) => activations.maxoutForward(m, W, b, 3).out, x.clone(), dout),
        "maxoutBackward(…).dx",
        x,
      );
      expectGradientClose(
        db,
        numericGradientOfOutput((m) => activations.maxoutForward(x, W, m, 3).out, b.clone(), dout),
        "maxoutBackward(…).db",
        b,
      );
    });

    graded("maxoutForward: k must divide W's columns; wrong shapes → CourseInputError", 1, () => {
      const x = Matrix.zeros(2, 3);
      expectThrowsNamed(
        () => activations.maxoutForward(x, Matrix.zeros(3, 5), Matrix.zeros(1, 5), 2),
        "CourseInputError",
        "maxoutForward(2×3 x, 3×5 W, 1×5 b, 2 pieces)",
      );
      expectThrowsNamed(
        () => activations.maxoutForward(x, Matrix.zeros(2, 4), Matrix.zeros(1, 4), 2),
        "CourseInputError",
        "maxoutForward(2×3 x, 2×4 W, 1×4 b, 2 pieces)",
      );
      expectMatrixClose(
        activations.maxoutForward(x, Matrix.zeros(3, 4), Matrix.zeros(1, 4), 2).out,
        [
          [0, 0],
          [0, 0],
        ],
        0,
        "maxoutForward(2×3 zeros, 3×4 zeros, 1×4 zeros, 2 pieces)",
      );
    });
  });
});

/** The relative error used by the gradient checks (max over elements), for deciding whether to look for a hint. */
function relErr(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    const s = Math.max(Math.abs(a.data[i]), Math.abs(b.data[i]));
    if (s > 0) worst = Math.max(worst, d / s);
  }
  return a.size === b.size ? worst : Infinity;
}

/** The mistaken Maxout gradients that send dout to every piece of a unit, not only to the winner. */
function allPiecesGradient(x: Matrix, W: Matrix, dout: Matrix, k: number): { dW: number[][] } {
  const dW = Matrix.zeros(W.rows, W.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let c = 0; c < W.cols; c++) {
      const g = dout.get(i, Math.floor(c / k));
      for (let d = 0; d < x.cols; d++) dW.set(d, c, dW.get(d, c) + x.get(i, d) * g);
    }
  }
  return { dW: dW.toArray() };
}
