/**
 * The exercise generator: `solutions/` is the single source, and `exercises/` is generated from it.
 *
 * In a solution file every `// BEGIN SOLUTION` … `// END SOLUTION` block (markers included) becomes
 * `throw new NotImplementedError("<function>");` at the marker's indentation; signatures, types, doc comments and
 * input checks outside the blocks are kept. `NotImplementedError` is imported from "../lib/errors" (merged into an
 * existing import from that module), and imports that only the removed code used are moved into a comment, so the
 * student still sees which helpers are at hand.
 *
 *   npm run exercises               regenerate exercises/ from solutions/
 *   npm run exercises -- --check    exit 1 and list the exercise files that are stale (what `npm test` checks)
 *
 * @example
 * generateExercise("export function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}\n", "f.ts");
 * // 'import { NotImplementedError } from "../lib/errors";\n\nexport function f(): number {\n  throw new NotImplementedError("f");\n}\n'
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { exitOnUsageError, parseCommandLine } from "../../lib/cli";

const projectRoot = path.resolve(__dirname, "..", "..");
const ERRORS_MODULE = "../lib/errors";
const STUB_ERROR = "NotImplementedError";
const UNUSED_IMPORTS_NOTE = "// Useful imports for your implementation (add the ones you use):";

const BEGIN = /^(\s*)\/\/\s*BEGIN SOLUTION\s*$/;
const END = /^\s*\/\/\s*END SOLUTION\s*$/;
const ANY_MARKER = /\b(BEGIN|END) SOLUTION\b/;

/** A solution file the generator cannot turn into an exercise; the message names the file and line. */
export class GenerateError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = "GenerateError";
  }
}

/** One BEGIN/END SOLUTION pair, as 0-based line indices, and the function it belongs to. */
interface Block {
  begin: number;
  end: number;
  indent: string;
  fn: string;
}

/** The name a stub reports for a function-like node, or undefined for an anonymous one. */
function functionName(node: ts.Node): string | undefined {
  const owner = (n: ts.Node): string | undefined =>
    ts.isClassLike(n.parent) && n.parent.name ? `${n.parent.name.text}.` : undefined;
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
    if (node.name) return node.name.text;
  }
  if (ts.isConstructorDeclaration(node)) return ts.isClassLike(node.parent) ? node.parent.name?.text : undefined;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    return (owner(node) ?? "") + node.name.getText();
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const p = node.parent;
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) {
      return p.name.getText();
    }
  }
  return undefined;
}

