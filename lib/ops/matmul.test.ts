import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { allClose } from "./allclose";
import { matmul, matmulReference } from "./matmul";
import { matmulHelperReady } from "./matmul-kernel";

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

  describe("fast path", () => {
    // shapes around the register tile (4×4), the k block (256) and the column block (64 panels), odd on purpose
    const shapes: [number, number, number][] = [
      [1, 1000, 1],
      [7, 3, 300],
      [33, 17, 29],
      [64, 64, 64],
      [130, 257, 67],
      [3, 513, 270],
    ];
    for (const [n, k, m] of shapes) {
      it(`equals matmulReference to rounding for ${n}×${k} · ${k}×${m}`, () => {
        const r = rng(`fast ${n} ${k} ${m}`);
        const a = r.randn(n, k);
        const b = r.randn(k, m);
        const fast = matmul(a, b);
        const reference = matmulReference(a, b);
        expect(fast.shape).to.deep.equal([n, m]);
        expect(allClose(fast, reference, 1e-12, 1e-12)).to.equal(true);
        expect(fast.data).to.not.deep.equal(new Float64Array(n * m)); // not trivially zero
      });
    }

    it("agrees with the reference when the product is split over two threads", async function () {
      this.timeout(10000);
      matmul(rng(0).randn(40, 40), rng(1).randn(40, 40)); // starts the kernel and its helper thread
      for (let waited = 0; !matmulHelperReady() && waited < 5000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(matmulHelperReady()).to.equal(true);
      const r = rng("threads");
      const a = r.randn(201, 150);
      const b = r.randn(150, 130); // 201·150·130 ≈ 3.9M multiply-adds: above the two-thread threshold
      expect(allClose(matmul(a, b), matmulReference(a, b), 1e-12, 1e-12)).to.equal(true);
    });

    it("propagates NaN and Infinity to exactly the elements the reference does", () => {
      const r = rng("nan");
      const a = r.randn(40, 30);
      const b = r.randn(30, 50);
      a.set(3, 7, NaN); // poisons row 3 of the product
      b.set(2, 11, Infinity); // column 11 becomes ±∞ (or NaN where it meets row 3)
      const fast = matmul(a, b);
      const reference = matmulReference(a, b);
      expect(Array.from(fast.data, Number.isNaN)).to.deep.equal(Array.from(reference.data, Number.isNaN));
      expect(fast.get(0, 11)).to.equal(reference.get(0, 11));
      expect(Math.abs(fast.get(0, 11))).to.equal(Infinity);
      expect(Number.isNaN(fast.get(3, 0))).to.equal(true);
    });

    it("does not change its operands", () => {
      const a = rng(5).randn(50, 60);
      const b = rng(6).randn(60, 70);
      const [aCopy, bCopy] = [a.data.slice(), b.data.slice()];
      matmul(a, b);
      expect(a.data).to.deep.equal(aCopy);
      expect(b.data).to.deep.equal(bCopy);
    });
  });
});
