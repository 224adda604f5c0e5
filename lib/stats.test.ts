import { expect } from "chai";
import { CourseInputError } from "./errors";
import { lastOf, lowerBeyondSpread, meanStd } from "./stats";

describe("stats", () => {
  it("meanStd gives the mean and the sample standard deviation", () => {
    const { mean, std } = meanStd([1, 2, 3, 4]);
    expect(mean).to.equal(2.5);
    expect(std).to.be.closeTo(Math.sqrt(5 / 3), 1e-15); // Σ(x − 2.5)² = 5, over n − 1 = 3
    expect(meanStd([7])).to.deep.equal({ mean: 7, std: 0 });
  });

  it("lowerBeyondSpread needs the gap to exceed both spreads", () => {
    expect(lowerBeyondSpread([1, 1.2], [2, 2.2])).to.equal(true);
    expect(lowerBeyondSpread([1, 2], [1.5, 2.5])).to.equal(false);
  });

  it("says what was wrong on empty input", () => {
    expect(() => meanStd([])).to.throw(CourseInputError, /one measurement per seed/);
    expect(() => lastOf([])).to.throw(CourseInputError, /empty/);
    expect(lastOf([3, 1, 2])).to.equal(2);
  });
});