/** The nearest named function whose body contains `pos`, or undefined when `pos` is outside every function. */
function enclosingFunction(source: ts.SourceFile, pos: number): { name?: string; body: ts.Node } | undefined {
  let found: { name?: string; body: ts.Node } | undefined;
  const visit = (node: ts.Node): void => {
    if (pos < node.getFullStart() || pos >= node.end) return;
    if (ts.isFunctionLike(node)) {
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (body && pos > body.getStart(source) && pos < body.end) {
        const name = functionName(node);
        if (name !== undefined || found === undefined) found = { name, body };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Finds the BEGIN/END SOLUTION blocks of a file, or throws a GenerateError naming the bad line. */
function findBlocks(text: string, lines: string[], file: string): Block[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const lineStarts = source.getLineStarts();
  const blocks: Block[] = [];
  let open: { line: number; indent: string; fn: string; body: ts.Node } | undefined;
  lines.forEach((line, i) => {
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) {
        throw new GenerateError(
          file,
          i + 1,
          `BEGIN SOLUTION inside the block opened at line ${open.line + 1}; close it with // END SOLUTION first.`,
        );
      }
      const pos = lineStarts[i] + begin[1].length;
      const fn = enclosingFunction(source, pos);
      if (!fn) {
        throw new GenerateError(
          file,
          i + 1,
          "BEGIN SOLUTION outside a function; solution blocks must sit inside a function body.",
        );
      }
      if (fn.name === undefined) {
        throw new GenerateError(file, i + 1, "BEGIN SOLUTION inside an anonymous function; give the function a name.");
      }
      open = { line: i, indent: begin[1], fn: fn.name, body: fn.body };
    } else if (END.test(line)) {
      if (!open) throw new GenerateError(file, i + 1, "END SOLUTION without a BEGIN SOLUTION before it.");
      const pos = lineStarts[i];
      if (pos >= open.body.end) {
        throw new GenerateError(
          file,
          i + 1,
          `END SOLUTION is outside ${open.fn}, where its BEGIN SOLUTION (line ${open.line + 1}) is.`,
        );
      }
      blocks.push({ begin: open.line, end: i, indent: open.indent, fn: open.fn });
      open = undefined;
    } else if (ANY_MARKER.test(line)) {
      throw new GenerateError(file, i + 1, "a SOLUTION marker must be a comment on its own line: // BEGIN SOLUTION");
    }
  });
  if (open) throw new GenerateError(file, open.line + 1, "BEGIN SOLUTION is never closed by // END SOLUTION.");
  return blocks;
}

/** Adds `NotImplementedError` to the import from "../lib/errors" (or adds that import). */
function addStubImport(text: string, file: string): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const imports = source.statements.filter(ts.isImportDeclaration);
  for (const decl of imports) {
    const bindings = decl.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === STUB_ERROR)) {
      return text;
    }
  }
  const fromErrors = imports.find(
    (d) =>
      ts.isStringLiteral(d.moduleSpecifier) &&
      d.moduleSpecifier.text === ERRORS_MODULE &&
      !d.importClause?.isTypeOnly &&
      d.importClause?.namedBindings &&
      ts.isNamedImports(d.importClause.namedBindings) &&
      d.importClause.namedBindings.elements.length > 0,
  );
  if (fromErrors) {
    const elements = (fromErrors.importClause!.namedBindings as ts.NamedImports).elements;
    const at = elements[elements.length - 1].end;
    return `${text.slice(0, at)}, ${STUB_ERROR}${text.slice(at)}`;
  }
  const line = `import { ${STUB_ERROR} } from "${ERRORS_MODULE}";\n`;
  if (imports.length > 0) {
    const at = imports[imports.length - 1].end;
    return `${text.slice(0, at)}\n${line.trimEnd()}${text.slice(at)}`;
  }
  // No imports: after the file's header comment (a leading comment followed by a blank line), else first.
  const header = (ts.getLeadingCommentRanges(text, 0) ?? [])[0];
  if (header && text.startsWith("\n\n", header.end)) {
    const at = header.end + 2;
    return `${text.slice(0, at)}${line}\n${text.slice(at)}`;
  }
  return `${line}\n${text}`;
}

/** True when `id` reads a binding (not a property name, a member name or a name being declared). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (p as { name?: ts.Node }).name === id) {
    return false;
  }
  if (ts.isQualifiedName(p) && p.right === id) return false;
  const named = [
    ts.isPropertyAssignment,
    ts.isPropertyDeclaration,
    ts.isPropertySignature,
    ts.isMethodDeclaration,
    ts.isMethodSignature,
    ts.isGetAccessorDeclaration,
    ts.isSetAccessorDeclaration,
    ts.isEnumMember,
  ];
  if (named.some((is) => is(p)) && (p as unknown as { name: ts.Node }).name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  return true;
}

/** The unused parts of each import declaration: names no identifier outside the imports refers to. */
function unusedImportParts(text: string, file: string): { decl: ts.ImportDeclaration; unused: Set<ts.Node> }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && isReference(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const result: { decl: ts.ImportDeclaration; unused: Set<ts.Node> }[] = [];
  for (const decl of source.statements.filter(ts.isImportDeclaration)) {
    const parts = importParts(decl);
    const unused = new Set(parts.filter((p) => !used.has(localName(p))));
    if (unused.size > 0) result.push({ decl, unused });
  }
  return result;
}

/** The parts of an import: its default name, its namespace, its named specifiers (none for `import "x"`). */
function importParts(decl: ts.ImportDeclaration): ts.Node[] {
  const clause = decl.importClause;
  const parts: ts.Node[] = [];
  if (!clause) return parts; // a side-effect import stays
  if (clause.name) parts.push(clause.name);
  if (clause.namedBindings) {
    if (ts.isNamespaceImport(clause.namedBindings)) parts.push(clause.namedBindings);
    else parts.push(...clause.namedBindings.elements);
  }
  return parts;
}

