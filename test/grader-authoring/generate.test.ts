/**
 * The exercise generator (tools/authoring/generate.ts): the committed exercises/ must be exactly what solutions/ generates,
 * solution blocks become named stubs, imports are kept tidy, and bad markers give errors naming file and line.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ExercisePlan,
  generateExercise,
  planExercises,
  regenerate,
  stale,
  staleReason,
} from "../../tools/authoring/generate";

const root = path.resolve(__dirname, "..", "..");

/** The error message generateExercise gives for `text`, or "" when it gives none. */
function errorOf(text: string, file = "solutions/x.ts"): string {
  try {
    generateExercise(text, file);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("exercise generator", function () {
  this.timeout(30_000);
  let plans: ExercisePlan[];
  before(() => {
    plans = planExercises(root);
  });

  it("the committed exercises/ is what solutions/ generates (else run `npm run exercises`)", () => {
    expect(plans.map((p) => p.file)).to.include("exercises/losses.ts");
    const old = stale(plans).map((p) => `${p.file}: ${staleReason(p)}`);
    expect(old, "stale exercise files; regenerate them with `npm run exercises`").to.deep.equal([]);
  });

  it("reproduces exercises/losses.ts byte for byte from solutions/losses.ts", () => {
    const plan = plans.find((p) => p.file === "exercises/losses.ts")!;
    expect(plan.expected).to.equal(fs.readFileSync(path.join(root, "exercises", "losses.ts"), "utf8"));
    expect(plan.expected).to.include('  throw new NotImplementedError("softmax");\n');
    expect(plan.expected).to.include('import { CourseInputError, NotImplementedError } from "../lib/errors";\n');
    expect(plan.expected).not.to.match(/SOLUTION/);
  });

  it("replaces each block, markers included, by a throw at the marker's indentation naming the function", () => {
    const src = [
      'import { Matrix } from "../lib/matrix";',
      "",
      "/** Doc stays. */",
      "export function twice(x: Matrix): Matrix {",
      "  check(x);",
      "  // BEGIN SOLUTION",
      "  return x;",
      "  // END SOLUTION",
      "}",
      "",
      "export const half = (x: number): number => {",
      "  if (x > 0) {",
      "    // BEGIN SOLUTION",
      "    return [x].map((v) => {",
      "      return v / 2;",
      "    })[0];",
      "    // END SOLUTION",
      "  }",
      "  return 0;",
      "};",
      "",
      "export class Adam {",
      "  step(): number {",
      "    // BEGIN SOLUTION",
      "    return 1;",
      "    // END SOLUTION",
      "  }",
      "}",
      "",
      "function check(x: Matrix): void {",
      "  if (x.rows === 0) throw new Error();",
      "}",
      "",
    ].join("\n");
    const out = generateExercise(src, "solutions/x.ts");
    expect(out).to.equal(
      [
        'import { Matrix } from "../lib/matrix";',
        'import { NotImplementedError } from "../lib/errors";',
        "",
        "/** Doc stays. */",
        "export function twice(x: Matrix): Matrix {",
        "  check(x);",
        '  throw new NotImplementedError("twice");',
        "}",
        "",
        "export const half = (x: number): number => {",
        "  if (x > 0) {",
        '    throw new NotImplementedError("half");',
        "  }",
        "  return 0;",
        "};",
        "",
        "export class Adam {",
        "  step(): number {",
        '    throw new NotImplementedError("Adam.step");',
        "  }",
        "}",
        "",
        "function check(x: Matrix): void {",
        "  if (x.rows === 0) throw new Error();",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("merges NotImplementedError into an existing import from ../lib/errors, once", () => {
    const body =
      "export function f(x: number): number {\n  if (x < 0) throw new CourseInputError('x < 0');\n" +
      "  // BEGIN SOLUTION\n  return x;\n  // END SOLUTION\n}\n";
    const merged = generateExercise(`import { CourseInputError } from "../lib/errors";\n\n${body}`, "f.ts");
    expect(merged.split("\n")[0]).to.equal('import { CourseInputError, NotImplementedError } from "../lib/errors";');
    const already = `import { NotImplementedError } from "../lib/errors";\n\n${body}`;
    expect(generateExercise(already, "f.ts").split("\n")[0]).to.equal(
      'import { NotImplementedError } from "../lib/errors";',
    );
    const bare = "export function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}\n";
    expect(generateExercise(bare, "f.ts").split("\n")[0]).to.equal(
      'import { NotImplementedError } from "../lib/errors";',
    );
    // Without imports: after the file's header comment, never between a function and its doc comment.
    const headed = `/** The header. */\n\n/** f's doc. */\n${bare}`;
    expect(generateExercise(headed, "f.ts").split("\n").slice(0, 5)).to.deep.equal([
      "/** The header. */",
      "",
      'import { NotImplementedError } from "../lib/errors";',
      "",
      "/** f's doc. */",
    ]);
    const docOnly = `/** f's doc. */\n${bare}`;
    expect(generateExercise(docOnly, "f.ts").split("\n").slice(0, 3)).to.deep.equal([
      'import { NotImplementedError } from "../lib/errors";',
      "",
      "/** f's doc. */",
    ]);
    // A merged import that gets too long is wrapped as prettier wraps it.
    const long = `import { CourseInputError, checkShape } from "../lib/errors";\nexport const g = [CourseInputError, checkShape];\n${bare}`;
    expect(generateExercise(long, "f.ts", 60).split("\n").slice(0, 5)).to.deep.equal([
      "import {",
      "  CourseInputError,",
      "  checkShape,",
      "  NotImplementedError,",
      '} from "../lib/errors";',
    ]);
    // A file without any solution block is copied as it is.
    const plain = 'import { add } from "../lib/ops";\nexport const g = add;\n';
    expect(generateExercise(plain, "g.ts")).to.equal(plain);
  });

  it("moves imports only the solution used into a comment, keeping the names still used", () => {
    const src = [
      'import { Matrix } from "../lib/matrix";',
      'import { add, matmul } from "../lib/ops";',
      'import * as fs from "fs";',
      "",
      "export function f(x: Matrix): Matrix {",
      "  // BEGIN SOLUTION",
      "  return matmul(add(x, x), x);",
      "  // END SOLUTION",
      "}",
      "export const g = add;",
      "export const h = fs.existsSync;",
      "",
    ].join("\n");
    const out = generateExercise(src, "f.ts");
    expect(out.split("\n").slice(0, 6)).to.deep.equal([
      'import { Matrix } from "../lib/matrix";',
      'import { add } from "../lib/ops";',
      "// Useful imports for your implementation (add the ones you use):",
      '//   import { matmul } from "../lib/ops";',
      'import * as fs from "fs";',
      'import { NotImplementedError } from "../lib/errors";',
    ]);
  });

  it("rejects bad markers with the file and line", () => {
    const fn = (inner: string) => `export function f(): number {\n${inner}\n}\n`;
    expect(errorOf(fn("  // BEGIN SOLUTION\n  return 1;"))).to.equal(
      "solutions/x.ts:2: BEGIN SOLUTION is never closed by // END SOLUTION.",
    );
    expect(errorOf(fn("  return 1;\n  // END SOLUTION"))).to.equal(
      "solutions/x.ts:3: END SOLUTION without a BEGIN SOLUTION before it.",
    );
    expect(errorOf(fn("  // BEGIN SOLUTION\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION"))).to.match(
      /^solutions\/x\.ts:3: BEGIN SOLUTION inside the block opened at line 2/,
    );
    expect(errorOf("// BEGIN SOLUTION\nconst a = 1;\n// END SOLUTION\nexport { a };\n")).to.match(
      /^solutions\/x\.ts:1: BEGIN SOLUTION outside a function/,
    );
    expect(errorOf(fn("  return 1; // BEGIN SOLUTION"))).to.match(/^solutions\/x\.ts:2: a SOLUTION marker must be/);
    const split = "function a(): void {\n  // BEGIN SOLUTION\n}\nfunction b(): void {\n  // END SOLUTION\n}\n";
    expect(errorOf(split)).to.match(/^solutions\/x\.ts:5: END SOLUTION is outside a, where its BEGIN SOLUTION/);
    expect(errorOf("[1].map(() => {\n  // BEGIN SOLUTION\n  // END SOLUTION\n});\n")).to.match(
      /^solutions\/x\.ts:2: BEGIN SOLUTION inside an anonymous function/,
    );
  });

  it("`npm run exercises -- --check` fails listing stale files; regenerating fixes them", () => {
    // A throwaway project: the generator (and its command-line parser), one solution, a stale exercise, and the
    // project's packages.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "generate-"));
    try {
      for (const dir of ["tools/authoring", "lib", "solutions", "exercises"]) {
        fs.mkdirSync(path.join(tmp, dir), { recursive: true });
      }
      for (const f of ["tools/authoring/generate.ts", "lib/cli.ts"])
        fs.copyFileSync(path.join(root, f), path.join(tmp, f));
      fs.symlinkSync(path.join(root, "node_modules"), path.join(tmp, "node_modules"));
      const solution = "export function one(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}\n";
      fs.writeFileSync(path.join(tmp, "solutions", "one.ts"), solution);
      fs.writeFileSync(path.join(tmp, "exercises", "one.ts"), "export function one(): number {\n  return 1;\n}\n");
      const tsx = path.join(root, "node_modules", ".bin", "tsx");
      const check = spawnSync(tsx, ["tools/authoring/generate.ts", "--check"], { cwd: tmp, encoding: "utf8" });
      expect(check.status, check.stderr).to.equal(1);
      expect(check.stderr).to.include("exercises/one.ts: differs from what solutions/ generates");

      const write = regenerate(tmp, false);
      expect(write.code, write.err.join("\n")).to.equal(0);
      expect(write.out).to.include("wrote exercises/one.ts");
      expect(fs.readFileSync(path.join(tmp, "exercises", "one.ts"), "utf8")).to.equal(
        'import { NotImplementedError } from "../lib/errors";\n\nexport function one(): number {\n' +
          '  throw new NotImplementedError("one");\n}\n',
      );
      expect(regenerate(tmp, true).code, "--check after regenerating").to.equal(0);
      fs.writeFileSync(path.join(tmp, "exercises", "orphan.ts"), "export const x = 1;\n");
      expect(regenerate(tmp, true).err).to.include(
        "  exercises/orphan.ts: has no solutions/ file (add one, or delete the exercise)",
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
