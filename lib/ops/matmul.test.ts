import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { allClose } from "./allclose";
import { matmul } from "./matmul";

describe("matmul", () => {
  it("multiplies small matrices computed by hand", () => {
    const a = Matrix.from2D([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = Matrix.from2D([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    // [1·7+2·9+3·11, 1·8+2·10+3·12] = [58, 64]; [4·7+5·9+6·11, 4·8+5·10+6·12] = [139, 154]
    expect(matmul(a, b).toArray()).to.deep.equal([
      [58, 64],
      [139, 154],
    ]);
    expect(matmul(a, b).shape).to.deep.equal([2, 2]);
  });

  it("gives an outer product for a column times a row and an inner product for a row times a column", () => {
    const col = Matrix.colVector([1, 2]);
    const row = Matrix.rowVector([3, 4]);
    expect(matmul(col, row).toArray()).to.deep.equal([
      [3, 4],
      [6, 8],
    ]);
    expect(matmul(row, col).toArray()).to.deep.equal([[11]]);
  });

  it("leaves a matrix unchanged when multiplied by the identity on either side", () => {
    const a = rng(1).randn(3, 4);
    expect(matmul(Matrix.identity(3), a).data).to.deep.equal(a.data);
    expect(matmul(a, Matrix.identity(4)).data).to.deep.equal(a.data);
  });

  it("is associative up to rounding: (ab)c ≈ a(bc)", () => {
    const r = rng("assoc");
    const a = r.randn(4, 5);
    const b = r.randn(5, 3);
    const c = r.randn(3, 6);
    const left = matmul(matmul(a, b), c);
    const right = matmul(a, matmul(b, c));
    expect(left.shape).to.deep.equal([4, 6]);
    expect(allClose(left, right, 1e-12, 1e-12)).to.equal(true);
  });

  it("handles inner dimension 0 (gives zeros) and propagates NaN and Infinity", () => {
    expect(matmul(new Matrix(2, 0), new Matrix(0, 3)).toArray()).to.deep.equal([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const out = matmul(Matrix.rowVector([0, 1]), Matrix.colVector([Infinity, 1]));
    expect(Number.isNaN(out.get(0, 0))).to.equal(true); // 0·∞ is NaN, as in IEEE arithmetic
  });

  it("explains a shape mismatch", () => {
    expect(() => matmul(new Matrix(2, 3), new Matrix(4, 5))).to.throw(
      CourseInputError,
      "cannot multiply 2×3 by 4×5: a.cols must equal b.rows",
    );
  });
});
