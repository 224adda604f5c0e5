import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { argmax, max, mean, min, sum, variance } from "./reduce";

const a = Matrix.from2D([
  [1, 2, 3],
  [4, 5, 6],
]);

describe("reductions", () => {
  it("sum over everything and along each axis", () => {
    const total: number = sum(a); // the overloads give a number without an axis...
    const rows: Matrix = sum(a, 0); // ...and a Matrix with one
    expect(total).to.equal(21);
    expect(rows.toArray()).to.deep.equal([[5, 7, 9]]);
    expect(sum(a, 1).toArray()).to.deep.equal([[6], [15]]);
    expect(sum(new Matrix(0, 3))).to.equal(0);
    expect(sum(new Matrix(0, 3), 0).toArray()).to.deep.equal([[0, 0, 0]]);
  });

  it("mean over everything and along each axis", () => {
    expect(mean(a)).to.equal(3.5);
    expect(mean(a, 0).toArray()).to.deep.equal([[2.5, 3.5, 4.5]]);
    expect(mean(a, 1).toArray()).to.deep.equal([[2], [5]]);
  });

  it("variance is the population variance (divides by N)", () => {
    // the textbook set: mean 5, squared deviations sum to 32, N = 8
    expect(variance(Matrix.rowVector([2, 4, 4, 4, 5, 5, 7, 9]))).to.equal(4);
    expect(variance(a, 0).toArray()).to.deep.equal([[2.25, 2.25, 2.25]]);
    expect(variance(a, 1).toArray()).to.deep.equal([[2 / 3], [2 / 3]]);
    expect(variance(Matrix.full(3, 3, 7))).to.equal(0);
  });

  it("variance stays accurate for a large offset (two-pass formula)", () => {
    expect(variance(Matrix.rowVector([1e9 + 1, 1e9 + 2, 1e9 + 3]))).to.be.closeTo(2 / 3, 1e-9);
  });

  it("variance agrees with mean((x − mean)²) on random data", () => {
    const x = rng(3).randn(50, 4, 2, 1);
    const mu = mean(x);
    let s = 0;
    for (const xi of x.data) s += (xi - mu) ** 2;
    expect(variance(x)).to.be.closeTo(s / x.size, 1e-12);
  });

  it("max and min over everything and along each axis", () => {
    const b = Matrix.from2D([
      [3, -1, 7],
      [5, 2, -4],
    ]);
    expect(max(b)).to.equal(7);
    expect(min(b)).to.equal(-4);
    expect(max(b, 0).toArray()).to.deep.equal([[5, 2, 7]]);
    expect(max(b, 1).toArray()).to.deep.equal([[7], [5]]);
    expect(min(b, 0).toArray()).to.deep.equal([[3, -1, -4]]);
    expect(min(b, 1).toArray()).to.deep.equal([[-1], [-4]]);
    expect(max(Matrix.rowVector([-Infinity, -Infinity]))).to.equal(-Infinity);
  });

  it("max and min pass a NaN through instead of hiding it", () => {
    expect(Number.isNaN(max(Matrix.rowVector([1, NaN, 3])))).to.equal(true);
    expect(Number.isNaN(min(Matrix.rowVector([NaN, 1])))).to.equal(true);
  });

  it("argmax per row by default, per column with axis 0, first index on ties", () => {
    const scores = Matrix.from2D([
      [0.1, 2.0, 0.3],
      [5.0, 1.0, 5.0],
    ]);
    expect(argmax(scores)).to.deep.equal([1, 0]);
    expect(argmax(scores, 1)).to.deep.equal([1, 0]);
    expect(argmax(scores, 0)).to.deep.equal([1, 0, 1]);
  });

  it("explain an empty input and a bad axis", () => {
    expect(() => mean(new Matrix(0, 0))).to.throw(CourseInputError, /nothing to reduce over/);
    expect(() => max(new Matrix(2, 0), 1)).to.throw(CourseInputError, /nothing to reduce over/);
    expect(() => sum(a, 2 as 0)).to.throw(CourseInputError, /axis must be 0 .* or 1/);
    expect(() => argmax(a, -1 as 1)).to.throw(CourseInputError, /axis must be 0/);
  });
});
