import { expect } from "chai";
import { Matrix } from "../matrix";
import { allClose } from "./allclose";

const v = (...xs: number[]) => Matrix.rowVector(xs);

describe("allClose", () => {
  it("accepts differences within atol + rtol·|b| and rejects larger ones", () => {
    expect(allClose(v(1, 2), v(1, 2))).to.equal(true);
    expect(allClose(v(1000), v(1000.009))).to.equal(true); // 0.009 ≤ 1e-8 + 1e-5·1000.009
    expect(allClose(v(1000), v(1000.02))).to.equal(false);
    expect(allClose(v(0), v(1e-9))).to.equal(true); // within atol
    expect(allClose(v(0), v(1e-7))).to.equal(false);
    expect(allClose(v(1), v(1.1), 0.2)).to.equal(true);
    expect(allClose(v(0), v(0.5), 0, 0.5)).to.equal(true);
  });

  it("is false for different shapes and for NaN; equal infinities are close", () => {
    expect(allClose(v(1, 2), Matrix.colVector([1, 2]))).to.equal(false);
    expect(allClose(v(NaN), v(NaN))).to.equal(false);
    expect(allClose(v(Infinity), v(Infinity))).to.equal(true);
    expect(allClose(v(Infinity), v(-Infinity))).to.equal(false);
  });
});
