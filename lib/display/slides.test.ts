import { expect } from "chai";
import { agrees, fmt, fmtMeanStd } from "./slides";

describe("display: numbers next to the slides", () => {
  it("fmtMeanStd prints measurements over seeds as mean ± sample std", () => {
    expect(fmtMeanStd([0.94, 0.92, 0.97])).to.equal("0.943 ± 0.025");
    expect(fmtMeanStd([1, 3], 1)).to.equal("2.0 ± 1.4");
  });

  it("prints fixed decimals, exponent form for tiny and huge values, −0 as 0", () => {
    expect(fmt(Math.PI)).to.equal("3.1416");
    expect(fmt(12.3456, 1)).to.equal("12.3");
    expect(fmt(-0)).to.equal("0.0000");
    expect(fmt(2.5e-7)).to.equal("2.500e-7");
    expect(fmt(3.2e16)).to.equal("3.200e16");
    expect(fmt(NaN)).to.equal("NaN");
    expect(fmt(-Infinity)).to.equal("-Infinity");
  });

  it("agrees when the computed value rounds to the slide's digits, exponents included", () => {
    expect(agrees("2.04", 2.0449)).to.equal(true);
    expect(agrees("2.04", 2.0451)).to.equal(false);
    expect(agrees("33", 33.4)).to.equal(true);
    expect(agrees("2e-11", 2.4e-11)).to.equal(true);
    expect(agrees("2e-11", 2.6e-11)).to.equal(false);
  });
});
