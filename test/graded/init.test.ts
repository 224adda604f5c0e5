/**
 * Graded tests for exercises/init.ts: Xavier and He initialisers, normal and uniform.
 *
 * Statistical checks on large draws (≥ 200 000 weights): the sample variance of n normal draws has a relative
 * standard deviation of √(2/n) ≈ 0.3 %, so a 3 % tolerance never fails a right answer and still catches a wrong
 * formula (1/fanOut for 1/fanIn, σ for σ², a missing factor 2, …). Uniform draws must also stay inside ±b.
 */
import { expect } from "chai";
import { init } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { matmul } from "../../lib/ops";
import { graded, expectThrowsNamed, expectMatrixClose, mistakes } from "./graded";

/** Mean, variance (1/n), largest |w| of all elements. */
function stats(W: Matrix): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  let maxAbs = 0;
  for (const v of W.data) {
    s += v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = s / W.size;
  let sq = 0;
  for (const v of W.data) sq += (v - mean) ** 2;
  return { mean, variance: sq / W.size, maxAbs };
}

/** The fraction of elements in [lo, hi). */
function fractionIn(W: Matrix, lo: number, hi: number): number {
  let k = 0;
  for (const v of W.data) if (v >= lo && v < hi) k++;
  return k / W.size;
}

function expectShape(W: unknown, rows: number, cols: number, what: string): Matrix {
  if (!(W instanceof Matrix)) expect.fail(`${what}: expected a Matrix, got ${String(W)}`);
  const m = W as Matrix;
  expect(m.shape, `${what}: expected a ${rows}×${cols} matrix (fanIn × fanOut), got ${m.rows}×${m.cols}`).to.deep.equal(
    [rows, cols],
  );
  return m;
}

/** Fails unless the variance is within 3 % of `expected` and the mean is within 1 % of the standard deviation of 0. */
function expectMoments(W: Matrix, expectedVar: number, what: string): void {
  const { mean, variance } = stats(W);
  const relErr = Math.abs(variance - expectedVar) / expectedVar;
  if (!(relErr < 0.03)) {
    expect.fail(`${what}: variance of the weights expected ${expectedVar} (± 3 %), got ${variance}`);
  }
  if (!(Math.abs(mean) < 0.01 * Math.sqrt(expectedVar))) {
    expect.fail(`${what}: mean of the weights expected 0 (± ${0.01 * Math.sqrt(expectedVar)}), got ${mean}`);
  }
}

/** Fails unless every |w| ≤ b, the largest is close to b, and the quarters [−b, −b/2), …, [b/2, b] hold ≈ 25 % each. */
function expectUniform(W: Matrix, b: number, what: string): void {
  const { maxAbs } = stats(W);
  if (!(maxAbs <= b)) expect.fail(`${what}: every weight must lie in [−b, b] with b = ${b}, got max |w| = ${maxAbs}`);
  if (!(maxAbs > 0.99 * b))
    expect.fail(`${what}: max |w| should come close to b = ${b} on a large draw, got ${maxAbs}`);
  const quarters = [-b, -b / 2, 0, b / 2, b + 1e-12];
  for (let q = 0; q < 4; q++) {
    const f = fractionIn(W, quarters[q], quarters[q + 1]);
    if (!(Math.abs(f - 0.25) < 0.01)) {
      expect.fail(
        `${what}: a uniform draw puts 25 % (± 1 %) of the weights in [${quarters[q]}, ${quarters[q + 1]}), got ${(100 * f).toFixed(2)} %`,
      );
    }
  }
}

