/**
 * Hidden graded tests for exercises/autograd.ts: other graphs than the public tests — constants as operands, long
 * chains, deep reuse, extreme inputs, a Value reached along several paths, and a small network — so that an engine
 * tuned to the public graphs does not collect these points.
 *
 * Expected values are worked out by hand (written next to each graph) or come from centred differences of the
 * forward pass.
 */
import { expect } from "chai";
import { autograd } from "nn-course/exercises";
import type { GraphNodeSpec, GraphResult, GraphSpec } from "../../lib/api/autograd";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { relativeError } from "../../lib/gradcheck";
import { graded, expectNumbers, graphResult, hint, GRAD_TOL, type Hint } from "../graded/graded";

/** The student's evaluateGraph(spec), checked to be { data, grad } of numbers. */
const run = (spec: GraphSpec, what: string): GraphResult => graphResult(autograd.evaluateGraph(spec), spec, what);

const assignedInsteadOfAdded = (i: number, partials: number[]): Hint =>
  hint(
    "= instead of += in a backward closure",
    (got) => got instanceof Matrix && partials.some((p) => Math.abs(got.data[i] - p) < 1e-9),
    "a Value used twice gets only one gradient: a closure must add its share to each child's grad (+=).",
  );

/** Fails unless the grad of every leaf matches centred differences of the forward pass (relative error < 1e-7). */
function expectLeafGradsMatch(spec: GraphSpec, what: string): void {
  const r = run(spec, what);
  const root = spec.root ?? spec.nodes.length - 1;
  spec.nodes.forEach((n, i) => {
    if (n.op !== "value") return;
    const h = 1e-6;
    const at = (d: number): number => {
      const nodes = spec.nodes.map((m, j) => (j === i ? { ...m, data: (m.data as number) + d } : m));
      return autograd.evaluateGraph({ ...spec, nodes, backward: false }).data[root];
    };
    const numeric = (at(h) - at(-h)) / (2 * h);
    const err = relativeError(r.grad[i], numeric);
    if (!(err < GRAD_TOL)) {
      expect.fail(
        `${what}: grad of leaf ${i} is ${r.grad[i]}, centred differences give ${numeric} (relative error ${err})`,
      );
    }
  });
}

