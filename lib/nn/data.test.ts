import { expect } from "chai";
import { Matrix } from "../matrix";
import { rng } from "../random";
import { accuracy } from "./accuracy";
import { miniBatches } from "./batches";
import { spirals } from "./spirals";

describe("nn/spirals", () => {
  it("gives pointsPerClass × classes points with labels, the same for the same seed", () => {
    const a = spirals(50, 3, 1);
    expect(a.X.shape).to.deep.equal([150, 2]);
    expect(a.y.filter((c) => c === 2).length).to.equal(50);
    expect(spirals(50, 3, 1).X.data).to.deep.equal(a.X.data);
    expect(spirals(50, 3, 2).X.data).to.not.deep.equal(a.X.data);
  });

  it("puts point i of every arm at radius i / (n − 1); without noise arm j ends at angle 4(j + 1)", () => {
    const { X } = spirals(11, 2, 0, 0);
    for (let i = 0; i < 22; i++) expect(Math.hypot(X.get(i, 0), X.get(i, 1))).to.be.closeTo((i % 11) / 10, 1e-12);
    expect(X.get(21, 0)).to.be.closeTo(Math.sin(8), 1e-12);
    expect(X.get(21, 1)).to.be.closeTo(Math.cos(8), 1e-12);
  });
});

describe("nn/miniBatches", () => {
  it("visits every example exactly once per epoch, in batches of the given size", () => {
    const X = Matrix.from2D(Array.from({ length: 10 }, (_, i) => [i, -i]));
    const y = Array.from({ length: 10 }, (_, i) => i % 3);
    const batches = [...miniBatches(X, y, 4, rng(0))];
    expect(batches.map((b) => b.x.rows)).to.deep.equal([4, 4, 2]);
    const seen = batches.flatMap((b) => b.x.col(0)).sort((p, q) => p - q);
    expect(seen).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const b of batches) b.x.col(0).forEach((v, k) => expect(b.y[k]).to.equal(v % 3)); // rows keep their labels
    expect(batches[0].x.col(0)).to.not.deep.equal([0, 1, 2, 3]); // shuffled
    expect([...miniBatches(X, y, 4, rng(0))][0].x.col(0)).to.deep.equal(batches[0].x.col(0)); // seeded
  });
});

describe("nn/accuracy", () => {
  it("accuracy is the fraction of rows whose arg max is the label", () => {
    expect(
      accuracy(
        Matrix.from2D([
          [2, 1],
          [0, 3],
          [5, 4],
        ]),
        [0, 0, 0],
      ),
    ).to.be.closeTo(2 / 3, 1e-15);
  });
});
