/**
 * Graded tests for exercises/autograd.ts (the scalar Value engine).
 *
 * A Value holds closures, which cannot leave the sandbox a submission runs in, so every test describes its graph as
 * plain data and calls `evaluateGraph`, which builds it with the student's operations, runs the student's backward
 * and returns each node's data and grad. Known values are worked out by hand (they are written next to each graph);
 * the elementary functions are also checked against centred differences of the forward pass: relative error < 1e-7.
 */
import { expect } from "chai";
import { autograd } from "nn-course/exercises";
import type { GraphResult, GraphSpec } from "../../lib/api/autograd";
import { Matrix } from "../../lib/matrix";
import { relativeError } from "../../lib/gradcheck";
import { graded, expectNumbers, graphResult, expectThrowsNamed, hint, GRAD_TOL, type Hint } from "./graded";

/** The student's evaluateGraph(spec), checked to be { data, grad } of numbers. */
const run = (spec: GraphSpec, what: string): GraphResult => graphResult(autograd.evaluateGraph(spec), spec, what);

/** Recognises a result whose element `i` equals one of `partials` (one share of a gradient, not their sum). */
function onlyOneShare(i: number, partials: number[]): Hint["detect"] {
  return (got) => {
    const g = got instanceof Matrix ? got.data[i] : NaN;
    return partials.some((p) => Math.abs(g - p) < 1e-9);
  };
}

/** The hint for a gradient that got only one of its shares: `=` instead of `+=` in a backward closure. */
function assignedInsteadOfAdded(i: number, partials: number[]): Hint {
  return hint(
    "= instead of += in a backward closure",
    onlyOneShare(i, partials),
    "a Value used twice gets only one gradient: a closure must add its share to each child's grad (+=), " +
      "because another use of the same child adds its own share too (the chain rule sums over every path).",
  );
}

/** The hint for a gradient read before it was complete: closures not called in reverse topological order. */
function backwardBeforeTopologicalOrder(i: number, partials: number[]): Hint {
  return hint(
    "backward before topological order",
    onlyOneShare(i, partials),
    "a Value's backward step ran before every Value that uses it had passed its share on, so it passed on an " +
      "incomplete grad. Call the steps in reverse topological order: a Value only after all the Values that use it.",
  );
}

/** ∂root/∂(leaf i) by centred differences of the forward pass (evaluateGraph without backward). */
function numericGrad(spec: GraphSpec, i: number, h = 1e-6): number {
  const at = (d: number): number => {
    const nodes = spec.nodes.map((n, j) => (j === i ? { ...n, data: (n.data as number) + d } : n));
    const r = autograd.evaluateGraph({ ...spec, nodes, backward: false });
    return r.data[spec.root ?? nodes.length - 1];
  };
  return (at(h) - at(-h)) / (2 * h);
}

/** Fails unless the grad of every leaf of `spec` matches centred differences (relative error < GRAD_TOL). */
function expectLeafGradsMatch(spec: GraphSpec, what: string): void {
  const r = run(spec, what);
  spec.nodes.forEach((n, i) => {
    if (n.op !== "value") return;
    const numeric = numericGrad(spec, i);
    const err = relativeError(r.grad[i], numeric);
    if (!(err < GRAD_TOL)) {
      expect.fail(
        `${what}: grad of leaf ${i} (${n.label ?? "data " + n.data}) is ${r.grad[i]}, centred differences give ` +
          `${numeric} (relative error ${err}, should be < ${GRAD_TOL})`,
      );
    }
  });
}

