import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { allClose } from "./allclose";
import {
  matmul,
  matmulReference,
  matmulTransA,
  matmulTransAReference,
  matmulTransB,
  matmulTransBReference,
} from "./matmul";
import { transpose } from "./transpose";

describe("matmulTransA and matmulTransB", () => {
  it("compute aᵀ·b and a·bᵀ on small matrices computed by hand", () => {
    const a = Matrix.from2D([
      [1, 2],
      [3, 4],
    ]);
    const b = Matrix.from2D([
      [5, 6],
      [7, 8],
    ]);
    // aᵀ·b = [[1·5+3·7, 1·6+3·8], [2·5+4·7, 2·6+4·8]]; a·bᵀ = [[1·5+2·6, 1·7+2·8], [3·5+4·6, 3·7+4·8]]
    expect(matmulTransA(a, b).toArray()).to.deep.equal([
      [26, 30],
      [38, 44],
    ]);
    expect(matmulTransB(a, b).toArray()).to.deep.equal([
      [17, 23],
      [39, 53],
    ]);
    expect(matmulTransAReference(a, b).toArray()).to.deep.equal([
      [26, 30],
      [38, 44],
    ]);
    expect(matmulTransBReference(a, b).toArray()).to.deep.equal([
      [17, 23],
      [39, 53],
    ]);
  });

  // sizes around the kernel's 4-wide panels, its 256-step blocks of k, and the two-thread threshold
  const shapes: [number, number, number][] = [
    [3, 5, 2],
    [17, 33, 9],
    [64, 300, 10],
    [257, 130, 63],
    [784, 256, 256],
  ];
  for (const [n, k, m] of shapes) {
    it(`agree with their reference loops to rounding, and are the same on every run (${n}×${k}·${k}×${m})`, () => {
      const r = rng(`trans ${n} ${k} ${m}`);
      const aT = r.randn(k, n); // stores aᵀ for matmulTransA
      const b = r.randn(k, m);
      const a = r.randn(n, k);
      const bT = r.randn(m, k); // stores bᵀ for matmulTransB
      const ta = matmulTransA(aT, b);
      const tb = matmulTransB(a, bT);
      expect(ta.shape).to.deep.equal([n, m]);
      expect(tb.shape).to.deep.equal([n, m]);
      expect(allClose(ta, matmulTransAReference(aT, b), 1e-12, 1e-12)).to.equal(true);
      expect(allClose(tb, matmulTransBReference(a, bT), 1e-12, 1e-12)).to.equal(true);
      expect(allClose(ta, matmul(transpose(aT), b), 1e-12, 1e-12)).to.equal(true);
      expect(matmulTransA(aT, b).data).to.deep.equal(ta.data);
      expect(matmulTransB(a, bT).data).to.deep.equal(tb.data);
    });
  }

  it("reject operands whose inner sizes differ, naming the sizes", () => {
    expect(() => matmulTransA(Matrix.zeros(2, 3), Matrix.zeros(3, 3))).to.throw(
      CourseInputError,
      /a\.rows must equal b\.rows \(2 ≠ 3\)/,
    );
    expect(() => matmulTransB(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).to.throw(
      CourseInputError,
      /a\.cols must equal b\.cols \(3 ≠ 2\)/,
    );
  });
});

describe("matmul into out", () => {
  it("writes the product into out, overwriting what was there, and returns out", () => {
    const r = rng("out");
    for (const [n, k, m] of [
      [3, 4, 5],
      [40, 60, 50],
    ]) {
      const a = r.randn(n, k);
      const b = r.randn(k, m);
      const out = Matrix.full(n, m, 7);
      expect(matmul(a, b, out)).to.equal(out);
      expect(out.data).to.deep.equal(matmul(a, b).data);
      expect(matmulTransA(transpose(a), b, out).data).to.deep.equal(matmulTransA(transpose(a), b).data);
      expect(allClose(out, matmulReference(a, b), 1e-12, 1e-12)).to.equal(true);
    }
  });

  it("rejects an out of the wrong shape, or one that is an operand", () => {
    const a = Matrix.ones(2, 2);
    expect(() => matmul(a, a, Matrix.zeros(2, 3))).to.throw(CourseInputError, /out is 2×3 but the product is 2×2/);
    expect(() => matmul(a, Matrix.ones(2, 2), a)).to.throw(CourseInputError, /separate matrix/);
  });
});
