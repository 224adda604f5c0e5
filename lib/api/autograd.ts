/**
 * The API of exercises/autograd.ts: a scalar automatic-differentiation engine after Karpathy's micrograd (Lecture
 * 001, "Flow graph": each box computes its value from its children, fprop, and hands the gradient back to them,
 * bprop; calling bprop in reverse order is backpropagation).
 *
 * A `Value` is one number of a computational graph: the operations (`add`, `mul`, …, `tanh`) each make a new Value
 * whose `children` are its operands and whose `backwardStep` is the local backward closure; `backward(root)` calls
 * the closures of every Value that `root` depends on, in reverse topological order.
 *
 * Values hold closures, so they are for notebooks: a graded test sends a plain description of a graph to
 * `evaluateGraph`, which builds it with these operations inside the exercise file and returns plain numbers.
 *
 * @example
 * import { autograd } from "nn-course/exercises";
 * const { value, mul, add, backward } = autograd;
 * const x = value(2, "x"), y = value(-3, "y");
 * const f = add(mul(x, y), x); // f = x·y + x = −4
 * backward(f);                  // x.grad = y + 1 = −2, y.grad = x = 2
 */

/** One scalar of a computational graph: its value, the gradient of the root with respect to it, and how it was made. */
export interface Value {
  /** The value computed by the forward pass. */
  data: number;
  /** ∂root/∂(this value), filled in by `backward(root)` (0 until then). */
  grad: number;
  /** The operands this Value was computed from (none for a leaf made by `value`). */
  readonly children: readonly Value[];
  /** The operation that made it ("+", "×", "tanh", …), "" for a leaf. */
  readonly op: string;
  /** A name for drawings and tables ("x", "w1", …); may be "". */
  label: string;
  /** The local backward closure: passes this Value's grad on to its children's grads (does nothing for a leaf). */
  backwardStep: () => void;
}

/** An operand: a Value, or a plain number (taken as a constant leaf). */
export type Operand = Value | number;

/** Names of the operations a graph description may use. */
export type GraphOp =
  "value" | "add" | "mul" | "neg" | "sub" | "div" | "pow" | "exp" | "log" | "tanh" | "relu" | "sigmoid";

/** One node of a graph description: a leaf (`op: "value"`, `data`) or an operation on earlier nodes. */
export interface GraphNodeSpec {
  op: GraphOp;
  /** The leaf's value (op "value" only). */
  data?: number;
  /** The operands: indices of earlier nodes, or `{ constant: c }` for a plain number. */
  args?: (number | { constant: number })[];
  /** The exponent of op "pow". */
  k?: number;
  label?: string;
}

/** A computational graph as plain data: its nodes in order of creation; the root is the last node unless given. */
export interface GraphSpec {
  nodes: GraphNodeSpec[];
  /** Index of the node to differentiate (default: the last node). */
  root?: number;
  /** Run backward(root) (default true). */
  backward?: boolean;
  /** Also return topologicalOrder(root) as node indices (default false). */
  order?: boolean;
}

/** What evaluateGraph returns: each node's data and grad, in the order of the description. */
export interface GraphResult {
  data: number[];
  grad: number[];
  /**
   * When asked for: topologicalOrder(root) as indices into the description (−1 for a Value the operations made
   * on their own, e.g. a constant leaf).
   */
  order?: number[];
}

/** A leaf Value holding `data` (a finite number), with grad 0, no children and the given label. */
export declare function value(data: number, label?: string): Value;

/** a + b, with its local backward closure. */
export declare function add(a: Operand, b: Operand): Value;

/** a · b, with its local backward closure. */
export declare function mul(a: Operand, b: Operand): Value;

/** −a, with its local backward closure. */
export declare function neg(a: Operand): Value;

/** a − b, with its local backward closure. */
export declare function sub(a: Operand, b: Operand): Value;

/** a / b (b ≠ 0), with its local backward closure. */
export declare function div(a: Operand, b: Operand): Value;

/** a raised to the constant power k, with its local backward closure. */
export declare function pow(a: Operand, k: number): Value;

/** The exponential of a, with its local backward closure. */
export declare function exp(a: Operand): Value;

/** The natural logarithm of a (a > 0), with its local backward closure. */
export declare function log(a: Operand): Value;

/** The hyperbolic tangent of a, with its local backward closure. */
export declare function tanh(a: Operand): Value;

/** The rectified linear unit of a, with its local backward closure. */
export declare function relu(a: Operand): Value;

/** The logistic sigmoid of a, with its local backward closure. */
export declare function sigmoid(a: Operand): Value;

/** The sum of the operands (at least one), as a chain of `add`. */
export declare function sum(values: readonly Operand[]): Value;

/** Every Value `root` depends on, `root` included, each once, every Value after all of its children. */
export declare function topologicalOrder(root: Value): Value[];

/** Backpropagation from `root`: afterwards each Value's grad is ∂root/∂(that Value). */
export declare function backward(root: Value): void;

/** Sets the grad of `root` and of every Value it depends on back to 0 (before a second backward pass). */
export declare function zeroGrad(root: Value): void;

/** Builds the described graph with the operations above, runs backward, and returns plain numbers. */
export declare function evaluateGraph(spec: GraphSpec): GraphResult;
