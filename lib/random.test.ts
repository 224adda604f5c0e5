import { expect } from "chai";
import { CourseInputError } from "./errors";
import { Rng, rng } from "./random";

/** Mean and population standard deviation of a list. */
function stats(xs: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / xs.length) };
}

describe("Rng", () => {
  it("repeats the same sequence for the same seed", () => {
    const draw = (r: Rng) => [r.next(), r.gaussian(), r.int(0, 100), r.uniform(-1, 1), ...r.permutation(5)];
    expect(draw(rng(42))).to.deep.equal(draw(rng(42)));
    expect(draw(new Rng("course"))).to.deep.equal(draw(rng("course")));
    expect(rng(7).randn(3, 4).data).to.deep.equal(rng(7).randn(3, 4).data);
    expect(rng(42).next()).to.equal(rng("42").next());
  });

  it("gives different sequences for different seeds", () => {
    const a = rng(1).rand(1, 5).data;
    const b = rng(2).rand(1, 5).data;
    expect(a).to.not.deep.equal(b);
  });

  it("next and uniform stay in their half-open ranges", () => {
    const r = rng(3);
    for (let i = 0; i < 1000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).to.equal(true);
      const w = r.uniform(-2, 5);
      expect(w >= -2 && w < 5).to.equal(true);
    }
  });

  it("uniform samples have mean (lo+hi)/2 and std (hi−lo)/√12", () => {
    const { mean, std } = stats(rng(4).rand(1, 100_000, 2, 6).data);
    expect(mean).to.be.closeTo(4, 0.02);
    expect(std).to.be.closeTo(4 / Math.sqrt(12), 0.01);
  });

  it("1e5 gaussians have about the requested mean and std, and ~68% within one std", () => {
    const r = rng(5);
    const xs = new Float64Array(100_000);
    for (let i = 0; i < xs.length; i++) xs[i] = r.gaussian(3, 2);
    const { mean, std } = stats(xs);
    // standard error of the mean is 2/√1e5 ≈ 0.0063
    expect(mean).to.be.closeTo(3, 0.03);
    expect(std).to.be.closeTo(2, 0.02);
    const within = xs.filter((x) => Math.abs(x - 3) < 2).length / xs.length;
    expect(within).to.be.closeTo(0.6827, 0.01);
  });

  it("randn takes std then mean", () => {
    const m = rng(6).randn(200, 500, 0.5, -1);
    expect(m.shape).to.deep.equal([200, 500]);
    const { mean, std } = stats(m.data);
    expect(mean).to.be.closeTo(-1, 0.01);
    expect(std).to.be.closeTo(0.5, 0.01);
  });

  it("int covers lo..hiExclusive−1 evenly", () => {
    const r = rng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.int(1, 7) - 1]++;
    for (const c of counts) expect(c).to.be.closeTo(10_000, 400);
    expect(() => r.int(3, 3)).to.throw(CourseInputError, /lo < hiExclusive/);
  });

  it("shuffle returns a permutation in a new array and leaves the input alone", () => {
    const arr = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const copy = arr.slice();
    const out = rng(8).shuffle(arr);
    expect(arr).to.deep.equal(copy);
    expect(out).to.not.equal(arr);
    expect(out.slice().sort()).to.deep.equal(copy);
    expect(out).to.not.deep.equal(copy); // 1 in 8! chance of failing for a fresh seed; fixed for seed 8
  });

  it("permutation(n) contains each of 0..n−1 once and puts every value everywhere about equally often", () => {
    const p = rng(9).permutation(100);
    expect(p.slice().sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i));
    // position of 0 in a permutation of 4 should be uniform
    const r = rng(10);
    const firstPos = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) firstPos[r.permutation(4).indexOf(0)]++;
    for (const c of firstPos) expect(c).to.be.closeTo(5000, 300);
  });

  it("choice without replacement picks distinct elements; with replacement may repeat", () => {
    const r = rng(11);
    const arr = [10, 20, 30, 40, 50];
    const pick = r.choice(arr, 5);
    expect(pick.slice().sort((x, y) => x - y)).to.deep.equal(arr);
    expect(new Set(r.choice(arr, 3)).size).to.equal(3);
    const many = r.choice(arr, 100, true);
    expect(many).to.have.length(100);
    expect(new Set(many).size).to.equal(5);
    expect(() => r.choice(arr, 6)).to.throw(CourseInputError, /use replace = true/);
  });
});
