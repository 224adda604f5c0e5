import { expect } from "chai";
import { CourseInputError } from "../errors";
import { grid2d, linspace } from "./grid";

describe("linspace", () => {
  it("includes both ends and spaces evenly", () => {
    expect(linspace(0, 1, 5)).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, -2, 3)).to.deep.equal([2, 0, -2]);
    expect(linspace(3, 7, 1)).to.deep.equal([3]);
    expect(linspace(0, 1, 0)).to.deep.equal([]);
  });

  it("ends exactly at stop even when the step does not divide evenly", () => {
    const xs = linspace(0, 0.3, 7);
    expect(xs).to.have.length(7);
    expect(xs[6]).to.equal(0.3);
  });

  it("rejects a bad count", () => {
    expect(() => linspace(0, 1, 2.5)).to.throw(CourseInputError, /n must be a whole number/);
  });
});

describe("grid2d", () => {
  it("has one row per y and one column per x (plotly's z layout)", () => {
    const z = grid2d([-1, 0, 1], [0, 1], (x, y) => x + 10 * y);
    expect(z.shape).to.deep.equal([2, 3]);
    expect(z.toArray()).to.deep.equal([
      [-1, 0, 1],
      [9, 10, 11],
    ]);
  });
});
