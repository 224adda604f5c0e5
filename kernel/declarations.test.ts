import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "@tslab/typescript-for-tslab";
import { staleDeclarations, useDeclarations, writeDeclarations } from "./declarations";

describe("kernel: the library's declarations", function () {
  this.timeout(60000);
  // A small project laid out like this one: lib/ (linked as node_modules/nn-course), a cell's folder.
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-declarations-"));
    fs.mkdirSync(path.join(root, "lib"));
    fs.mkdirSync(path.join(root, "node_modules"));
    fs.symlinkSync(path.join(root, "lib"), path.join(root, "node_modules", "nn-course"));
    for (const dir of ["@types", "typescript"]) {
      fs.symlinkSync(path.join(__dirname, "..", "node_modules", dir), path.join(root, "node_modules", dir));
    }
    const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
    write("lib/package.json", JSON.stringify({ name: "nn-course", main: "index.ts", types: "index.ts" }));
    write("lib/index.ts", 'export * from "./matrix";\n');
    write(
      "lib/matrix.ts",
      "/** Doc. */\nexport function zeros(n: number): number[] {\n  return new Array(n).fill(0);\n}\n",
    );
    write("lib/exercises.ts", "export const losses = { softmax: (x: number[]): number[] => x };\n");
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Type errors of a cell importing the library, and the library files the program read. */
  function compile(sys: typeof ts.sys, cell: string, dir = root): { errors: string[]; read: string[] } {
    const file = path.join(dir, "cell.ts");
    const host = ts.createCompilerHost({});
    host.fileExists = (p) => p === file || sys.fileExists(p);
    host.readFile = (p) => (p === file ? cell : sys.readFile(p));
    host.realpath = (p) => ts.sys.realpath!(p); // as tslab's host: symlinked modules resolve to where they are
    const options = { strict: true, noEmit: true, types: [], lib: ["lib.es2022.d.ts"] };
    const program = ts.createProgram([file], { ...options, moduleResolution: ts.ModuleResolutionKind.Node10 }, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
    const read = program
      .getSourceFiles()
      .map((f) => path.relative(root, f.fileName))
      .filter((f) => !f.startsWith(".."));
    return { errors, read };
  }

  const cell = 'import { zeros } from "nn-course";\nimport { losses } from "nn-course/exercises";\n';

  it("cells are checked against the declarations while the sources are unchanged", () => {
    expect(staleDeclarations(root)).to.match(/^no build\/types\/manifest\.json/);
    expect(writeDeclarations(root).files).to.equal(3);
    expect(staleDeclarations(root)).to.equal(null);
    const sys = Object.create(ts.sys) as typeof ts.sys;
    expect(useDeclarations(sys, root)).to.equal("declarations");
    const ok = compile(sys, cell + "const z: number[] = zeros(2);\nlosses.softmax(z);\n");
    expect(ok.errors).to.deep.equal([]);
    expect(ok.read.filter((f) => f.includes("nn-course") || f.startsWith("lib"))).to.have.members([
      "node_modules/nn-course/index.d.ts",
      "node_modules/nn-course/matrix.d.ts",
      "node_modules/nn-course/exercises.d.ts",
    ]);
    // A type error in a cell is still one.
    expect(compile(sys, cell + "const s: string = zeros(2);\n").errors).to.deep.equal([
      "Type 'number[]' is not assignable to type 'string'.",
    ]);
  });

  it("a student's own copy of the course, linked to the library through its own node_modules, sees them too", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-student-"));
    try {
      fs.symlinkSync(path.join(root, "node_modules"), path.join(home, "node_modules"));
      const sys = Object.create(ts.sys) as typeof ts.sys;
      expect(useDeclarations(sys, root)).to.equal("declarations");
      const { errors, read } = compile(sys, cell + "const z: number[] = zeros(2);\nlosses.softmax(z);\n", home);
      expect(errors).to.deep.equal([]);
      expect(read.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal([]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it("a source changed since install: the kernel reads the sources, and says why", () => {
    const file = path.join(root, "lib", "matrix.ts");
    fs.appendFileSync(file, "export const two = 2;\n");
    expect(staleDeclarations(root)).to.equal("lib/matrix.ts changed since npm install");
    const sys = Object.create(ts.sys) as typeof ts.sys;
    expect(useDeclarations(sys, root)).to.equal("sources: lib/matrix.ts changed since npm install");
    const { errors, read } = compile(sys, cell + "zeros(1);\n");
    expect(errors).to.deep.equal([]);
    expect(read).to.include("lib/matrix.ts"); // through the link, as TypeScript resolves it
  });
});
