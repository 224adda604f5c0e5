/**
 * Which exercise modules a notebook needs: those it imports from `nn-course/exercises`, and those the library
 * functions it imports from `nn-course` use (the Solver calls the student's layers, losses and training). Read from
 * the source alone (no type check), per file: a library function needs every exercise module that its file, or a
 * library file it imports, imports from lib/exercises.ts. A student edition released assignment by assignment
 * must hold every module its notebooks need (see release.ts).
 *
 * @example
 * notebookModules(projectRoot, "notebooks/04-activations-dead-relu.ipynb");
 * // ["activations", "init", "layers", "losses", "training"]
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const LIB_EXERCISES = "lib/exercises.ts";

/** The library file a specifier names from `from` (a project path), or null outside lib/. */
function resolve(root: string, from: string, spec: string): string | null {
  let base: string;
  if (spec === "nn-course" || spec.startsWith("nn-course/")) base = `lib${spec.slice("nn-course".length)}`;
  else if (spec.startsWith(".")) base = path.posix.join(path.posix.dirname(from), spec);
  else return null;
  base = base.replace(/\.[cm]?[jt]s$/, "");
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
    if (candidate.startsWith("lib/") && fs.existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

/** What the dependency reading needs of each library file, parsed once. */
class LibGraph {
  private parsed = new Map<string, ts.SourceFile>();
  private exportsMemo = new Map<string, Map<string, string>>();
  private closureMemo = new Map<string, Set<string>>();

  constructor(private readonly root: string) {}

  private source(file: string): ts.SourceFile {
    let sf = this.parsed.get(file);
    if (!sf) {
      sf = ts.createSourceFile(file, fs.readFileSync(path.join(this.root, file), "utf8"), ts.ScriptTarget.ES2022);
      this.parsed.set(file, sf);
    }
    return sf;
  }

  /** Each name `file` exports, and the file that defines it. */
  exportsOf(file: string): Map<string, string> {
    const memo = this.exportsMemo.get(file);
    if (memo) return memo;
    const out = new Map<string, string>();
    this.exportsMemo.set(file, out); // guards against cycles
    for (const st of this.source(file).statements) {
      if (ts.isExportDeclaration(st)) {
        const target =
          st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)
            ? resolve(this.root, file, st.moduleSpecifier.text)
            : null;
        if (st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const e of st.exportClause.elements) {
            const original = (e.propertyName ?? e.name).text;
            out.set(e.name.text, target ? (this.exportsOf(target).get(original) ?? target) : file);
          }
        } else if (!st.exportClause && target) {
          for (const [name, where] of this.exportsOf(target)) if (!out.has(name)) out.set(name, where);
        }
        continue;
      }
      const exported =
        ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, file);
      } else if ((st as ts.DeclarationStatement).name && ts.isIdentifier((st as ts.DeclarationStatement).name!)) {
        out.set(((st as ts.DeclarationStatement).name as ts.Identifier).text, file);
      }
    }
    return out;
  }

  /** The exercise modules `file` and the library files it imports (at run time) take from lib/exercises.ts. */
  exerciseModulesOf(file: string): Set<string> {
    const memo = this.closureMemo.get(file);
    if (memo) return memo;
    const out = new Set<string>();
    this.closureMemo.set(file, out);
    for (const st of this.source(file).statements) {
      const spec = ts.isImportDeclaration(st) || ts.isExportDeclaration(st) ? st.moduleSpecifier : undefined;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const clause = ts.isImportDeclaration(st) ? st.importClause : undefined;
      if (clause?.isTypeOnly || (ts.isExportDeclaration(st) && st.isTypeOnly)) continue;
      const target = resolve(this.root, file, spec.text);
      if (target === null) continue;
      if (target === LIB_EXERCISES) {
        const named = clause?.namedBindings;
        if (named && ts.isNamedImports(named)) {
          for (const e of named.elements) if (!e.isTypeOnly) out.add((e.propertyName ?? e.name).text);
        } else {
          for (const name of this.exportsOf(LIB_EXERCISES).keys()) out.add(name);
        }
      } else {
        for (const m of this.exerciseModulesOf(target)) out.add(m);
      }
    }
    return out;
  }
}

/** The library's parsed files, per project root, for the life of the program (a release reads lib/ once). */
const graphs = new Map<string, LibGraph>();

/** The code of a notebook's code cells, one string per cell. */
function codeCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as {
    cells?: { cell_type: string; source?: string | string[] }[];
  };
  return (nb.cells ?? [])
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : (c.source ?? "")));
}

/** The exercise modules the notebook `file` (a path inside `root`) needs, sorted. */
export function notebookModules(root: string, file: string): string[] {
  let graph = graphs.get(root);
  if (!graph) {
    graph = new LibGraph(root);
    graphs.set(root, graph);
  }
  const needed = new Set<string>();
  const where = path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
  for (const code of codeCells(path.resolve(root, file))) {
    const sf = ts.createSourceFile(where, code, ts.ScriptTarget.ES2022);
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.importClause?.isTypeOnly)
        continue;
      const target = resolve(root, "lib/index.ts", st.moduleSpecifier.text);
      if (target === null) continue;
      const named = st.importClause?.namedBindings;
      const names =
        named && ts.isNamedImports(named)
          ? named.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text)
          : [...graph.exportsOf(target).keys()];
      for (const name of names) {
        if (target === LIB_EXERCISES) {
          needed.add(name);
          continue;
        }
        const home = graph.exportsOf(target).get(name);
        if (home) for (const m of graph.exerciseModulesOf(home)) needed.add(m);
      }
    }
  }
  return [...needed].sort();
}
