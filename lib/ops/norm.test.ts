import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { dot, norm } from "./norm";

describe("norm and dot", () => {
  it("norm is the Frobenius norm", () => {
    expect(norm(Matrix.rowVector([3, 4]))).to.equal(5);
    expect(
      norm(
        Matrix.from2D([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).to.equal(5);
    expect(norm(new Matrix(2, 2))).to.equal(0);
  });

  it("dot sums elementwise products, and dot(a, a) = norm(a)²", () => {
    expect(dot(Matrix.rowVector([1, 2, 3]), Matrix.rowVector([4, 5, 6]))).to.equal(32);
    const a = Matrix.from2D([
      [1, -2],
      [3, 0.5],
    ]);
    expect(dot(a, a)).to.be.closeTo(norm(a) ** 2, 1e-12);
  });

  it("dot explains a shape mismatch", () => {
    expect(() => dot(Matrix.rowVector([1, 2]), Matrix.colVector([1, 2]))).to.throw(
      CourseInputError,
      "dot: a is 1×2 but b is 2×1; they must have the same shape.",
    );
  });
});
