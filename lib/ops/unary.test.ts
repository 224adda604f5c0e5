import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { add, mul, sub } from "./arithmetic";
import { map } from "./map";
import { abs, clip, exp, log, maximum, scale, sign, sqrt, square } from "./unary";

const v = (...xs: number[]) => Matrix.rowVector(xs);

describe("elementwise functions", () => {
  it("scale multiplies by a number", () => {
    expect(scale(v(1, -2, 0.5), -2).toArray()).to.deep.equal([[-2, 4, -1]]);
    expect(() => scale(v(1), v(2) as unknown as number)).to.throw(CourseInputError, /use mul\(a, b\)/);
  });

  it("exp and log are inverses and have the known values", () => {
    expect(exp(v(0, 1)).toArray()).to.deep.equal([[1, Math.E]]);
    expect(log(v(1, Math.E, 0)).toArray()).to.deep.equal([[0, 1, -Infinity]]);
    const x = v(-3, 0.25, 10);
    const back = log(exp(x)).data;
    x.data.forEach((xi, k) => expect(back[k]).to.be.closeTo(xi, 1e-14));
  });

  it("abs, sign, square and sqrt", () => {
    expect(abs(v(-2, 0, 3)).toArray()).to.deep.equal([[2, 0, 3]]);
    const s = sign(v(-2, -0, 0, 3));
    expect(s.toArray()).to.deep.equal([[-1, 0, 0, 1]]);
    expect(Object.is(s.data[1], -0)).to.equal(false);
    expect(square(v(-3, 0.5)).toArray()).to.deep.equal([[9, 0.25]]);
    expect(sqrt(v(9, 0.25, 0)).toArray()).to.deep.equal([[3, 0.5, 0]]);
    expect(Number.isNaN(sqrt(v(-1)).data[0])).to.equal(true);
  });

  it("maximum with 0 is the ReLU and keeps NaN visible", () => {
    expect(maximum(v(-1, 0, 2.5), 0).toArray()).to.deep.equal([[0, 0, 2.5]]);
    expect(maximum(v(-1, 3), 1).toArray()).to.deep.equal([[1, 3]]);
    expect(Number.isNaN(maximum(v(NaN), 0).data[0])).to.equal(true);
  });

  it("clip limits to [lo, hi] and rejects lo > hi", () => {
    expect(clip(v(-5, -1, 0.3, 1, 5), -1, 1).toArray()).to.deep.equal([[-1, -1, 0.3, 1, 1]]);
    expect(() => clip(v(0), 1, -1)).to.throw(CourseInputError, "clip: lo must be ≤ hi, got lo = 1, hi = -1.");
  });

  it("keep the shape", () => {
    const a = new Matrix(3, 2);
    for (const f of [exp, abs, sign, square, sqrt]) expect(f(a).shape).to.deep.equal([3, 2]);
  });
});

describe("elementwise ops into out", () => {
  it("write into out (or a itself) and give the same numbers as without it", () => {
    const a = Matrix.from2D([
      [-1, 2],
      [3, -4],
    ]);
    const out = Matrix.full(2, 2, 9);
    expect(scale(a, 2, out)).to.equal(out);
    expect(out.toArray()).to.deep.equal([
      [-2, 4],
      [6, -8],
    ]);
    expect(maximum(a, 0, out).toArray()).to.deep.equal([
      [0, 2],
      [3, 0],
    ]);
    expect(add(a, Matrix.rowVector([10, 20]), out).toArray()).to.deep.equal([
      [9, 22],
      [13, 16],
    ]);
    expect(exp(a, out).data).to.deep.equal(exp(a).data);
    expect(map(a, (x, i) => x + i, out).toArray()).to.deep.equal([
      [-1, 2],
      [4, -3],
    ]);
    const b = a.clone();
    expect(sub(b, 1, b)).to.equal(b); // in place
    expect(b.toArray()).to.deep.equal([
      [-2, 1],
      [2, -5],
    ]);
  });

  it("rejects an out whose shape is not a's", () => {
    expect(() => scale(Matrix.ones(2, 2), 2, Matrix.zeros(2, 3))).to.throw(
      CourseInputError,
      /out is 2×3 but the result is 2×2/,
    );
    expect(() => mul(Matrix.ones(1, 2), Matrix.ones(1, 2), Matrix.zeros(2, 1))).to.throw(
      CourseInputError,
      /out is 2×1/,
    );
  });
});