describe("graded: autograd", () => {
  graded("add and mul: f = x·y + x at x = 2, y = −3 (values and grads)", 2, () => {
    // x, y, m = x·y, f = m + x: f = −4, ∂f/∂x = y + 1 = −2, ∂f/∂y = x = 2.
    const spec: GraphSpec = {
      nodes: [
        { op: "value", data: 2, label: "x" },
        { op: "value", data: -3, label: "y" },
        { op: "mul", args: [0, 1] },
        { op: "add", args: [2, 0] },
      ],
    };
    const what = "f = x·y + x at x = 2, y = −3; nodes [x, y, x·y, f]";
    const r = run(spec, what);
    expectNumbers(r.data, [2, -3, -6, -4], 1e-12, `${what}: data`);
    expectNumbers(r.grad, [-2, 2, 1, 1], 1e-12, `${what}: grad`, [
      assignedInsteadOfAdded(0, [-3]),
      backwardBeforeTopologicalOrder(0, [1]),
    ]);
  });

  graded("a Value used twice gets both shares: x·x and x + x at x = 3", 2, () => {
    const square = run(
      {
        nodes: [
          { op: "value", data: 3 },
          { op: "mul", args: [0, 0] },
        ],
      },
      "x·x",
    );
    expectNumbers(square.data, [3, 9], 1e-12, "x·x at x = 3: data");
    expectNumbers(square.grad, [6, 1], 1e-12, "x·x at x = 3: grad [∂/∂x, ∂/∂(x·x)]", [assignedInsteadOfAdded(0, [3])]);
    const twice = run(
      {
        nodes: [
          { op: "value", data: 3 },
          { op: "add", args: [0, 0] },
        ],
      },
      "x + x",
    );
    expectNumbers(twice.grad, [2, 1], 1e-12, "x + x at x = 3: grad", [assignedInsteadOfAdded(0, [1])]);
  });

  graded("neg/sub/div/pow: values and grads; a / 0 → CourseInputError", 2, () => {
    // a = 3, b = 4: −a = −3, a − b = −1, a / b = 0.75, b³ = 64, and f = (a − b) + a / b + b³ + (−a) = 60.75.
    const spec: GraphSpec = {
      nodes: [
        { op: "value", data: 3, label: "a" },
        { op: "value", data: 4, label: "b" },
        { op: "neg", args: [0] },
        { op: "sub", args: [0, 1] },
        { op: "div", args: [0, 1] },
        { op: "pow", args: [1], k: 3 },
        { op: "add", args: [3, 4] },
        { op: "add", args: [6, 5] },
        { op: "add", args: [7, 2] },
      ],
    };
    const what = "f = (a − b) + a/b + b³ + (−a) at a = 3, b = 4";
    const r = run(spec, what);
    expectNumbers(r.data, [3, 4, -3, -1, 0.75, 64, -0.25, 63.75, 60.75], 1e-12, `${what}: data`);
    expectNumbers(r.grad.slice(0, 2), [0.25, 46.8125], 1e-12, `${what}: grad [∂f/∂a, ∂f/∂b]`);
    expectThrowsNamed(
      () =>
        autograd.evaluateGraph({
          nodes: [
            { op: "value", data: 1 },
            { op: "value", data: 0 },
            { op: "div", args: [0, 1] },
          ],
        }),
      "CourseInputError",
      "1 / 0",
    );
  });

  graded("exp/log/tanh/relu/sigmoid: grads match centred differences", 3, () => {
    for (const op of ["exp", "log", "tanh", "relu", "sigmoid"] as const) {
      for (const x of [0.7, -1.3, 2.1]) {
        if (op === "log" && x <= 0) continue;
        // f = op(x) · x: the operation's own gradient and a second path through x.
        const spec: GraphSpec = {
          nodes: [
            { op: "value", data: x, label: "x" },
            { op, args: [0] },
            { op: "mul", args: [1, 0] },
          ],
        };
        expectLeafGradsMatch(spec, `f = ${op}(x)·x at x = ${x}`);
      }
    }
  });

  graded("topologicalOrder: every Value once, after its children, the root last", 2, () => {
    // A diamond with a shortcut: a, b = tanh(a), c = b·2, d = b + c, e = d·a.
    const spec: GraphSpec = {
      nodes: [
        { op: "value", data: 0.5 },
        { op: "tanh", args: [0] },
        { op: "mul", args: [1, { constant: 2 }] },
        { op: "add", args: [1, 2] },
        { op: "mul", args: [3, 0] },
      ],
      order: true,
      backward: false,
    };
    const r = autograd.evaluateGraph(spec);
    const order = r.order;
    if (!Array.isArray(order)) expect.fail(`topologicalOrder gave no order: ${JSON.stringify(r)}`);
    const nodes = order.filter((i) => i >= 0);
    expect(
      order.length,
      `topologicalOrder of e = (b + 2b)·a: 6 Values (5 nodes and the constant 2), got ${order}`,
    ).to.equal(6);
    expect([...nodes].sort(), `each node exactly once, got ${order} (node indices; −1 is the constant)`).to.deep.equal([
      0, 1, 2, 3, 4,
    ]);
    expect(order[order.length - 1], `the root (node 4) last, got ${order}`).to.equal(4);
    const pos = (i: number) => order.indexOf(i);
    const edges: [number, number][] = [
      [0, 1],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [0, 4],
    ];
    for (const [child, parent] of edges) {
      expect(
        pos(child) < pos(parent),
        `node ${child} must come before node ${parent}, which uses it; got ${order}`,
      ).to.equal(true);
    }
  });

  graded("backward: a neuron tanh(x₁w₁ + x₂w₂ + b) and a graph where the order matters", 2, () => {
    // micrograd's neuron: x₁ = 2, x₂ = 0, w₁ = −3, w₂ = 1, b = 6.8813735870195432, o = tanh(n) = 1/√2.
    const neuron: GraphSpec = {
      nodes: [
        { op: "value", data: 2, label: "x1" },
        { op: "value", data: 0, label: "x2" },
        { op: "value", data: -3, label: "w1" },
        { op: "value", data: 1, label: "w2" },
        { op: "value", data: 6.8813735870195432, label: "b" },
        { op: "mul", args: [0, 2] },
        { op: "mul", args: [1, 3] },
        { op: "add", args: [5, 6] },
        { op: "add", args: [7, 4] },
        { op: "tanh", args: [8] },
      ],
    };
    const what = "o = tanh(x1·w1 + x2·w2 + b)";
    const r = run(neuron, what);
    expectNumbers([r.data[9]], [Math.SQRT1_2], 1e-12, `${what}: o`);
    expectNumbers(r.grad.slice(0, 5), [-1.5, 0.5, 1, 0, 0.5], 1e-12, `${what}: grad [x1, x2, w1, w2, b]`);
    // b = tanh(x) is used by d = b + c directly and through c = 2b.
    const order: GraphSpec = {
      nodes: [
        { op: "value", data: 0.5, label: "x" },
        { op: "tanh", args: [0] },
        { op: "mul", args: [1, { constant: 2 }] },
        { op: "add", args: [1, 2] },
      ],
    };
    const r2 = run(order, "d = b + 2b with b = tanh(x), x = 0.5");
    expectNumbers(r2.grad, [2.359343198897782, 3, 1, 1], 1e-12, "d = b + 2b with b = tanh(x), x = 0.5: grad", [
      backwardBeforeTopologicalOrder(0, [0.7864477329659274, 0]),
      assignedInsteadOfAdded(1, [1, 2]),
    ]);
  });
});