describe("graded: init", () => {
  graded("xavierNormal(500, 400, seed): fanIn×fanOut, mean 0, Var(w) = 1/fanIn = 0.002", 2, () => {
    const W = expectShape(init.xavierNormal(500, 400, 1), 500, 400, "xavierNormal(500, 400, 1)");
    expectMoments(W, 1 / 500, "xavierNormal(500, 400, 1)");
    // normal, not uniform: about 68.3 % of normal draws lie within one standard deviation (58 % for a uniform)
    const sd = Math.sqrt(1 / 500);
    const within = fractionIn(W, -sd, sd);
    if (!(Math.abs(within - 0.6827) < 0.01)) {
      expect.fail(`xavierNormal(500, 400, 1): a normal draw has 68.3 % within ±σ, got ${(100 * within).toFixed(2)} %`);
    }
  });

  graded("xavierNormal: Var(w) depends on fanIn only (1000×200 → 0.001, 200×1000 → 0.005)", 1, () => {
    expectMoments(
      expectShape(init.xavierNormal(1000, 200, 2), 1000, 200, "xavierNormal(1000, 200, 2)"),
      1 / 1000,
      "xavierNormal(1000, 200, 2)",
    );
    expectMoments(
      expectShape(init.xavierNormal(200, 1000, 3), 200, 1000, "xavierNormal(200, 1000, 3)"),
      1 / 200,
      "xavierNormal(200, 1000, 3)",
    );
  });

  graded(
    "xavierUniform(300, 700, seed): U[−b, b], b = √6/√(fanIn + fanOut) = 0.07746, Var(w) = 2/(fanIn + fanOut)",
    2,
    () => {
      const W = expectShape(init.xavierUniform(300, 700, 4), 300, 700, "xavierUniform(300, 700, 4)");
      const b = Math.sqrt(6) / Math.sqrt(1000);
      expectUniform(W, b, "xavierUniform(300, 700, 4)");
      expectMoments(W, 2 / 1000, "xavierUniform(300, 700, 4)");
    },
  );

  graded("heNormal(500, 400, seed): mean 0, Var(w) = 2/fanIn = 0.004 (the lecture's Xavier/2)", 2, () => {
    const W = expectShape(init.heNormal(500, 400, 5), 500, 400, "heNormal(500, 400, 5)");
    expectMoments(W, 2 / 500, "heNormal(500, 400, 5)");
    expectMoments(
      expectShape(init.heNormal(100, 3000, 6), 100, 3000, "heNormal(100, 3000, 6)"),
      2 / 100,
      "heNormal(100, 3000, 6)",
    );
  });

  graded("heUniform(600, 400, seed): U[−b, b], b = √(6/fanIn) = 0.1, Var(w) = 2/fanIn", 2, () => {
    const W = expectShape(init.heUniform(600, 400, 7), 600, 400, "heUniform(600, 400, 7)");
    expectUniform(W, 0.1, "heUniform(600, 400, 7)");
    expectMoments(W, 2 / 600, "heUniform(600, 400, 7)");
  });

  graded("every initialiser is reproducible: the same seed gives the same weights, another seed others", 1, () => {
    const fns = {
      xavierNormal: init.xavierNormal,
      xavierUniform: init.xavierUniform,
      heNormal: init.heNormal,
      heUniform: init.heUniform,
    };
    for (const [name, f] of Object.entries(fns)) {
      const a = f(20, 30, 42);
      const b = f(20, 30, 42);
      const c = f(20, 30, 43);
      expect(Array.from(b.data), `${name}(20, 30, 42) twice: the same seed must give the same weights`).to.deep.equal(
        Array.from(a.data),
      );
      expect(
        Array.from(c.data),
        `${name}(20, 30, 43) vs seed 42: another seed must give other weights`,
      ).not.to.deep.equal(Array.from(a.data));
    }
  });

  graded("initialisers reject fanIn = 0 and non-integer sizes with a CourseInputError (and work for 1×1)", 1, () => {
    expectShape(init.heNormal(1, 1, 0), 1, 1, "heNormal(1, 1, 0)");
    expectThrowsNamed(() => init.xavierNormal(0, 10, 0), "CourseInputError", "xavierNormal(0, 10, 0)");
    expectThrowsNamed(() => init.heUniform(10.5, 10, 0), "CourseInputError", "heUniform(10.5, 10, 0)");
  });

  describe("the Xavier variance argument: preactivationVariances", () => {
    /** The predictions as a 1×depth row, for expectMatrixClose and its hints; a non-array is passed on as it is. */
    const asRow = (v: unknown): unknown => (Array.isArray(v) ? Matrix.from2D([v as number[]]) : v);

    graded(
      "preactivationVariances: fanIn 10, weight std 0.5, input variance 2, three layers, linear and ReLU",
      3,
      () => {
        const linear = init.preactivationVariances(2, 10, 0.5, 3, "linear");
        expectMatrixClose(asRow(linear), [[5, 12.5, 31.25]], 1e-9, 'preactivationVariances(2, 10, 0.5, 3, "linear")', [
          mistakes.stdInsteadOfVariance([[10, 50, 250]]),
        ]);
        const relu = init.preactivationVariances(2, 10, 0.5, 3, "relu");
        expectMatrixClose(asRow(relu), [[5, 6.25, 7.8125]], 1e-9, 'preactivationVariances(2, 10, 0.5, 3, "relu")', [
          mistakes.reluHalfForgotten([[5, 12.5, 31.25]]),
          mistakes.stdInsteadOfVariance([[10, 25, 62.5]]),
        ]);
      },
    );

    graded(
      "preactivationVariances agrees with a measured 4-layer ReLU net (1000 unit-Gaussian inputs, 200 units, std 0.07)",
      2,
      () => {
        const std = 0.07;
        const predicted = init.preactivationVariances(1, 200, std, 4, "relu");
        let h = rng(7).randn(1000, 200);
        const measured: number[] = [];
        for (let k = 0; k < 4; k++) {
          const a = matmul(h, rng(100 + k).randn(200, 200, std));
          let sq = 0;
          for (const v of a.data) sq += v * v;
          measured.push(sq / a.size);
          h = new Matrix(
            a.rows,
            a.cols,
            a.data.map((v) => Math.max(0, v)),
          );
        }
        expectMatrixClose(
          asRow(predicted),
          [measured.map((m) => m)],
          0.08 * Math.max(...measured),
          `preactivationVariances(1, 200, ${std}, 4, "relu") vs the variances measured layer by layer (${measured.map((m) => m.toFixed(4)).join(", ")})`,
        );
      },
    );

    graded("preactivationVariances: depth 0, fanIn 0 or an unknown activation → CourseInputError", 1, () => {
      const one = init.preactivationVariances(1, 1, 1, 1, "linear");
      expectMatrixClose(asRow(one), [[1]], 1e-12, 'preactivationVariances(1, 1, 1, 1, "linear")');
      expectThrowsNamed(() => init.preactivationVariances(1, 10, 0.1, 0, "relu"), "CourseInputError", "depth 0");
      expectThrowsNamed(() => init.preactivationVariances(1, 0, 0.1, 3, "relu"), "CourseInputError", "fanIn 0");
      expectThrowsNamed(
        () => init.preactivationVariances(1, 10, 0.1, 3, "tanh" as "relu"),
        "CourseInputError",
        'activation "tanh"',
      );
    });
  });
});
