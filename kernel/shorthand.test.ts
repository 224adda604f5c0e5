import { expect } from "chai";
import { expandShorthandProperties } from "./shorthand";

describe("kernel: shorthand properties (fix 11)", () => {
  it("writes each shorthand property out in full", () => {
    expect(expandShorthandProperties("const data = { train, val };")).to.equal(
      "const data = { train: train, val: val };",
    );
  });

  it("keeps full properties, spreads, methods, strings and destructuring declarations as they are", () => {
    const src = 'const { a, b } = o;\nconst p = { a: 1, ...q, f() { return "{ x }"; } };';
    expect(expandShorthandProperties(src)).to.equal(src);
  });

  it("expands nested literals and keeps default values of assignment patterns", () => {
    expect(expandShorthandProperties("f({ x, y: { z } });")).to.equal("f({ x: x, y: { z: z } });");
    expect(expandShorthandProperties("({ a = 1 } = o);")).to.equal("({ a: a = 1 } = o);");
  });

  it("leaves line numbers unchanged", () => {
    const out = expandShorthandProperties("const o = {\n  train,\n  val,\n};\nthrow 1;");
    expect(out.split("\n").length).to.equal(5);
    expect(out.split("\n")[1]).to.equal("  train: train,");
  });
});
