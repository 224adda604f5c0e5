import { expect } from "chai";
import { Matrix } from "../matrix";
import { colorHistogram, colourSquares, hogFeatures, hue } from "./features";

/** A height × width grey image from a function of (row, column), as a one-row matrix. */
function image(height: number, width: number, f: (i: number, j: number) => number): Matrix {
  const m = Matrix.zeros(1, height * width);
  for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) m.data[i * width + j] = f(i, j);
  return m;
}

/** The orientation histogram of cell (0, 0) … summed over all cells. */
function binTotals(features: Matrix, bins: number): number[] {
  const t = new Array<number>(bins).fill(0);
  for (let k = 0; k < features.cols; k++) t[k % bins] += features.data[k];
  return t;
}

describe("data/features: hogFeatures", () => {
  it("has the slide's size: a 240 × 320 image in 8 × 8 cells gives 30 · 40 cells × 9 bins = 10 800 numbers", () => {
    expect(hogFeatures(Matrix.zeros(1, 240 * 320), 240, 320).cols).to.equal(10_800);
    expect(hogFeatures(Matrix.zeros(2, 28 * 28), 28, 28, { cellSize: 7 }).shape).to.deep.equal([2, 144]);
  });

  it("puts a vertical edge in the 0° bin and a horizontal edge in the 90° bin; unit length; blank gives zeros", () => {
    const bins = 4; // centres 22.5°, 67.5°, 112.5°, 157.5°: 0° splits between bins 0 and 3, 90° between 1 and 2
    const vertical = binTotals(
      hogFeatures(
        image(8, 8, (i, j) => (j >= 4 ? 1 : 0)),
        8,
        8,
        { cellSize: 4, bins },
      ),
      bins,
    );
    expect(vertical[0]).to.be.closeTo(vertical[3], 1e-12);
    expect(vertical[1] + vertical[2]).to.equal(0);
    const horizontal = binTotals(
      hogFeatures(
        image(8, 8, (i) => (i >= 4 ? 1 : 0)),
        8,
        8,
        { cellSize: 4, bins },
      ),
      bins,
    );
    expect(horizontal[1]).to.be.closeTo(horizontal[2], 1e-12);
    expect(horizontal[0] + horizontal[3]).to.equal(0);
    const f = hogFeatures(
      image(8, 8, (i, j) => i * j),
      8,
      8,
      { cellSize: 4 },
    );
    expect(Array.from(f.data).reduce((a, v) => a + v * v, 0)).to.be.closeTo(1, 1e-12);
    expect(Array.from(hogFeatures(Matrix.full(1, 64, 0.3), 8, 8).data).every((v) => v === 0)).to.equal(true);
  });

  it("is unsigned: an edge and its negative give the same features", () => {
    const a = image(8, 8, (i, j) => (i + j >= 8 ? 1 : 0));
    const b = image(8, 8, (i, j) => (i + j >= 8 ? 0 : 1));
    const fa = hogFeatures(a, 8, 8, { cellSize: 4 });
    const fb = hogFeatures(b, 8, 8, { cellSize: 4 });
    fa.data.forEach((v, k) => expect(v).to.be.closeTo(fb.data[k], 1e-12));
  });

  it("says what is wrong with bad input", () => {
    expect(() => hogFeatures(Matrix.zeros(1, 10), 28, 28)).to.throw(/784 grey values/);
    expect(() => hogFeatures(Matrix.zeros(1, 784), 28, 28)).to.throw(/multiples of cellSize 8/);
  });
});

describe("data/features: colorHistogram and colourSquares", () => {
  it("hue: red 0, green 1/3, blue 2/3, yellow 1/6, grey 0", () => {
    expect(hue(1, 0, 0)).to.equal(0);
    expect(hue(0, 1, 0)).to.be.closeTo(1 / 3, 1e-15);
    expect(hue(0, 0, 1)).to.be.closeTo(2 / 3, 1e-15);
    expect(hue(1, 1, 0)).to.be.closeTo(1 / 6, 1e-15);
    expect(hue(0.4, 0.4, 0.4)).to.equal(0);
  });

  it("gives the share of colour per hue bin, whatever the positions; greys do not count", () => {
    const a = Matrix.from2D([[1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0]]); // red, blue, blue, green
    expect(colorHistogram(a, 3).toArray()).to.deep.equal([[0.25, 0.25, 0.5]]);
    const moved = Matrix.from2D([[0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1]]);
    expect(colorHistogram(moved, 3).toArray()).to.deep.equal(colorHistogram(a, 3).toArray());
    const withGrey = Matrix.from2D([[0.5, 0.5, 0.5, 1, 0, 0, 0.2, 0.2, 0.2, 0, 0, 0.5]]); // grey, red, grey, half blue
    expect(
      colorHistogram(withGrey, 3)
        .toArray()[0]
        .map((v) => +v.toFixed(12)),
    ).to.deep.equal([2 / 3, 0, 1 / 3].map((v) => +v.toFixed(12)));
    expect(() => colorHistogram(Matrix.zeros(1, 4))).to.throw(/multiple of 3/);
  });

  it("colourSquares: perClass images of each of 4 classes, pixels in [0, 1], the same for the same seed", () => {
    const { X, y } = colourSquares(5, 8, 1);
    expect(X.shape).to.deep.equal([20, 192]);
    expect([0, 1, 2, 3].map((c) => y.filter((v) => v === c).length)).to.deep.equal([5, 5, 5, 5]);
    expect(Array.from(X.data).every((v) => v >= 0 && v <= 1)).to.equal(true);
    expect(colourSquares(5, 8, 1).X.data).to.deep.equal(X.data);
  });
});
