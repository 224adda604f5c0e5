import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { formatNumber, tableHtml, tableText } from "./table";

describe("formatNumber", () => {
  it("uses significant digits and drops trailing zeros", () => {
    expect(formatNumber(Math.PI, 4)).to.equal("3.142");
    expect(formatNumber(Math.PI, 2)).to.equal("3.1");
    expect(formatNumber(0.5, 4)).to.equal("0.5");
    expect(formatNumber(-0.0123456, 3)).to.equal("-0.0123");
    expect(formatNumber(12345.678, 4)).to.equal("12350");
  });
  it("keeps whole numbers whole and uses exponents for tiny or huge values", () => {
    expect(formatNumber(1200)).to.equal("1200");
    expect(formatNumber(-7)).to.equal("-7");
    expect(formatNumber(0.000012345, 3)).to.equal("1.23e-5");
    expect(formatNumber(2.5e7 + 0.5, 3)).to.equal("2.5e7");
    expect(formatNumber(1e-8, 4)).to.equal("1e-8");
  });
  it("names NaN and infinities", () => {
    expect([NaN, Infinity, -Infinity, 0].map((x) => formatNumber(x))).to.deep.equal(["NaN", "∞", "−∞", "0"]);
  });
  it("rejects a bad digits value", () => {
    expect(() => formatNumber(1, 0)).to.throw(CourseInputError, /digits/);
  });
});

describe("tableHtml", () => {
  it("writes labels, caption and formatted numbers", () => {
    const html = tableHtml(
      Matrix.from2D([
        [0.123456, 2],
        [1e-9, -3.5],
      ]),
      {
        rowLabels: ["w1", "w2"],
        colLabels: ["a", "b"],
        digits: 3,
        caption: "weights",
      },
    );
    expect(html).to.match(/^<table[^>]*>/);
    expect(html).to.contain("<caption>weights</caption>");
    expect(html).to.contain("<thead><tr><th></th><th");
    expect(html).to.contain(">w1</th><td");
    const values = [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(values).to.deep.equal(["0.123", "2", "1e-9", "-3.5"]);
  });
  it("escapes strings and left-aligns them", () => {
    const html = tableHtml([["<b>", 1]], { colLabels: ["name & kind", "n"] });
    expect(html).to.contain("&lt;b&gt;");
    expect(html).to.contain("name &amp; kind");
    expect(html).to.contain('<td style="text-align:left">&lt;b&gt;</td><td style="text-align:right">1</td>');
    expect(html).not.to.contain("<b>");
  });
  it("rejects ragged rows and label counts that do not match", () => {
    expect(() => tableHtml([[1, 2], [3]])).to.throw(CourseInputError, /row 1 has 1/);
    expect(() => tableHtml([[1, 2]], { colLabels: ["a"] })).to.throw(CourseInputError, /colLabels/);
    expect(() => tableHtml([[1, 2]], { rowLabels: ["a", "b"] })).to.throw(CourseInputError, /rowLabels/);
  });
});

describe("a table with no rows yet", () => {
  it("shows its column labels and caption (results still to come), as HTML and as text", () => {
    const opts = { colLabels: ["technique", "error"], caption: "Summary" };
    expect(tableHtml([], opts)).to.contain('<th style="text-align:right">technique</th>');
    expect(tableText([], opts)).to.equal("Summary\ntechnique error");
  });
});

describe("tableText", () => {
  it("aligns numbers right and row labels left", () => {
    expect(
      tableText([
        [1, 22],
        [333, 4],
      ]),
    ).to.equal("  1 22\n333  4");
    const text = tableText(
      Matrix.from2D([
        [0.5, 10],
        [0.25, 2],
      ]),
      {
        rowLabels: ["first", "b"],
        colLabels: ["p", "count"],
        caption: "T",
      },
    );
    expect(text).to.equal(["T", "         p count", "first  0.5    10", "b     0.25     2"].join("\n"));
  });
});
