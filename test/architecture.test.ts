/**
 * The project's layout rules, checked on the import statements of every source file: the grader's folders import
 * one way along the pipeline (sandbox → engine → report, see grader/README.md), the library and the kernel stay
 * independent of the grader, and the authoring tools stay out of everything students or the grader get.
 *
 * An import is any `import … from`, `export … from`, `import x = require()`, `require()`, `require.resolve()`,
 * `import()` or `typeof import()` of a relative path, or of "nn-course" (the library).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["lib", "exercises", "solutions", "test", "tools", "grader", "kernel", "bench"];

/** One import of a project file: who imports what (project paths, "/" separators, without extension). */
interface Import {
  from: string;
  to: string;
  /** `require(…)` (or require.resolve) rather than an import statement. */
  require: boolean;
  /** Erased when compiled: `import type`, `export type`, `typeof import()`. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory() && !["node_modules", "build", ".ipynb_checkpoints"].includes(entry.name)) {
      out.push(...sourceFiles(rel));
    } else if (entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The project path a specifier in `file` names, or null for a package other than nn-course or a Node module. */
function target(file: string, spec: string): string | null {
  if (spec === "nn-course" || spec.startsWith("nn-course/")) return `lib${spec.slice("nn-course".length)}`;
  if (!spec.startsWith(".")) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.[cm]?[jt]s$/, "");
}

/** The imports of project files in `text` (the source of `file`). */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const add = (spec: ts.Node | undefined, require: boolean, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const to = target(file, spec.text);
    if (to !== null) out.push({ from: file.replace(/\.[cm]?[jt]s$/, ""), to, require, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const allTypes =
        !!clause && !clause.name && !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, false, !!clause?.isTypeOnly || allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, false, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, true, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, false, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, false);
      else if (ts.isIdentifier(callee) && callee.text === "require") add(node.arguments[0], true, false);
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === "require" &&
        callee.name.text === "resolve"
      ) {
        add(node.arguments[0], true, false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true));
  return out;
}

const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);

/** The grader's part a path belongs to: "sandbox", "engine", "results", "report", "program", or null outside it. */
function graderPart(p: string): string | null {
  if (!under(p, "grader")) return null;
  const part = p.split("/")[1];
  return ["sandbox", "engine", "results", "report", "course", "lms", "similarity"].includes(part) ? part : "program";
}

/** What may not import what, with why. Each rule says whether one import breaks it. */
const RULES: { rule: string; breaks(i: Import): boolean }[] = [
  {
    rule: "grader/sandbox/ imports nothing else of the grader",
    breaks: (i) => graderPart(i.from) === "sandbox" && graderPart(i.to) !== null && graderPart(i.to) !== "sandbox",
  },
  {
    rule: "grader/sandbox/child.ts and wire.ts, compiled alone into the working copy, import only each other",
    breaks: (i) =>
      ["grader/sandbox/child", "grader/sandbox/wire"].includes(i.from) && !i.typeOnly && i.to !== "grader/sandbox/wire",
  },
  {
    rule: "grader/results/ imports nothing else of the grader",
    breaks: (i) => graderPart(i.from) === "results" && graderPart(i.to) !== null && graderPart(i.to) !== "results",
  },
  {
    rule: "grader/engine/ imports sandbox/ and results/, not report/ or the programs",
    breaks: (i) => graderPart(i.from) === "engine" && ["report", "program"].includes(graderPart(i.to) ?? ""),
  },
  {
    rule: "grader/report/ imports results/ (and course/'s types) only, not sandbox/, engine/, lms/, similarity/ or the programs",
    breaks: (i) =>
      graderPart(i.from) === "report" &&
      (["sandbox", "engine", "program", "lms", "similarity"].includes(graderPart(i.to) ?? "") ||
        (graderPart(i.to) === "course" && !i.typeOnly)),
  },
  {
    rule: "grader/course/ (the course file) imports nothing else of the grader",
    breaks: (i) => graderPart(i.from) === "course" && graderPart(i.to) !== null && graderPart(i.to) !== "course",
  },
  {
    rule: "grader/lms/ imports results/, course/ and report/ only",
    breaks: (i) =>
      graderPart(i.from) === "lms" && ["sandbox", "engine", "program", "similarity"].includes(graderPart(i.to) ?? ""),
  },
  {
    rule: "grader/similarity/ reads submissions with engine/find-exercises and test-files, writes with report/; no sandbox/",
    breaks: (i) =>
      graderPart(i.from) === "similarity" &&
      (["sandbox", "program", "lms", "course"].includes(graderPart(i.to) ?? "") ||
        (graderPart(i.to) === "engine" &&
          !["grader/engine/find-exercises", "grader/engine/test-files"].includes(i.to))),
  },
  {
    rule: "the grader's programs reach the sandbox only through engine/",
    breaks: (i) => graderPart(i.from) === "program" && graderPart(i.to) === "sandbox",
  },
  {
    rule: "grader/ imports no tools/, kernel/, bench/, solutions/, exercises/, and of test/ only test/graded/",
    breaks: (i) =>
      under(i.from, "grader") &&
      (["tools", "kernel", "bench", "solutions", "exercises"].some((d) => under(i.to, d)) ||
        (under(i.to, "test") && !under(i.to, "test/graded"))),
  },
  {
    rule: "lib/ imports no exercises/, solutions/, grader/, tools/, kernel/, test/ (but check.ts's lazy require of grader/check and its result types)",
    breaks: (i) =>
      under(i.from, "lib") &&
      !i.from.endsWith(".test") &&
      ["exercises", "solutions", "grader", "tools", "kernel", "test", "bench"].some((d) => under(i.to, d)) &&
      !(i.from === "lib/check" && i.to === "grader/check" && i.require) &&
      !(i.from === "lib/check" && i.to === "grader/results/types" && i.typeOnly),
  },
  {
    rule: "kernel/ imports no grader/, solutions/, exercises/ or authoring tools",
    breaks: (i) =>
      under(i.from, "kernel") && ["grader", "solutions", "exercises", "tools/authoring"].some((d) => under(i.to, d)),
  },
  {
    rule: "exercises/ and solutions/ import only the library",
    breaks: (i) =>
      (under(i.from, "exercises") || under(i.from, "solutions")) &&
      ["grader", "tools", "kernel", "test", "bench"].some((d) => under(i.to, d)),
  },
  {
    rule: "only tools/authoring/ itself and the tests import tools/authoring/",
    breaks: (i) => under(i.to, "tools/authoring") && !under(i.from, "tools/authoring") && !under(i.from, "test"),
  },
];

