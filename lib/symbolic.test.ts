import { expect } from "chai";
import { CourseInputError } from "./errors";
import { derivative, evaluateAt, toTex } from "./symbolic";

/** Centred difference of a formula in one variable at a point. */
function numericSlope(expr: string, variable: string, at: Record<string, number>, h = 1e-5): number {
  const up = evaluateAt(expr, { ...at, [variable]: at[variable] + h });
  const down = evaluateAt(expr, { ...at, [variable]: at[variable] - h });
  return (up - down) / (2 * h);
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
}

describe("symbolic (mathjs)", function () {
  this.timeout(20000); // mathjs loads on first use

  it("toTex writes LaTeX", () => {
    expect(toTex("x^2")).to.equal("{ x}^{2}");
    expect(toTex("sqrt(x) / 2")).to.equal("\\frac{\\sqrt{ x}}{2}");
  });

  it("d/dx x^2 = 2 * x", () => {
    expect(derivative("x^2", "x")).to.deep.equal({ expr: "2 * x", tex: "2\\cdot x" });
  });

  it("d/dx log(1 + exp(x)) is the logistic sigmoid", () => {
    const d = derivative("log(1 + exp(x))", "x");
    expect(d.expr).to.equal("exp(x) / (exp(x) + 1)");
    for (const x of [-3, 0, 2.5]) expect(evaluateAt(d.expr, { x })).to.be.closeTo(1 / (1 + Math.exp(-x)), 1e-15);
  });

  it("d/da of a softmax component is s_a (1 − s_a), checked numerically", () => {
    const softmaxA = "exp(a) / (exp(a) + exp(b) + exp(c))";
    const d = derivative(softmaxA, "a");
    const at = { a: 0.3, b: -1.2, c: 2 };
    const s = evaluateAt(softmaxA, at);
    const analytic = evaluateAt(d.expr, at);
    expect(relErr(analytic, s * (1 - s))).to.be.below(1e-12);
    expect(relErr(analytic, numericSlope(softmaxA, "a", at))).to.be.below(1e-7);
    expect(d.tex).to.contain("\\frac");
  });

  it("evaluateAt evaluates with the given variables", () => {
    expect(evaluateAt("x^2 + y", { x: 3, y: 1 })).to.equal(10);
    expect(evaluateAt("tanh(0)", {})).to.equal(0);
  });

  it("explains bad input", () => {
    expect(() => evaluateAt("x + ", { x: 1 })).to.throw(CourseInputError, /cannot read/);
    expect(() => evaluateAt("x + y", { x: 1 })).to.throw(CourseInputError, /Undefined symbol y/);
    expect(() => evaluateAt("sqrt(-1)", {})).to.throw(CourseInputError, /real number/);
    expect(() => derivative("x^2", "2x")).to.throw(CourseInputError, /variable/);
    expect(() => toTex("")).to.throw(CourseInputError, /formula/);
  });
});
