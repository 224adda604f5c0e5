import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { hstack, vstack } from "./stack";

describe("hstack and vstack", () => {
  const a = Matrix.from2D([
    [1, 2],
    [3, 4],
  ]);

  it("hstack joins side by side", () => {
    expect(hstack([a, Matrix.colVector([5, 6])]).toArray()).to.deep.equal([
      [1, 2, 5],
      [3, 4, 6],
    ]);
    expect(hstack([a]).toArray()).to.deep.equal(a.toArray());
  });

  it("vstack joins one above the other", () => {
    expect(vstack([a, Matrix.rowVector([5, 6]), new Matrix(0, 2)]).toArray()).to.deep.equal([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it("explain mismatched sizes and an empty list", () => {
    expect(() => hstack([a, Matrix.rowVector([1, 2])])).to.throw(
      CourseInputError,
      "hstack: all matrices need the same number of rows, but ms[0] is 2×2 and ms[1] is 1×2.",
    );
    expect(() => vstack([a, Matrix.colVector([1, 2])])).to.throw(CourseInputError, /same number of columns/);
    expect(() => vstack([])).to.throw(CourseInputError, /non-empty array/);
  });
});
