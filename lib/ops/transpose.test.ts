import { expect } from "chai";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { matmul } from "./matmul";
import { transpose } from "./transpose";

describe("transpose", () => {
  it("swaps rows and columns", () => {
    const a = Matrix.from2D([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(transpose(a).toArray()).to.deep.equal([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(transpose(Matrix.rowVector([1, 2])).shape).to.deep.equal([2, 1]);
  });

  it("twice gives back the original matrix", () => {
    const a = rng(7).randn(5, 3);
    const back = transpose(transpose(a));
    expect(back.shape).to.deep.equal([5, 3]);
    expect(back.data).to.deep.equal(a.data);
  });

  it("reverses a product: (ab)ᵀ = bᵀaᵀ", () => {
    const r = rng(8);
    const a = r.randn(2, 3);
    const b = r.randn(3, 4);
    // the same multiplications and additions in the same order, so exactly equal
    expect(transpose(matmul(a, b)).data).to.deep.equal(matmul(transpose(b), transpose(a)).data);
  });
});