/** The local name an import part binds. */
function localName(part: ts.Node): string {
  if (ts.isIdentifier(part)) return part.text;
  if (ts.isNamespaceImport(part) || ts.isImportSpecifier(part)) return part.name.text;
  return "";
}

/** An import statement for some parts of `decl` (a default name, a namespace, named specifiers). */
function importText(decl: ts.ImportDeclaration, parts: ts.Node[]): string {
  const clause = decl.importClause!;
  const pieces: string[] = [];
  const named: string[] = [];
  for (const p of parts) {
    if (ts.isIdentifier(p)) pieces.push(p.text);
    else if (ts.isNamespaceImport(p)) pieces.push(`* as ${p.name.text}`);
    else named.push(p.getText());
  }
  if (named.length > 0) pieces.push(`{ ${named.join(", ")} }`);
  return `import ${clause.isTypeOnly ? "type " : ""}${pieces.join(", ")} from ${decl.moduleSpecifier.getText()};`;
}

/** Moves imports that nothing uses any more into a comment, so the stub passes lint and still shows the helpers. */
function commentOutUnusedImports(text: string, file: string): string {
  const found = unusedImportParts(text, file);
  if (found.length === 0) return text;
  const comment = [UNUSED_IMPORTS_NOTE, ...found.map(({ decl, unused }) => `//   ${importText(decl, [...unused])}`)];
  // Edit from the end so earlier offsets stay valid; the comment replaces the first import that loses anything.
  let out = text;
  for (let k = found.length - 1; k >= 0; k--) {
    const { decl, unused } = found[k];
    const kept = importParts(decl).filter((p) => !unused.has(p));
    const start = decl.getStart();
    let replacement = kept.length > 0 ? importText(decl, kept) : "";
    if (k === 0) replacement = replacement ? `${replacement}\n${comment.join("\n")}` : comment.join("\n");
    let end = decl.end;
    if (!replacement && out[end] === "\n") end++; // drop the whole line
    out = out.slice(0, start) + replacement + out.slice(end);
  }
  return out;
}

/**
 * The exercise file for a solution file's text: solution blocks become stubs (see the file comment).
 * `file` names the source in error messages; an import longer than `width` (prettier's printWidth) is wrapped.
 * Throws a GenerateError for unbalanced or misplaced markers.
 */
export function generateExercise(text: string, file: string, width = 120): string {
  const lines = text.split("\n");
  const blocks = findBlocks(text, lines, file);
  if (blocks.length === 0) return text;
  const out: string[] = [];
  let next = 0;
  for (const b of blocks) {
    out.push(...lines.slice(next, b.begin), `${b.indent}throw new ${STUB_ERROR}(${JSON.stringify(b.fn)});`);
    next = b.end + 1;
  }
  out.push(...lines.slice(next));
  return wrapLongImports(commentOutUnusedImports(addStubImport(out.join("\n"), file), file), file, width);
}

/**
 * Breaks a one-line named import longer than `width` over several lines, as prettier prints it. The generator
 * changes nothing else that prettier would print differently, so its output passes the format check.
 */
function wrapLongImports(text: string, file: string, width: number): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  let out = text;
  const imports = source.statements.filter(ts.isImportDeclaration).reverse();
  for (const decl of imports) {
    const bindings = decl.importClause?.namedBindings;
    const line = decl.getText(source);
    if (line.includes("\n") || line.length <= width || !bindings || !ts.isNamedImports(bindings)) continue;
    if (decl.importClause!.name) continue; // `import a, { b } from` is rare enough to leave to prettier
    const names = bindings.elements.map((e) => `  ${e.getText(source)},`).join("\n");
    const type = decl.importClause!.isTypeOnly ? "type " : "";
    const wrapped = `import ${type}{\n${names}\n} from ${decl.moduleSpecifier.getText(source)};`;
    out = out.slice(0, decl.getStart(source)) + wrapped + out.slice(decl.end);
  }
  return out;
}

