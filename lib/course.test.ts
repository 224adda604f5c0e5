import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  exerciseModule,
  ExerciseLoadError,
  ExerciseNotImplemented,
  implementationDir,
  setTypeCheckOnLoad,
} from "./course";

const errorsModule = path.join(__dirname, "errors");

describe("course: the exercise loader", () => {
  let dir: string;
  const saved = process.env.NN_COURSE_IMPL;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-impl-"));
    process.env.NN_COURSE_IMPL = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.NN_COURSE_IMPL;
    else process.env.NN_COURSE_IMPL = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, body: string, mtime: number) => {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, body);
    fs.utimesSync(file, mtime, mtime); // a distinct modification time, as an editor's save would give
  };

  it("chooses exercises/ by default, solutions/ in instructor mode, and any folder by path", () => {
    delete process.env.NN_COURSE_IMPL;
    expect(implementationDir()).to.equal(path.resolve(__dirname, "..", "exercises"));
    process.env.NN_COURSE_IMPL = "solutions";
    expect(implementationDir()).to.equal(path.resolve(__dirname, "..", "solutions"));
    process.env.NN_COURSE_IMPL = dir;
    expect(implementationDir()).to.equal(dir);
  });

  it("calls the implementation and keeps function names", () => {
    write("alpha", "export function twice(x: number) { return 2 * x; }\n", 1_000_000);
    const m = exerciseModule<{ twice(x: number): number }>("alpha");
    expect(m.twice(21)).to.equal(42);
    expect(m.twice.name).to.equal("twice");
    expect(Object.keys(m)).to.deep.equal(["twice"]);
  });

  it("picks up a saved edit on the next call, through the same function object", async () => {
    write("beta", "export function f() { return 1; }\n", 1_000_000);
    const { f } = exerciseModule<{ f(): number }>("beta");
    expect(f()).to.equal(1);
    write("beta", "export function f() { return 2; }\n", 2_000_000);
    await new Promise((r) => setTimeout(r, 250)); // the loader looks at the folder at most every 200 ms
    expect(f()).to.equal(2);
  });

  it("says which file to fix when a function the notebook uses is renamed or removed", async () => {
    write("zeta", "export function f() { return 1; }\n", 1_000_000);
    const m = exerciseModule<{ f(): number }>("zeta");
    const f = m.f;
    expect(f()).to.equal(1);
    write("zeta", "export function g() { return 2; }\n", 2_000_000);
    await new Promise((r) => setTimeout(r, 250));
    expect(() => m.f()).to.throw(
      ExerciseLoadError,
      /zeta\.ts could not be loaded: f is no longer an exported function/,
    );
    expect(() => f()).to.throw(ExerciseLoadError, /f is no longer an exported function/);
  });

  it("turns a stub's NotImplementedError into a message naming the file to edit, with no stack trace", () => {
    write(
      "gamma",
      `import { NotImplementedError } from ${JSON.stringify(errorsModule)};\n` +
        `export function softmax(): number { throw new NotImplementedError("softmax"); }\n`,
      1_000_000,
    );
    const m = exerciseModule<{ softmax(): number }>("gamma");
    let caught: unknown;
    try {
      m.softmax();
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(ExerciseNotImplemented);
    const err = caught as Error;
    expect(err.message).to.contain("implement softmax in");
    expect(err.message).to.contain("gamma.ts");
    expect(err.stack).to.equal(`ExerciseNotImplemented: ${err.message}`);
  });

  it("lets the student's own errors through unchanged", () => {
    write("delta", "export function f(): number { throw new RangeError('bad index'); }\n", 1_000_000);
    const m = exerciseModule<{ f(): number }>("delta");
    expect(() => m.f()).to.throw(RangeError, "bad index");
  });

  it("reports a file that cannot be loaded, saying which file to fix", () => {
    write("epsilon", "export function f( { return 1; }\n", 1_000_000);
    const m = exerciseModule<{ f(): number }>("epsilon");
    expect(() => m.f).to.throw(ExerciseLoadError, /epsilon\.ts could not be loaded/);
  });

  it("names the line of a syntax error, with the path as the student sees it", () => {
    write("eta", "export function f() {\n  return (1;\n}\n", 1_000_000);
    const m = exerciseModule<{ f(): number }>("eta");
    expect(() => m.f).to.throw(ExerciseLoadError, /eta\.ts:2:\d+: Expected "\)" but found ";"/);
    expect(() => m.f).not.to.throw(/Transform failed|ERROR:/);
  });

  it("shows an exercise file's type errors with file:line when it loads it, once per saved version", () => {
    const shown: string[] = [];
    const write0 = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((text: string) => shown.push(String(text)) > 0) as typeof process.stderr.write;
    setTypeCheckOnLoad(true);
    try {
      write("theta", "export function f(): number {\n  return 'oops';\n}\n", 1_000_000);
      const m = exerciseModule<{ f(): unknown }>("theta");
      expect(m.f()).to.equal("oops"); // the code still runs
      expect(m.f()).to.equal("oops");
      expect(shown).to.have.length(1);
      expect(shown[0]).to.contain("theta.ts has type errors");
      expect(shown[0]).to.match(/theta\.ts:2:3 Type 'string' is not assignable to type 'number'\./);
    } finally {
      setTypeCheckOnLoad(undefined);
      process.stderr.write = write0;
    }
  });
});
