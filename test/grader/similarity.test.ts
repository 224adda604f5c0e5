/**
 * The similarity report's comparison (grader/similarity/): tokens normalise names, literals, comments and layout;
 * a renamed and reformatted copy is flagged, independent work and the untouched stubs are not; the pages escape
 * what submissions contain and show a flagged pair side by side.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { comparePairs, FLAG_AT, indexHtml, pairHtml } from "../../grader/similarity/report";
import { tokenize } from "../../grader/similarity/tokens";
import { projectRoot } from "./fixtures";

const solution = fs.readFileSync(path.join(projectRoot, "solutions", "losses.ts"), "utf8");
const stub = fs.readFileSync(path.join(projectRoot, "exercises", "losses.ts"), "utf8");

/** The solution with its local names changed, comments dropped and the layout squeezed: the same code. */
function disguise(source: string): string {
  return source
    .replace(/\/\/[^\n]*/g, "")
    .replace(/\b(exps|shifted|probs|total|sum|loss|n|i|j)\b/g, "$1_renamed")
    .replace(/\n\s*\n/g, "\n")
    .replace(/  +/g, " ");
}

/** Independent work: each exercise function written differently (loops instead of ops, other order). */
function independent(source: string): string {
  return source.replace(/\/\/ BEGIN SOLUTION[\s\S]*?\/\/ END SOLUTION/g, (_block, offset: number) => {
    const variants = [
      "let acc = 0;\n    for (let k = 0; k < 3; k++) { acc += k * 2 - 1; if (acc > 10) break; }\n    return acc as never;",
      "const table: number[] = [];\n    while (table.length < 4) table.push(table.length ** 2);\n    return table as never;",
      "throw new RangeError(`not this way ${String(offset)}`);",
    ];
    return variants[offset % 3];
  });
}

describe("similarity report: token-based comparison", () => {
  it("tokenises with names, literals, comments and whitespace normalised", () => {
    const a = tokenize("const total = x + 1; // sum\nreturn `a${b}c`;").map((t) => t.text);
    const b = tokenize("const   s=y+42;\n/* other */ return 'q';").map((t) => t.text);
    expect(a.slice(0, 7)).to.deep.equal(["const", "id", "=", "id", "+", "num", ";"]);
    expect(a.slice(7)).to.deep.equal(["return", "str", "id", "str", ";"]);
    expect(b.slice(0, 7)).to.deep.equal(a.slice(0, 7));
    expect(tokenize("\n  foo()")[0]).to.include({ startRow: 1, startCol: 2, endRow: 1, endCol: 5 });
  });

  it("flags a disguised copy, not independent work or the untouched stubs, and ranks the copy first", () => {
    const sources = new Map([
      ["alice", new Map([["losses", solution]])],
      ["bob", new Map([["losses", disguise(solution)]])],
      ["carol", new Map([["losses", independent(solution)]])],
      ["dave", new Map([["losses", stub]])],
      ["erin", new Map([["losses", stub]])],
    ]);
    const pairs = comparePairs(sources, new Map([["losses", stub]]));
    expect(pairs).to.have.length(10);
    expect([pairs[0].a, pairs[0].b]).to.deep.equal(["alice", "bob"]);
    expect(pairs[0].similarity).to.be.greaterThan(0.9);
    expect(pairs[0].flagged).to.equal(true);
    const others = pairs.slice(1);
    expect(others.filter((p) => p.flagged).map((p) => `${p.a}-${p.b}`)).to.deep.equal([]);
    const stubs = pairs.find((p) => p.a === "dave" && p.b === "erin")!;
    expect(stubs.similarity, "the starter code does not count").to.equal(0);
    const independentPair = pairs.find((p) => p.a === "alice" && p.b === "carol")!;
    expect(independentPair.similarity).to.be.lessThan(FLAG_AT);
  });

  it("writes pages that escape the submissions and show a flagged pair side by side", () => {
    const evil = `${solution}\n// </pre><script>alert(1)</script>\n`;
    const sources = new Map([
      ["<b>x</b>", new Map([["losses", evil]])],
      ["y", new Map([["losses", solution]])],
    ]);
    const [pair] = comparePairs(sources, new Map([["losses", stub]]));
    expect(pair.flagged).to.equal(true);
    const page = pairHtml(pair);
    expect(page).to.not.match(/<script>|<b>x<\/b>/);
    expect(page).to.match(/&lt;script&gt;/);
    expect(page).to.match(/class="f0"/);
    expect(page).to.match(/not a grade/);
    const index = indexHtml([pair]);
    expect(index).to.match(/href="pair-%3Cb%3Ex%3C%2Fb%3E--y\.html"/);
  });
});
