import { expect } from "chai";
import { CourseInputError } from "../errors";
import { rng } from "../random";
import { binValues } from "./histogram-bins";

describe("diagnostics/binValues", () => {
  it("bins over the range of the values, the largest value in the last bin", () => {
    const b = binValues([0, 0.1, 0.6, 1], { bins: 2 });
    expect(b.centres).to.deep.equal([0.25, 0.75]);
    expect(b.fraction).to.deep.equal([0.5, 0.5]);
    expect(b.density).to.deep.equal([1, 1]);
    expect(b.outside).to.equal(0);
  });

  it("gives a density with area 1 that follows a Gaussian's", () => {
    const x = rng(0).randn(1, 100000).data;
    const b = binValues(x, { bins: 40, lo: -4, hi: 4 });
    const width = 8 / 40;
    expect(b.density.reduce((a, d) => a + d * width, 0) + b.outside).to.be.closeTo(1, 1e-12);
    const middle = b.density[20]; // the bin [0, 0.2]
    expect(middle).to.be.closeTo((1 / Math.sqrt(2 * Math.PI)) * Math.exp(-0.01 / 2), 0.01);
  });

  it("counts values outside a given range as outside, and widens a range of equal values", () => {
    expect(binValues([-5, 0, 0.5, 5], { bins: 2, lo: 0, hi: 1 }).outside).to.equal(0.5);
    const same = binValues([2, 2, 2], { bins: 1 });
    expect([same.lo, same.hi, same.fraction[0]]).to.deep.equal([1.5, 2.5, 1]);
  });

  it("refuses bad input with a message", () => {
    expect(() => binValues([], {})).to.throw(CourseInputError, /non-empty/);
    expect(() => binValues([1], { bins: 0 })).to.throw(CourseInputError, /bins/);
    expect(() => binValues([1, NaN])).not.to.throw();
    expect(() => binValues([1, Infinity])).to.throw(CourseInputError, /finite/);
    expect(() => binValues([1], { lo: 2, hi: 1 })).to.throw(CourseInputError, /lo/);
  });
});
