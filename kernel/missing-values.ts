/**
 * What a cell leaves behind when it stops part-way (an exercise not implemented yet, an error, an interrupt).
 *
 * tslab forgets the declarations of a cell that failed, so every later cell that uses one of its names fails to
 * compile ("Cannot find name 'probs'") without saying which cell to re-run. The course kernel keeps the failed
 * cell's declarations instead (see fixes.ts), and each name that the cell did not get to compute holds a *missing
 * value*: a stand-in that, as soon as a later cell uses it, throws a MissingValue error saying which cell to re-run
 * and why — one plain line, and, when the cause is an unimplemented exercise, a notice instead of an error.
 */
import * as ts from "@tslab/typescript-for-tslab";

/** Why a cell stopped before computing some of its names. */
export type StopCause =
  { kind: "exercise"; exercise: string; file: string } | { kind: "interrupt" } | { kind: "error"; error: string };

/** Thrown when a cell uses a name that an earlier cell did not get to compute. */
export class MissingValue extends Error {
  constructor(
    readonly variable: string,
    /** The execution count of the cell that declares it (its "In [n]"). */
    readonly cell: number,
    readonly stopCause: StopCause,
  ) {
    super(missingValueMessage(variable, cell, stopCause));
    this.name = "MissingValue";
    this.stack = `${this.name}: ${this.message}`;
  }
}

function missingValueMessage(variable: string, cell: number, cause: StopCause): string {
  const source = `In [${cell}]`;
  switch (cause.kind) {
    case "exercise":
      return (
        `${variable} has no value yet: ${source} needs ${cause.exercise}, which is not implemented yet. ` +
        `Implement ${cause.exercise} in ${cause.file}, save, then re-run ${source} and this cell.`
      );
    case "interrupt":
      return `${variable} has no value: ${source} was interrupted before computing it. Re-run ${source}, then this cell.`;
    case "error":
      return (
        `${variable} has no value: ${source} stopped with an error before computing it (${cause.error}). ` +
        `Fix that, re-run ${source}, then this cell.`
      );
  }
}

/** The missing values made so far, to tell them apart from ordinary objects without touching their traps. */
const missingValues = new WeakSet<object>();

/** True for a stand-in made by missingValue(). */
export function isMissingValue(x: unknown): boolean {
  return (typeof x === "object" || typeof x === "function") && x !== null && missingValues.has(x);
}

/**
 * A stand-in for `variable`: any use of it (reading a property, calling it, converting it to a number or string,
 * `instanceof`, `in`, spreading it) throws a MissingValue error. Passing it along untouched does not.
 */
export function missingValue(variable: string, cell: number, cause: StopCause): object {
  const fail = (): never => {
    throw new MissingValue(variable, cell, cause);
  };
  // A function as the target, so that calling the stand-in reaches the `apply` trap too.
  const value = new Proxy(function missing() {}, {
    get: fail,
    set: fail,
    has: fail,
    apply: fail,
    construct: fail,
    ownKeys: fail,
    getPrototypeOf: fail,
    getOwnPropertyDescriptor: fail,
    defineProperty: fail,
    deleteProperty: fail,
  });
  missingValues.add(value);
  return value;
}

/**
 * The names a cell declares at its top level: variables (also inside destructuring patterns), functions, classes
 * and enums, in the order they appear.
 *
 * @example
 * declaredNames("const { a, b: [c] } = f(); function g() {}"); // ["a", "c", "g"]
 */
export function declaredNames(code: string): string[] {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return names;
}