describe("graded (hidden): autograd", () => {
  graded("constants as operands: f = ((2a + 1)³ − a) / (b + 0.5) at a = 0.3, b = 1.5", 2, () => {
    const spec: GraphSpec = {
      nodes: [
        { op: "value", data: 0.3 },
        { op: "value", data: 1.5 },
        { op: "mul", args: [{ constant: 2 }, 0] },
        { op: "add", args: [2, { constant: 1 }] },
        { op: "pow", args: [3], k: 3 },
        { op: "sub", args: [4, 0] },
        { op: "add", args: [1, { constant: 0.5 }] },
        { op: "div", args: [5, 6] },
      ],
    };
    const r = run(spec, "f = ((2a + 1)³ − a) / (b + 0.5)");
    // (1.6³ − 0.3) / 2 = 1.898; ∂f/∂a = (6·1.6² − 1)/2 = 7.18; ∂f/∂b = −3.796/4 = −0.949.
    expectNumbers([r.data[7]], [1.898], 1e-12, "f at a = 0.3, b = 1.5");
    expectNumbers(r.grad.slice(0, 2), [7.18, -0.949], 1e-12, "[∂f/∂a, ∂f/∂b]", [
      assignedInsteadOfAdded(0, [7.68, 1, 6.68]),
    ]);
  });

  graded("deep reuse: x·x·x·x (x⁴) and a chain of 1000 tanh keep every share", 2, () => {
    const x4: GraphSpec = {
      nodes: [
        { op: "value", data: 1.1 },
        { op: "mul", args: [0, 0] },
        { op: "mul", args: [1, 0] },
        { op: "mul", args: [2, 0] },
      ],
    };
    const r = run(x4, "x⁴ as ((x·x)·x)·x at x = 1.1");
    expectNumbers([r.grad[0]], [4 * 1.1 ** 3], 1e-12, "∂x⁴/∂x at x = 1.1", [assignedInsteadOfAdded(0, [1.1 ** 3])]);
    const nodes: GraphNodeSpec[] = [{ op: "value", data: 0.2 }];
    for (let i = 0; i < 1000; i++) nodes.push({ op: "tanh", args: [i] });
    const chain = run({ nodes }, "1000 tanh in a chain");
    let expected = 1;
    for (let i = 1; i <= 1000; i++) expected *= 1 - chain.data[i] ** 2;
    expect(
      relativeError(chain.grad[0], expected),
      `∂/∂x of tanh∘…∘tanh (1000 times) at 0.2: got ${chain.grad[0]}, expected ${expected}`,
    ).to.be.below(1e-12);
  });

  graded("extreme inputs: sigmoid(±1000), tanh(30), exp(−50) and relu at 0 stay finite and right", 2, () => {
    const at = (op: GraphNodeSpec["op"], x: number) =>
      run(
        {
          nodes: [
            { op: "value", data: x },
            { op, args: [0] },
          ],
        },
        `${op}(${x})`,
      );
    const sp = at("sigmoid", 1000);
    const sn = at("sigmoid", -1000);
    expectNumbers(
      [sp.data[1], sp.grad[0], sn.data[1], sn.grad[0]],
      [1, 0, 0, 0],
      1e-300,
      "sigmoid(1000), its grad, sigmoid(−1000), its grad",
    );
    const t = at("tanh", 30);
    expectNumbers([t.data[1], t.grad[0]], [1, 0], 1e-15, "tanh(30) and its grad");
    const e = at("exp", -50);
    expectNumbers([e.grad[0] / Math.exp(-50)], [1], 1e-12, "exp'(−50) / e^−50");
    const r0 = at("relu", 0);
    const r1 = at("relu", -0.5);
    const r2 = at("relu", 0.5);
    expectNumbers(
      [r0.data[1], r0.grad[0], r1.grad[0], r2.grad[0]],
      [0, 0, 0, 1],
      0,
      "relu(0), relu'(0) (as reluBackward), relu'(−0.5), relu'(0.5)",
    );
  });

  graded("log(σ(a·b) + a): a reached along two paths; the order lists each Value once", 1, () => {
    const spec: GraphSpec = {
      nodes: [
        { op: "value", data: 0.4 },
        { op: "value", data: -0.7 },
        { op: "mul", args: [0, 1] },
        { op: "sigmoid", args: [2] },
        { op: "add", args: [3, 0] },
        { op: "log", args: [4] },
      ],
      order: true,
    };
    const r = run(spec, "log(σ(a·b) + a)");
    const order = r.order ?? [];
    expect(new Set(order).size, `order ${order} lists a Value twice`).to.equal(order.length);
    expect(order.length, `order ${order}: 6 Values`).to.equal(6);
    expectLeafGradsMatch(spec, "log(σ(a·b) + a)");
  });

  graded("a 2-4-1 tanh network on one example: every weight's grad matches centred differences", 3, () => {
    const r = rng(1405);
    const W1 = r.randn(2, 4, 0.8);
    const W2 = r.randn(4, 1, 0.8);
    const nodes: GraphNodeSpec[] = [
      { op: "value", data: 0.9 },
      { op: "value", data: -1.2 },
    ];
    const leaf = (v: number) => nodes.push({ op: "value", data: v }) - 1;
    const w1 = Array.from(W1.data, leaf);
    const w2 = Array.from(W2.data, leaf);
    const hidden: number[] = [];
    for (let j = 0; j < 4; j++) {
      const a = nodes.push({ op: "mul", args: [0, w1[j]] }) - 1;
      const b = nodes.push({ op: "mul", args: [1, w1[4 + j]] }) - 1;
      const s = nodes.push({ op: "add", args: [a, b] }) - 1;
      hidden.push(nodes.push({ op: "tanh", args: [s] }) - 1);
    }
    let out = nodes.push({ op: "mul", args: [hidden[0], w2[0]] }) - 1;
    for (let j = 1; j < 4; j++) {
      const p = nodes.push({ op: "mul", args: [hidden[j], w2[j]] }) - 1;
      out = nodes.push({ op: "add", args: [out, p] }) - 1;
    }
    // loss = (out − 0.5)²
    const d = nodes.push({ op: "sub", args: [out, { constant: 0.5 }] }) - 1;
    nodes.push({ op: "pow", args: [d], k: 2 });
    expectLeafGradsMatch({ nodes }, "(tanh(x·W1)·W2 − 0.5)² with x = [0.9, −1.2]");
  });
});
