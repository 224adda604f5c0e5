import { expect } from "chai";
import { graphDot, graphNodes, graphSvg, showGraph, MAX_DRAWN_NODES, type GraphNode } from "./graph";

/** A Value-shaped node, as exercises/autograd.ts makes them (the library's test does not use the exercise). */
function node(data: number, children: GraphNode[] = [], op = "", label?: string): GraphNode {
  return { data, grad: 0, children, op, label };
}

/** f = x·y + x at x = 2, y = −3, with the grads backward gives. */
function example(): { f: GraphNode; x: GraphNode; y: GraphNode; m: GraphNode } {
  const x = node(2, [], "", "x");
  const y = node(-3, [], "", "y");
  const m = node(-6, [x, y], "×");
  const f = node(-4, [m, x], "+", "f");
  x.grad = -2;
  y.grad = 2;
  m.grad = 1;
  f.grad = 1;
  return { f, x, y, m };
}

describe("display: computational graph drawings", () => {
  it("lists every Value once, the root last", () => {
    const { f, x, y, m } = example();
    const order = graphNodes(f);
    expect(order).to.have.length(4);
    expect(order).to.have.members([f, x, y, m]);
    expect(order[order.length - 1]).to.equal(f);
  });

  it("describes boxes with label, data and grad, and an ellipse per operation, in DOT", () => {
    const dot = graphDot(example().f);
    expect(dot).to.match(/^digraph G \{/);
    expect(dot).to.include('label="{ x | data 2.0000 | grad -2.0000 }"');
    expect(dot).to.include('label="{ data -6.0000 | grad 1.0000 }"');
    expect(dot).to.include('label="×"');
    expect(dot.match(/shape=ellipse/g)).to.have.length(2); // × and +
    expect(dot.match(/->/g)).to.have.length(6); // two operands and one result edge per operation
    expect(graphDot(example().f, { hideGrad: true })).to.not.include("grad");
  });

  it("escapes labels that would break the record syntax", () => {
    const dot = graphDot(node(1, [], "", 'a|b{c}"d'));
    expect(dot).to.include('a\\|b\\{c\\}\\"d');
  });

  it("renders SVG with WebAssembly Graphviz, the same on every run", async () => {
    const svg = await graphSvg(example().f);
    expect(svg.startsWith("<svg")).to.equal(true);
    expect(svg).to.include("data 2.0000");
    expect(svg).to.include("grad &#45;2.0000"); // Graphviz writes − as an entity
    expect(await graphSvg(example().f)).to.equal(svg);
  });

  it("shows a table of the same numbers outside a notebook", async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await showGraph(example().f, { title: "f = x·y + x" });
    } finally {
      process.stdout.write = write;
    }
    const text = lines.join("");
    expect(text).to.include("f = x·y + x");
    expect(text).to.include("×(#1, #0)"); // m = x·y, with y listed first (#0) and x second (#1)
    expect(text).to.include("-2.0000");
  });

  it("says what is wrong with something that is not a Value, or a graph too big to read", () => {
    expect(() => graphDot({ data: 1 } as unknown as GraphNode)).to.throw(/not a Value/);
    let chain = node(0);
    for (let i = 0; i < MAX_DRAWN_NODES; i++) chain = node(i, [chain], "tanh");
    expect(() => graphDot(chain)).to.throw(/smaller expression/);
  });
});
