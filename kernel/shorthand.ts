/**
 * Fix 11: object shorthand for a variable of an earlier cell. tslab turns every use of an earlier cell's variable
 * `x` into `exports.x`, but it does not see the `x` of a shorthand property (`{ x }`: TypeScript gives that name the
 * property's symbol), so `{ train, val }` failed at run time with "train is not defined". Writing each shorthand
 * property out in full (`{ train: train, val: val }`) before tslab compiles the cell lets tslab see the variable.
 * Only columns after a shorthand on its own line move; line numbers of errors stay right.
 *
 * @example
 * expandShorthandProperties("const data = { train, val };") // "const data = { train: train, val: val };"
 */
import * as ts from "@tslab/typescript-for-tslab";

/** The cell's source with every shorthand property `{ x }` written as `{ x: x }`; anything else unchanged. */
export function expandShorthandProperties(src: string): string {
  if (!src.includes("{")) return src;
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const insertAt: { pos: number; name: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) insertAt.push({ pos: node.name.end, name: node.name.text });
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = src;
  // From the end, so that earlier positions stay valid.
  for (const { pos, name } of insertAt.sort((a, b) => b.pos - a.pos))
    out = `${out.slice(0, pos)}: ${name}${out.slice(pos)}`;
  return out;
}
