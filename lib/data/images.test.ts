import { expect } from "chai";
import { Matrix } from "../matrix";
import { averagePool, corruptLabels, shiftImages } from "./images";

describe("data/images", () => {
  it("averagePool averages factor × factor blocks", () => {
    const X = Matrix.from2D([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]]); // one 4×4 image
    expect(averagePool(X, 2).toArray()).to.deep.equal([[3.5, 5.5, 11.5, 13.5]]);
    expect(averagePool(X, 1).toArray()).to.deep.equal(X.toArray());
    expect(() => averagePool(X, 3)).to.throw(/divides the side 4/);
    expect(() => averagePool(Matrix.zeros(1, 5), 1)).to.throw(/square image/);
  });

  it("corruptLabels changes about the given fraction, always to another class, the same for a seed", () => {
    const y = Array.from({ length: 2000 }, (_, i) => i % 10);
    const noisy = corruptLabels(y, 0.3, 10, 4);
    const changed = noisy.filter((c, i) => c !== y[i]).length / y.length;
    expect(changed).to.be.within(0.27, 0.33);
    expect(noisy.every((c) => Number.isInteger(c) && c >= 0 && c < 10)).to.equal(true);
    expect(corruptLabels(y, 0.3, 10, 4)).to.deep.equal(noisy);
    expect(corruptLabels(y, 0, 10, 4)).to.deep.equal(y);
    expect(corruptLabels(y, 1, 10, 4).every((c, i) => c !== y[i])).to.equal(true);
    expect(() => corruptLabels(y, 1.5, 10, 4)).to.throw(/fraction/);
  });

  it("shiftImages moves each image by at most maxShift pixels and fills with the background", () => {
    const X = new Matrix(1, 9);
    X.data[4] = 1; // the centre pixel of a 3×3 image
    const shifted = shiftImages(X, 1, 3, -1);
    const ones = Array.from(shifted.data).filter((v) => v === 1).length;
    expect(ones).to.equal(1); // the bright pixel moved by at most one pixel, so it stays inside
    expect(Array.from(shifted.data).every((v) => v === 1 || v === 0 || v === -1)).to.equal(true);
    expect(shiftImages(X, 0, 3).toArray()).to.deep.equal(X.toArray());
    expect(shiftImages(X, 1, 3, -1).toArray()).to.deep.equal(shifted.toArray());
    expect(() => shiftImages(X, 3, 0)).to.throw(/maxShift/);
  });
});