/** Every import that breaks a rule, as "from → to: rule". */
function violations(imports: Import[]): string[] {
  return imports.flatMap((i) => RULES.filter((r) => r.breaks(i)).map((r) => `${i.from} → ${i.to}: ${r.rule}`));
}

describe("architecture: who imports what", () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(d));
  const imports = files.flatMap((f) => importsOf(f, fs.readFileSync(path.join(root, f), "utf8")));

  it("reads the imports of every source file", () => {
    expect(files.length).to.be.greaterThan(100);
    const seen = (from: string, to: string) => imports.some((i) => i.from === from && i.to === to);
    expect(seen("grader/engine/test-process", "grader/sandbox/sync-rpc"), "an import statement").to.equal(true);
    expect(seen("lib/check", "grader/check"), "a require()").to.equal(true);
    expect(seen("grader/engine/test-process", "lib/course"), "a require.resolve()").to.equal(true);
    expect(seen("grader/engine/test-process", "grader/engine/type-check"), "a typeof import()").to.equal(true);
  });

  it("no import goes against the layout rules", () => {
    expect(violations(imports)).to.deep.equal([]);
  });

  it("catches imports against the rules (the checker itself)", () => {
    const check = (from: string, text: string) => violations(importsOf(from, text));
    expect(check("grader/sandbox/sync-rpc.ts", 'import { grade } from "../engine/grade";')).to.have.length(1);
    expect(check("grader/sandbox/child.ts", 'import { x } from "./protocol";')).to.have.length(1);
    expect(check("grader/sandbox/child.ts", 'import type { x } from "./protocol";')).to.deep.equal([]);
    expect(check("grader/engine/grade.ts", 'import { feedbackHtml } from "../report/feedback-html";')).to.have.length(
      1,
    );
    expect(check("grader/engine/grade.ts", 'import { x } from "../check";')).to.have.length(1);
    expect(check("grader/report/zip.ts", 'import type { RunnerJob } from "../engine/grade";')).to.have.length(1);
    expect(check("grader/report/zip.ts", 'import type { GradeResults } from "../results/types";')).to.deep.equal([]);
    expect(check("grader/results/types.ts", 'export type { X } from "../engine/grade";')).to.have.length(1);
    expect(check("grader/batch.ts", 'import { SyncRpc } from "./sandbox/sync-rpc";')).to.have.length(1);
    expect(check("grader/check.ts", 'const g = require("../tools/authoring/generate");')).to.have.length(2);
    expect(check("grader/engine/x.ts", 'import { y } from "../../test/grader/fixtures";')).to.have.length(1);
    expect(check("lib/course.ts", 'import { x } from "../solutions/losses";')).to.have.length(1);
    expect(check("lib/check.ts", 'import { selfCheck } from "../grader/check";'), "only a lazy require").to.have.length(
      1,
    );
    expect(check("lib/check.ts", 'const { selfCheck } = require("../grader/check");')).to.deep.equal([]);
    expect(check("lib/nn/module.test.ts", 'import * as s from "../../solutions/layers";'), "a test").to.deep.equal([]);
    expect(check("kernel/main.ts", 'const m = import("../grader/check");')).to.have.length(1);
    expect(check("exercises/losses.ts", 'import { x } from "../test/graded/graded";')).to.have.length(1);
    expect(check("tools/start.ts", 'import { regenerate } from "./authoring/generate";')).to.have.length(1);
    expect(check("tools/authoring/release.ts", 'import { x } from "./generate";')).to.deep.equal([]);
    expect(check("grader/course/course.ts", 'import { x } from "../report/csv";')).to.have.length(1);
    expect(check("grader/report/late.ts", 'import type { LatePolicy } from "../course/course";')).to.deep.equal([]);
    expect(check("grader/report/late.ts", 'import { readCourse } from "../course/course";')).to.have.length(1);
    expect(check("grader/lms/gradebooks.ts", 'import { gradeSubmission } from "../engine/grade";')).to.have.length(1);
    expect(check("grader/similarity/report.ts", 'import { x } from "../engine/grade";')).to.have.length(1);
    expect(check("grader/similarity/report.ts", 'import { x } from "../sandbox/wire";')).to.have.length(1);
  });

  it("every folder of the grader, and the authoring tools, says what it is for", () => {
    const folders = ["grader", "tools/authoring"].flatMap((d) => [
      d,
      ...fs
        .readdirSync(path.join(root, d), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `${d}/${e.name}`),
    ]);
    expect(folders.filter((d) => !fs.existsSync(path.join(root, d, "README.md")))).to.deep.equal([]);
  });
});