/** prettier's printWidth for the project (its .prettierrc.json), 80 when it sets none. */
function printWidth(root: string): number {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(root, ".prettierrc.json"), "utf8")) as { printWidth?: number };
    return config.printWidth ?? 80;
  } catch {
    return 80;
  }
}

/** What the generator would write: one entry per solution file, and exercise files with no solution. */
export interface ExercisePlan {
  /** exercises/<name>.ts, relative to the project root. */
  file: string;
  /** The generated text, or null for an exercise file that has no solution file. */
  expected: string | null;
  /** The committed text, or null when the file does not exist yet. */
  actual: string | null;
}

/** The solution files of a project: solutions/*.ts without tests. */
export function solutionFiles(root = projectRoot): string[] {
  const dir = path.join(root, "solutions");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();
}

/** Generates every exercise file of `root` in memory and pairs it with what is committed. */
export function planExercises(root = projectRoot): ExercisePlan[] {
  const plans: ExercisePlan[] = [];
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null);
  const names = solutionFiles(root);
  const width = printWidth(root);
  for (const name of names) {
    const source = path.join(root, "solutions", name);
    const target = path.join(root, "exercises", name);
    const expected = generateExercise(fs.readFileSync(source, "utf8"), path.relative(root, source), width);
    plans.push({ file: `exercises/${name}`, expected, actual: read(target) });
  }
  const exercisesDir = path.join(root, "exercises");
  const orphans = fs.existsSync(exercisesDir)
    ? fs.readdirSync(exercisesDir).filter((f) => f.endsWith(".ts") && !names.includes(f))
    : [];
  for (const name of orphans.sort()) {
    plans.push({ file: `exercises/${name}`, expected: null, actual: read(path.join(exercisesDir, name)) });
  }
  return plans;
}

/** The plans whose committed file differs from the generated one (stale, missing, or without a solution). */
export function stale(plans: ExercisePlan[]): ExercisePlan[] {
  return plans.filter((p) => p.expected !== p.actual);
}

/** Why a plan is stale, in a few words. */
export function staleReason(p: ExercisePlan): string {
  if (p.expected === null) return "has no solutions/ file (add one, or delete the exercise)";
  if (p.actual === null) return "missing";
  return "differs from what solutions/ generates";
}

/**
 * Regenerates the exercise files of `root` (or, with `check`, only reports the stale ones). Returns the exit code
 * (0 when all is well) and the lines to print.
 */
export function regenerate(root: string, check: boolean): { code: number; out: string[]; err: string[] } {
  const plans = planExercises(root);
  const old = stale(plans);
  const out: string[] = [];
  const err: string[] = [];
  if (check) {
    if (old.length === 0) {
      out.push(`exercises/ is up to date (${plans.length} files generated from solutions/).`);
      return { code: 0, out, err };
    }
    err.push("Stale exercise files (run `npm run exercises` to regenerate):");
    for (const p of old) err.push(`  ${p.file}: ${staleReason(p)}`);
    return { code: 1, out, err };
  }
  let code = 0;
  for (const p of old) {
    if (p.expected === null) {
      err.push(`${p.file} ${staleReason(p)}; left as it is.`);
      code = 1;
      continue;
    }
    fs.mkdirSync(path.join(root, "exercises"), { recursive: true });
    fs.writeFileSync(path.join(root, p.file), p.expected);
    out.push(`wrote ${p.file}`);
  }
  out.push(`${plans.length} exercise files generated from solutions/, ${old.length} of them rewritten or reported.`);
  return { code, out, err };
}

if (require.main === module) {
  const usage = "usage: npm run exercises [-- --check]";
  const options = { check: { type: "boolean" } } as const;
  const { values } = exitOnUsageError(() => parseCommandLine({ args: process.argv.slice(2), options }, usage));
  const check = values.check === true;
  try {
    const { code, out, err } = regenerate(projectRoot, check);
    out.forEach((l) => console.log(l));
    err.forEach((l) => console.error(l));
    process.exit(code);
  } catch (e) {
    console.error(e instanceof GenerateError ? e.message : e);
    process.exit(1);
  }
}
