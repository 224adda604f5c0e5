import { expect } from "chai";
import { loadMnist, mnistCounts, MNIST_PIXELS } from "./mnist";

describe("loadMnist", () => {
  it("has about 1 000 images per digit, 10 000 in all", () => {
    const counts = mnistCounts();
    expect(counts).to.have.length(10);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(10000);
    for (const c of counts) expect(c).to.be.within(800, 1200);
  });

  it("returns perDigit images of each digit, pixels in [0, 1], 784 per row", () => {
    const { X, y } = loadMnist({ perDigit: 20, seed: 1 });
    expect(X.shape).to.deep.equal([200, MNIST_PIXELS]);
    for (let d = 0; d < 10; d++) expect(y.filter((v) => v === d)).to.have.length(20);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of X.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    expect(lo).to.equal(0);
    expect(hi).to.be.within(0.9, 1);
    // a digit image has ink: a few dozen to a few hundred non-zero pixels
    const ink = X.row(0).filter((v) => v > 0).length;
    expect(ink).to.be.within(30, 500);
  });

  it("is deterministic for a seed and differs between seeds (rows are shuffled)", () => {
    const a = loadMnist({ perDigit: 5, seed: 3 });
    const b = loadMnist({ perDigit: 5, seed: 3 });
    const c = loadMnist({ perDigit: 5, seed: 4 });
    expect(Array.from(a.X.data)).to.deep.equal(Array.from(b.X.data));
    expect(a.y).to.deep.equal(b.y);
    expect(a.y).to.not.deep.equal(c.y);
    expect(a.y).to.not.deep.equal([...a.y].sort((p, q) => p - q)); // not grouped by digit
  });

  it("rejects perDigit beyond the smallest digit count", () => {
    expect(() => loadMnist({ perDigit: 5000 })).to.throw(/perDigit/);
  });
});
