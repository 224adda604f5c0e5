/**
 * Symbolic maths with mathjs: turn a formula into LaTeX, differentiate it exactly, evaluate it at a point.
 * Useful to check a hand-derived gradient (e.g. of softplus or softmax) before coding it.
 * mathjs is loaded on first use (it takes most of a second).
 */
import type * as MathJs from "mathjs";
import { CourseInputError } from "./errors";

let mathjs: typeof MathJs | undefined;

function math(): typeof MathJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (mathjs ??= require("mathjs") as typeof MathJs);
}

/** mathjs's parse with a course-style error for a formula it cannot read. */
function parse(expr: string, name: string): MathJs.MathNode {
  if (typeof expr !== "string" || expr.trim() === "") {
    throw new CourseInputError(`${name}: expected a formula as a string, e.g. "log(1 + exp(x))".`);
  }
  try {
    return math().parse(expr);
  } catch (e) {
    throw new CourseInputError(`${name}: cannot read the formula "${expr}": ${(e as Error).message}.`);
  }
}

/**
 * LaTeX of a formula written in mathjs syntax.
 *
 * @example
 * toTex("sqrt(x) / 2"); // "\\frac{\\sqrt{ x}}{2}"
 */
export function toTex(expr: string): string {
  return parse(expr, "toTex").toTex();
}

/**
 * The exact derivative of a formula with respect to one variable, simplified, as mathjs text and as LaTeX.
 *
 * @example
 * derivative("x^2", "x"); // { expr: "2 * x", tex: "2\\cdot x" }
 * derivative("log(1 + exp(x))", "x").expr; // "exp(x) / (exp(x) + 1)" (the logistic sigmoid)
 */
export function derivative(expr: string, variable: string): { expr: string; tex: string } {
  const node = parse(expr, "derivative");
  if (typeof variable !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new CourseInputError(`derivative: the variable must be a name such as "x", got ${String(variable)}.`);
  }
  const d = math().simplify(math().derivative(node, variable));
  return { expr: d.toString(), tex: d.toTex() };
}

/**
 * The value of a formula with its variables set from `scope`.
 *
 * @example
 * evaluateAt("x^2 + y", { x: 3, y: 1 }); // 10
 */
export function evaluateAt(expr: string, scope: Record<string, number>): number {
  const node = parse(expr, "evaluateAt");
  let value: unknown;
  try {
    value = node.evaluate({ ...scope });
  } catch (e) {
    throw new CourseInputError(
      `evaluateAt: cannot evaluate "${expr}": ${(e as Error).message}. Is every variable in scope?`,
    );
  }
  if (typeof value !== "number") {
    throw new CourseInputError(`evaluateAt: "${expr}" does not give a real number (got ${math().format(value)}).`);
  }
  return value;
}
