import { expect } from "chai";
import { CourseInputError } from "./errors";
import { numericGradient, numericGradientOfOutput, relativeError } from "./gradcheck";
import { Matrix } from "./matrix";
import { abs, matmul, maximum, scale, sign, square, sum, transpose } from "./ops";
import { rng } from "./random";

describe("numericGradient", () => {
  it("of sum(x²) equals 2x with relative error < 1e-7", () => {
    const x = rng(0).randn(4, 3);
    const num = numericGradient((m) => sum(square(m)), x);
    expect(relativeError(num, scale(x, 2))).to.be.lessThan(1e-7);
  });

  it("of the linear score sum(W x) matches the hand-derived gradient", () => {
    const r = rng(1);
    const W = r.randn(3, 5);
    const X = r.randn(5, 2);
    // ∂/∂W Σ (W X) = 1 · Xᵀ (a 3×2 matrix of ones times Xᵀ)
    const num = numericGradient((w) => sum(matmul(w, X)), W);
    expect(relativeError(num, matmul(Matrix.ones(3, 2), transpose(X)))).to.be.lessThan(1e-7);
  });

  it("restores every element of x exactly", () => {
    const x = rng(2).randn(3, 3);
    const before = x.data.slice();
    numericGradient((m) => sum(square(m)) * 1e3, x, 1e-3);
    expect(x.data).to.deep.equal(before);
  });

  it("restores x even when f throws", () => {
    const x = Matrix.rowVector([0.1, 0.2]);
    expect(() =>
      numericGradient(() => {
        throw new Error("boom");
      }, x),
    ).to.throw("boom");
    expect(Array.from(x.data)).to.deep.equal([0.1, 0.2]);
  });

  it("near a kink of |x| disagrees with the analytic gradient (a large relative error)", () => {
    const x = Matrix.rowVector([1e-6, 0.5, -0.3]); // the first element is within h of the kink at 0
    const num = numericGradient((m) => sum(abs(m)), x);
    // the centred difference straddles 0: (|x+h| − |x−h|) / 2h = x/h = 0.1 instead of sign(x) = 1
    expect(num.data[0]).to.be.closeTo(0.1, 1e-6);
    expect(relativeError(num, sign(x))).to.be.greaterThan(1e-2);
  });

  it("rejects a non-positive step and a function that returns a Matrix", () => {
    const x = Matrix.rowVector([1]);
    expect(() => numericGradient((m) => sum(m), x, 0)).to.throw(CourseInputError, /positive number/);
    expect(() => numericGradient((m) => m as unknown as number, x)).to.throw(
      CourseInputError,
      /numericGradientOfOutput/,
    );
  });
});

describe("numericGradientOfOutput", () => {
  it("of ReLU passes dout through where x > 0", () => {
    const x = Matrix.rowVector([1, -2, 3, -0.5]);
    const dout = Matrix.rowVector([0.1, 0.2, 0.3, 0.4]);
    const num = numericGradientOfOutput((m) => maximum(m, 0), x, dout);
    expect(relativeError(num, Matrix.rowVector([0.1, 0, 0.3, 0]))).to.be.lessThan(1e-7);
  });

  it("of an affine layer X·W checks dX = dout·Wᵀ", () => {
    const r = rng(3);
    const X = r.randn(4, 3);
    const W = r.randn(3, 2);
    const dout = r.randn(4, 2);
    const num = numericGradientOfOutput((x) => matmul(x, W), X, dout);
    expect(relativeError(num, matmul(dout, transpose(W)))).to.be.lessThan(1e-7);
  });

  it("explains a dout of the wrong shape", () => {
    const x = Matrix.rowVector([1, 2]);
    expect(() => numericGradientOfOutput((m) => m, x, Matrix.colVector([1, 2]))).to.throw(
      CourseInputError,
      "numericGradientOfOutput: f(x) is 1×2 but dout is 2×1",
    );
  });
});

describe("relativeError", () => {
  it("follows max |a−b| / max(1e-8, |a|+|b|)", () => {
    expect(relativeError(1, 1)).to.equal(0);
    expect(relativeError(1, 3)).to.equal(0.5);
    expect(relativeError(0, 0)).to.equal(0);
    expect(relativeError(0, 1e-10)).to.be.closeTo(1e-2, 1e-12); // the 1e-8 floor
    expect(relativeError(Matrix.rowVector([1, 2]), Matrix.rowVector([1, 2.2]))).to.be.closeTo(0.2 / 4.2, 1e-15);
    expect(relativeError(Matrix.full(1, 1, 2), 2)).to.equal(0);
  });

  it("is NaN when either side has a NaN, so a check against a tolerance fails", () => {
    expect(Number.isNaN(relativeError(Matrix.rowVector([1, NaN]), Matrix.rowVector([1, 1])))).to.equal(true);
  });

  it("explains a shape mismatch", () => {
    expect(() => relativeError(Matrix.rowVector([1, 2]), Matrix.colVector([1, 2]))).to.throw(
      CourseInputError,
      "relativeError: a is 1×2 but b is 2×1",
    );
    expect(() => relativeError(Matrix.rowVector([1, 2]), 1)).to.throw(CourseInputError, /a is 1×2 but b is number/);
  });
});
