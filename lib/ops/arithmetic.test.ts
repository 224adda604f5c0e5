import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { add, div, mul, sub } from "./arithmetic";

const x = Matrix.from2D([
  [1, 2, 3],
  [4, 5, 6],
]);

describe("add, sub, mul, div", () => {
  it("work elementwise on matrices of the same shape", () => {
    const y = Matrix.from2D([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect(add(x, y).toArray()).to.deep.equal([
      [7, 7, 7],
      [7, 7, 7],
    ]);
    expect(sub(x, y).toArray()).to.deep.equal([
      [-5, -3, -1],
      [1, 3, 5],
    ]);
    expect(mul(x, y).toArray()).to.deep.equal([
      [6, 10, 12],
      [12, 10, 6],
    ]);
    expect(div(x, y).toArray()).to.deep.equal([
      [1 / 6, 2 / 5, 3 / 4],
      [4 / 3, 5 / 2, 6],
    ]);
  });

  it("broadcast a 1×cols row vector over the rows", () => {
    const b = Matrix.rowVector([10, 20, 30]);
    expect(add(x, b).toArray()).to.deep.equal([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(div(x, b).toArray()).to.deep.equal([
      [0.1, 0.1, 0.1],
      [0.4, 0.25, 0.2],
    ]);
  });

  it("broadcast a rows×1 column vector over the columns", () => {
    const b = Matrix.colVector([1, 4]);
    expect(sub(x, b).toArray()).to.deep.equal([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(mul(x, b).toArray()).to.deep.equal([
      [1, 2, 3],
      [16, 20, 24],
    ]);
  });

  it("accept a number or a 1×1 matrix as a scalar", () => {
    expect(mul(x, 2).toArray()).to.deep.equal([
      [2, 4, 6],
      [8, 10, 12],
    ]);
    expect(sub(x, Matrix.full(1, 1, 1)).toArray()).to.deep.equal([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("keep a's shape and do not change their inputs", () => {
    const before = x.data.slice();
    const out = add(x, Matrix.rowVector([1, 1, 1]));
    expect(out.shape).to.deep.equal([2, 3]);
    expect(x.data).to.deep.equal(before);
  });

  it("explain a shape that cannot be broadcast", () => {
    expect(() => add(x, Matrix.rowVector([1, 2]))).to.throw(
      CourseInputError,
      "add: cannot broadcast b (1×2) to a (2×3). b must be a 2×3 matrix, a 1×3 row vector, a 2×1 column vector, or a number",
    );
    expect(() => mul(x, new Matrix(3, 2))).to.throw(CourseInputError, /looks transposed/);
    expect(() => div(x, [1, 2, 3] as unknown as Matrix)).to.throw(CourseInputError, /b must be a Matrix, got an array/);
  });
});
