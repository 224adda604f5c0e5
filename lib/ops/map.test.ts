import { expect } from "chai";
import { Matrix } from "../matrix";
import { map } from "./map";

describe("map", () => {
  it("applies f to each element with its row and column", () => {
    const a = Matrix.from2D([
      [1, 2],
      [3, 4],
    ]);
    expect(map(a, (x, i, j) => x * 100 + i * 10 + j).toArray()).to.deep.equal([
      [100, 201],
      [310, 411],
    ]);
  });

  it("returns a new matrix of the same shape and leaves the input alone", () => {
    const a = Matrix.rowVector([1, 2, 3]);
    const out = map(a, (x) => -x);
    expect(out.shape).to.deep.equal([1, 3]);
    expect(a.toArray()).to.deep.equal([[1, 2, 3]]);
    expect(out.toArray()).to.deep.equal([[-1, -2, -3]]);
  });
});
