/**
 * A scalar automatic-differentiation engine, after Karpathy's micrograd (Lecture 001, "Flow graph": "each box could
 * be an object with an fprop method … each object also has a bprop method … by calling bprop in the reverse order,
 * we get backpropagation").
 *
 * Every operation turns its operands into Values with `asValue(operand, fn, name)`, makes a new Value from them with
 * `resultOf(data, children, op)` (the forward pass, fprop)
 * and sets the new Value's `backwardStep`, its local backward closure (bprop): it reads the new Value's own `grad`
 * (∂root/∂out, complete by the time it runs) and adds to each child's `grad` that child's share of it. `backward`
 * calls those closures from the root down, in reverse topological order.
 *
 * Conventions:
 *   - an operand is a Value or a plain number (a number becomes a constant leaf);
 *   - a closure only adds to its children's grads: a Value used twice receives a share from each use;
 *   - every function here takes and returns Values in notebooks; graded tests reach it through `evaluateGraph`,
 *     which takes and returns plain data.
 */
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { GraphResult, GraphSpec, Operand, Value } from "../lib/api/autograd";

/**
 * A leaf: a Value holding `data`, with grad 0, no children, and a backward step that does nothing.
 *
 * @example
 * const x = value(2, "x");
 * [x.data, x.grad, x.children.length]; // [2, 0, 0]
 */
export function value(data: number, label = ""): Value {
  if (typeof data !== "number" || !Number.isFinite(data)) {
    throw new CourseInputError(`value: data must be a finite number, got ${String(data)}; pass e.g. value(2, "x").`);
  }
  return resultOf(data, [], "", label);
}

/**
 * A new Value computed by operation `op` from `children`, with grad 0 and a backward step that does nothing yet:
 * the operation sets `backwardStep` on what this returns.
 *
 * @example
 * const out = resultOf(a.data + b.data, [a, b], "+");
 * out.backwardStep = () => { … };
 */
export function resultOf(data: number, children: Value[], op: string, label = ""): Value {
  return { data, grad: 0, children, op, label, backwardStep: () => {} };
}

/** The operand as a Value: itself, or a constant leaf for a number; a clear error for anything else. */
export function asValue(x: Operand, fn: string, name: string): Value {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new CourseInputError(`${fn}: ${name} is ${x}; pass a finite number or a Value.`);
    return value(x, String(x));
  }
  if (x === null || typeof x !== "object" || typeof x.data !== "number" || !Array.isArray(x.children)) {
    throw new CourseInputError(
      `${fn}: ${name} must be a Value (made by value(…) or another operation) or a number, got ${describe(x)}.`,
    );
  }
  return x;
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  return typeof x === "object" ? "an object that is not a Value" : `${typeof x} ${String(x)}`;
}

/**
 * a + b.
 *
 * @example
 * const a = value(2), b = value(-3);
 * const c = add(a, b); // c.data = -1
 * backward(c);         // a.grad and b.grad: how much c changes per unit change of each
 */
export function add(a: Operand, b: Operand): Value {
  throw new NotImplementedError("add");
}

/**
 * a · b.
 *
 * @example
 * const c = mul(value(2), value(-3)); // c.data = -6
 */
export function mul(a: Operand, b: Operand): Value {
  throw new NotImplementedError("mul");
}

/**
 * −a.
 *
 * @example
 * neg(value(2)).data; // -2
 */
export function neg(a: Operand): Value {
  throw new NotImplementedError("neg");
}

/**
 * a − b (its own operation, or built from the ones above: both give the same gradients).
 *
 * @example
 * sub(value(2), value(5)).data; // -3
 */
export function sub(a: Operand, b: Operand): Value {
  throw new NotImplementedError("sub");
}

/**
 * a / b, for b ≠ 0 (its own operation, or built from the ones above).
 *
 * @example
 * div(value(3), value(4)).data; // 0.75
 */
export function div(a: Operand, b: Operand): Value {
  if (asValue(b, "div", "b").data === 0) {
    throw new CourseInputError("div: the divisor b is 0; a / 0 has no value and no gradient.");
  }
  throw new NotImplementedError("div");
}

/**
 * a raised to the constant power k (a number, not a Value: the graph has no edge for k).
 *
 * @example
 * pow(value(3), 2).data; // 9
 * pow(value(4), -0.5).data; // 0.5
 */
export function pow(a: Operand, k: number): Value {
  if (typeof k !== "number" || !Number.isFinite(k)) {
    throw new CourseInputError(`pow: the exponent k must be a finite number, got ${String(k)}.`);
  }
  if (asValue(a, "pow", "a").data === 0 && k < 1 && k !== 0) {
    throw new CourseInputError(`pow: 0 to the power ${k} has no finite derivative; keep a away from 0.`);
  }
  throw new NotImplementedError("pow");
}

/**
 * The exponential of a.
 *
 * @example
 * exp(value(0)).data; // 1
 */
export function exp(a: Operand): Value {
  throw new NotImplementedError("exp");
}

/**
 * The natural logarithm of a, for a > 0.
 *
 * @example
 * log(value(Math.E)).data; // 1
 */
export function log(a: Operand): Value {
  const data = asValue(a, "log", "a").data;
  if (!(data > 0)) throw new CourseInputError(`log: a must be positive, got ${data}; log(a) needs a > 0.`);
  throw new NotImplementedError("log");
}

/**
 * The hyperbolic tangent of a.
 *
 * @example
 * tanh(value(0)).data; // 0
 */
