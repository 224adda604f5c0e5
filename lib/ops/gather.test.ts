import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { argmax } from "./reduce";
import { oneHot, sliceRows } from "./gather";

describe("sliceRows", () => {
  const X = Matrix.from2D([
    [0, 0],
    [1, 10],
    [2, 20],
  ]);

  it("gathers rows in the given order, repeats allowed", () => {
    expect(sliceRows(X, [2, 0, 2]).toArray()).to.deep.equal([
      [2, 20],
      [0, 0],
      [2, 20],
    ]);
    expect(sliceRows(X, []).shape).to.deep.equal([0, 2]);
  });

  it("copies: changing the batch does not change the data set", () => {
    const batch = sliceRows(X, [1]);
    batch.set(0, 0, 99);
    expect(X.get(1, 0)).to.equal(1);
  });

  it("explains an index out of range", () => {
    expect(() => sliceRows(X, [0, 3])).to.throw(
      CourseInputError,
      "sliceRows: indices[1] = 3 is not a row of a 3×2 matrix (valid rows are 0 to 2).",
    );
    expect(() => sliceRows(X, [0.5])).to.throw(CourseInputError);
  });
});

describe("oneHot", () => {
  it("puts a 1 in each label's column", () => {
    expect(oneHot([2, 0, 1], 3).toArray()).to.deep.equal([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it("is undone by argmax", () => {
    const labels = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(argmax(oneHot(labels, 10))).to.deep.equal(labels);
  });

  it("explains a label outside 0..numClasses−1", () => {
    expect(() => oneHot([0, 3], 3)).to.throw(CourseInputError, /labels\[1\] = 3 is not a class index/);
    expect(() => oneHot([0], 0)).to.throw(CourseInputError, /numClasses must be a whole number ≥ 1/);
  });
});
