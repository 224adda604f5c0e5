import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { saturatedFraction } from "./saturation";

describe("diagnostics/saturatedFraction", () => {
  it("counts tanh outputs with |h| > 0.97", () => {
    expect(
      saturatedFraction(
        Matrix.from2D([
          [0.99, -0.5],
          [-0.98, 0.1],
        ]),
        "tanh",
      ),
    ).to.equal(0.5);
    expect(saturatedFraction(Matrix.from2D([[0.97, -0.97]]), "tanh"), "the threshold itself is not saturated").to.equal(
      0,
    );
  });

  it("uses the same cut-off on the sigmoid's scale, |2h − 1| > 0.97", () => {
    expect(saturatedFraction(Matrix.from2D([[0.999, 0.5, 0.01, 0.02]]), "sigmoid")).to.equal(0.5);
  });

  it("cuts where the local gradient falls below 6 % of its largest value, for both", () => {
    const z = Array.from({ length: 2001 }, (_, i) => (i - 1000) / 100); // pre-activations in [−10, 10]
    const tanh = Matrix.rowVector(z.map(Math.tanh));
    const sigmoid = Matrix.rowVector(z.map((v) => 1 / (1 + Math.exp(-v))));
    const flat = z.filter((v) => 1 - Math.tanh(v) ** 2 < 1 - 0.97 ** 2).length / z.length;
    expect(saturatedFraction(tanh, "tanh")).to.be.closeTo(flat, 1e-12);
    // σ(2z) = (tanh z + 1)/2, so the sigmoid of 2z saturates exactly where tanh z does
    const doubled = Matrix.rowVector(z.map((v) => 1 / (1 + Math.exp(-2 * v))));
    expect(saturatedFraction(doubled, "sigmoid")).to.be.closeTo(flat, 1e-3);
    expect(saturatedFraction(sigmoid, "sigmoid")).to.be.lessThan(flat);
  });

  it("refuses bad input with a message", () => {
    expect(() => saturatedFraction(new Matrix(0, 3), "tanh")).to.throw(CourseInputError, /non-empty/);
    expect(() => saturatedFraction(Matrix.ones(1, 1), "relu" as never)).to.throw(CourseInputError, /tanh/);
    expect(() => saturatedFraction(Matrix.ones(1, 1), "tanh", 1.5)).to.throw(CourseInputError, /threshold/);
  });
});