export function tanh(a: Operand): Value {
  throw new NotImplementedError("tanh");
}

/**
 * The rectified linear unit of a (at the kink a = 0, take the gradient that the library's reluBackward takes).
 *
 * @example
 * relu(value(-2)).data; // 0
 */
export function relu(a: Operand): Value {
  throw new NotImplementedError("relu");
}

/**
 * The logistic sigmoid of a; finite for every finite a (no overflow for a = −1000).
 *
 * @example
 * sigmoid(value(0)).data; // 0.5
 */
export function sigmoid(a: Operand): Value {
  throw new NotImplementedError("sigmoid");
}

/**
 * The sum of the operands (at least one), as a chain of `add`: sum([a, b, c]) = add(add(a, b), c).
 *
 * @example
 * sum([value(1), value(2), 3]).data; // 6
 */
export function sum(values: readonly Operand[]): Value {
  if (!Array.isArray(values) || values.length === 0) {
    throw new CourseInputError("sum: pass a non-empty array of Values or numbers, e.g. sum([a, b, c]).");
  }
  let total = asValue(values[0], "sum", "values[0]");
  for (let i = 1; i < values.length; i++) total = add(total, values[i]);
  return total;
}

/**
 * Every Value that `root` depends on, `root` included, each exactly once, ordered so that every Value comes after
 * all of its children (so `root` is last).
 *
 * @example
 * const a = value(1), b = value(2);
 * const c = add(a, b);
 * topologicalOrder(c); // [a, b, c] (or [b, a, c])
 */
export function topologicalOrder(root: Value): Value[] {
  checkRoot("topologicalOrder", root);
  throw new NotImplementedError("topologicalOrder");
}

/**
 * Backpropagation from `root`: afterwards every Value's grad is the derivative of root with respect to it
 * (root's own grad is 1). Grads add up: call zeroGrad(root) before a second backward pass on the same graph.
 *
 * @example
 * const x = value(3);
 * const y = mul(x, x);
 * backward(y);
 * x.grad; // 6
 */
export function backward(root: Value): void {
  checkRoot("backward", root);
  throw new NotImplementedError("backward");
}

/**
 * Sets the grad of `root` and of every Value it depends on back to 0.
 *
 * @example
 * backward(loss); zeroGrad(loss); backward(loss); // the same grads as after the first backward
 */
export function zeroGrad(root: Value): void {
  checkRoot("zeroGrad", root);
  for (const v of topologicalOrder(root)) v.grad = 0;
}

function checkRoot(fn: string, root: Value): void {
  if (root === null || typeof root !== "object" || typeof root.data !== "number" || !Array.isArray(root.children)) {
    throw new CourseInputError(
      `${fn}: root must be a Value (made by value(…) or an operation), got ${describe(root)}.`,
    );
  }
}

const UNARY = { neg, exp, log, tanh, relu, sigmoid } as const;
const BINARY = { add, mul, sub, div } as const;

/**
 * Builds the graph a plain description gives, with the operations of this file, runs backward on its root (unless
 * `backward: false`), and returns every node's data and grad (and, with `order: true`, the topological order as
 * node indices). This is how graded tests, which can only send plain data, reach the engine.
 *
 * @example
 * evaluateGraph({ nodes: [{ op: "value", data: 3 }, { op: "mul", args: [0, 0] }] });
 * // { data: [3, 9], grad: [6, 1] }
 */
export function evaluateGraph(spec: GraphSpec): GraphResult {
  if (spec === null || typeof spec !== "object" || !Array.isArray(spec.nodes) || spec.nodes.length === 0) {
    throw new CourseInputError('evaluateGraph: pass { nodes: [{ op: "value", data: 2 }, …] } with at least one node.');
  }
  const built: Value[] = [];
  const operand = (i: number, arg: number | { constant: number } | undefined): Operand => {
    if (typeof arg === "number" && Number.isInteger(arg) && arg >= 0 && arg < i) return built[arg];
    if (arg !== null && typeof arg === "object" && typeof arg.constant === "number") return arg.constant;
    throw new CourseInputError(
      `evaluateGraph: node ${i} has operand ${JSON.stringify(arg)}; use the index of an earlier node or { constant: c }.`,
    );
  };
  spec.nodes.forEach((node, i) => {
    const args = node.args ?? [];
    let v: Value;
    if (node.op === "value") v = value(node.data as number);
    else if (node.op === "pow") v = pow(operand(i, args[0]), node.k as number);
    else if (node.op in UNARY) v = UNARY[node.op as keyof typeof UNARY](operand(i, args[0]));
    else if (node.op in BINARY) v = BINARY[node.op as keyof typeof BINARY](operand(i, args[0]), operand(i, args[1]));
    else throw new CourseInputError(`evaluateGraph: node ${i} has unknown op ${JSON.stringify(node.op)}.`);
    if (node.label !== undefined) v.label = node.label;
    built.push(v);
  });
  const rootIndex = spec.root ?? built.length - 1;
  const root = built[rootIndex];
  if (root === undefined) throw new CourseInputError(`evaluateGraph: root ${rootIndex} is not a node index.`);
  if (spec.backward !== false) backward(root);
  const result: GraphResult = { data: built.map((v) => v.data), grad: built.map((v) => v.grad) };
  if (spec.order) {
    const index = new Map(built.map((v, i) => [v, i] as const));
    result.order = topologicalOrder(root).map((v) => index.get(v) ?? -1);
  }
  return result;
}
