/**
 * Which cells of a notebook need an exercise: read from the cells' TypeScript, not from a hand-kept list, so the
 * scripted student's expectations follow the notebook when it changes.
 *
 * A top-level statement depends on an exercise when it mentions an exercise function, or a function or value that
 * an earlier statement derived from one. A cell needs the exercise when such a statement runs there: defining a
 * function that would call an exercise needs nothing yet; calling it, or computing a value from an exercise, does.
 * A cell that only uses values computed by an earlier cell needs that cell to have worked.
 */
import * as ts from "typescript";

export interface ExerciseUse {
  /** True when running the cell reaches an exercise (directly or through a value of an earlier cell). */
  needs: boolean;
  /** The exercise functions the cell's result rests on. */
  exercises: string[];
  /** True when the cell itself runs exercise code (calls an exercise, or a function that calls one). */
  callsExercise: boolean;
  /** The earlier cells (indexes into the list) whose exercise-derived values this cell uses. */
  usesValuesOf: number[];
}

interface Derived {
  /** The exercises behind the name. */
  exercises: Set<string>;
  /** A function (calling it runs exercise code) or a value (computed by running it). */
  kind: "function" | "value";
  /** The cell that defined the name. */
  cell: number;
}

/** Identifiers a statement reads (not property names, object keys, declared names or types). */
function referencedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const declaresOrNames =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isBindingElement(p) && (p.name === n || p.propertyName === n)) ||
        ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isParameter(p)) && p.name === n);
      if (!declaresOrNames) names.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** True for an initializer that only defines a function (nothing runs until it is called). */
function definesFunction(init: ts.Expression | undefined): boolean {
  return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
}

function declaredNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : declaredNames(e.name)));
}

/** Reads the code cells in order; `exercises` are the names under which the cells call the exercise functions. */
export function exerciseUse(cells: string[], exercises: string[]): ExerciseUse[] {
  const derived = new Map<string, Derived>();
  for (const e of exercises) derived.set(e, { exercises: new Set([e]), kind: "function", cell: -1 });
  return cells.map((code, index) => {
    const file = ts.createSourceFile(`cell${index}.ts`, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const found = new Set<string>();
    const fromCells = new Set<number>();
    let callsExercise = false;
    for (const statement of file.statements) {
      const behind = new Set<string>();
      const cellsBehind = new Set<number>();
      let calls = false;
      for (const name of referencedNames(statement)) {
        const d = derived.get(name);
        if (!d) continue;
        d.exercises.forEach((e) => behind.add(e));
        if (d.kind === "function") calls = true;
        else if (d.cell !== index) cellsBehind.add(d.cell);
      }
      if (behind.size === 0) continue;
      // what the statement defines now rests on those exercises too
      let runs = true;
      if (ts.isVariableStatement(statement)) {
        const decls = statement.declarationList.declarations;
        const onlyFunctions = decls.every((d) => definesFunction(d.initializer));
        for (const d of decls) {
          for (const name of declaredNames(d.name)) {
            derived.set(name, { exercises: new Set(behind), kind: onlyFunctions ? "function" : "value", cell: index });
          }
        }
        runs = !onlyFunctions;
      } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
        if (statement.name) {
          derived.set(statement.name.text, { exercises: new Set(behind), kind: "function", cell: index });
        }
        runs = false;
      } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        runs = false;
      }
      if (!runs) continue;
      behind.forEach((e) => found.add(e));
      cellsBehind.forEach((c) => fromCells.add(c));
      callsExercise ||= calls;
    }
    return {
      needs: found.size > 0,
      exercises: [...found].sort(),
      callsExercise,
      usesValuesOf: [...fromCells].sort((a, b) => a - b),
    };
  });
}

/** True when a cell only defines functions, interfaces and types: running it shows nothing. */
export function definesOnly(code: string): boolean {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return file.statements.every(
    (s) =>
      ts.isFunctionDeclaration(s) ||
      ts.isInterfaceDeclaration(s) ||
      ts.isTypeAliasDeclaration(s) ||
      ts.isClassDeclaration(s) ||
      (ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => definesFunction(d.initializer))),
  );
}
