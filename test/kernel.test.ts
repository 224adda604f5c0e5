/**
 * The course kernel: Jupyter's own kernel test suite (test/kernel/test_kernel.py, run with the system Python),
 * and unit tests of how failed cells are shown (kernel/errors.ts) and of the is_complete syntax check.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import {
  cleanStack,
  diagnosticsContent,
  failureContent,
  formatDiagnostic,
  resultText,
  thrownErrorContent,
} from "../kernel/errors";
import { hasSyntaxError } from "../kernel/fixes";
import { ExerciseLoadError, ExerciseNotImplemented } from "../lib/course";

const root = path.resolve(__dirname, "..");
const python = "/usr/bin/python3";

describe("course kernel", () => {
  describe("Jupyter's kernel test suite (jupyter_kernel_test)", () => {
    it("passes every test against the nn-course kernel", function () {
      this.timeout(300_000);
      const probe = spawnSync(python, ["-c", "import jupyter_kernel_test, jupyter_client"], { encoding: "utf8" });
      if (probe.error || probe.status !== 0) {
        console.log(
          `      skipped: ${python} with the Python packages jupyter_kernel_test and jupyter_client is needed ` +
            "(Debian/Ubuntu: apt install python3-jupyter-kernel-test)",
        );
        this.skip();
      }
      const spec = path.join(root, ".jupyter", "kernels", "nn-course", "kernel.json");
      expect(fs.existsSync(spec), `${spec} is missing: run \`npx tsx tools/setup.ts\``).to.equal(true);
      const env = { ...process.env };
      delete env.NN_COURSE_IMPL;
      const run = spawnSync(python, [path.join("test", "kernel", "test_kernel.py"), "-v"], {
        cwd: root,
        env,
        encoding: "utf8",
        timeout: 280_000,
      });
      const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
      expect(run.status, `kernel tests failed (exit ${run.status}, ${run.signal ?? "no signal"}):\n${output}`).to.equal(
        0,
      );
      expect(output).to.match(/\nOK\b/);
    });
  });

  describe("error content of a failed cell", () => {
    const stack = [
      "evalmachine.<anonymous>:3",
      'function f() { throw new TypeError("bad"); }',
      "               ^",
      "",
      "TypeError: bad",
      "    at f (evalmachine.<anonymous>:3:22)",
      "    at evalmachine.<anonymous>:4:1",
      "    at evalmachine.<anonymous>:6:3",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Script.runInThisContext (node:vm:135:14)",
      `    at Object.execute (${root}/node_modules/tslab/dist/executor.js:160:38)`,
      `    at Object.require.extensions..ts (${root}/node_modules/tsx/dist/cjs/index.cjs:1:1)`,
      `    at Function.from2D (${root}/lib/matrix.ts:60:15)`,
      `    at selfCheck (${root}/grader/check.ts:45:11)`,
      `    at check (${root}/lib/check.ts:21:19)`,
      `    at async JupyterHandlerImpl.handleExecuteImpl (${path.join(root, "kernel", "fixes.ts")}:120:5)`,
      "    at async ZmqServer.handleExecute (node:internal/process/task_queues:95:5)",
    ].join("\n");

    it("keeps only the frames of the cell and of the course code, cell positions as <cell>", () => {
      expect(cleanStack(stack)).to.deep.equal([
        "    at f (<cell>)",
        "    at <cell>",
        "    at Function.from2D (lib/matrix.ts:60:15)", // the course's files by their place in it
      ]);
    });

    it("gives a thrown Error its name, message and a header line before the frames", () => {
      const e = new RangeError("negative: -1");
      e.stack = stack.replace(/TypeError: bad/, "RangeError: negative: -1");
      const content = thrownErrorContent(e);
      expect(content.ename).to.equal("RangeError");
      expect(content.evalue).to.equal("negative: -1");
      expect(content.traceback[0]).to.equal("RangeError: negative: -1");
      expect(content.traceback).to.have.length(4);
      expect(content.traceback.join("\n")).not.to.match(/node_modules|node:|evalmachine|\^/);
    });

    it("shows the course's friendly errors as their message alone", () => {
      const notImplemented = thrownErrorContent(new ExerciseNotImplemented("softmax", "exercises/losses.ts"));
      expect(notImplemented.ename).to.equal("ExerciseNotImplemented");
      expect(notImplemented.traceback).to.deep.equal([notImplemented.evalue]);
      expect(notImplemented.evalue).to.contain("implement softmax in exercises/losses.ts");
      const loadError = thrownErrorContent(new ExerciseLoadError("exercises/losses.ts", new SyntaxError("oops")));
      expect(loadError.ename).to.equal("ExerciseLoadError");
      expect(loadError.traceback).to.deep.equal([loadError.evalue]);
    });

    it("shows a thrown non-Error value as Node's REPL does", () => {
      expect(thrownErrorContent("plain")).to.deep.equal({
        ename: "Uncaught",
        evalue: "'plain'",
        traceback: ["Uncaught 'plain'"],
      });
      expect(thrownErrorContent(42).evalue).to.equal("42");
    });

    it("recognises tslab's diagnostic reports and names them TypeScriptError", () => {
      const report = ["%s%d:%d - %s", "", 2, 7, "Type 'number' is not assignable to type 'string'."];
      expect(formatDiagnostic(report)).to.equal("Line 2, column 7: Type 'number' is not assignable to type 'string'.");
      expect(formatDiagnostic(["%s%d:%d - %s", "lib/x.ts ", 9, 1, "Cannot find name 'y'."])).to.equal(
        "lib/x.ts, line 9, column 1: Cannot find name 'y'.",
      );
      expect(formatDiagnostic([new Error("x")])).to.equal(null);
      const content = failureContent([report, ["%s%d:%d - %s", "", 3, 1, "Cannot find name 'y'."]]);
      expect(content.ename).to.equal("TypeScriptError");
      expect(content.evalue.split("\n")).to.have.length(2);
      expect(content.traceback[0]).to.equal(
        "TypeScriptError: Line 2, column 7: Type 'number' is not assignable to type 'string'.",
      );
      expect(diagnosticsContent(["a", "b"]).traceback).to.deep.equal(["TypeScriptError: a", "b"]);
    });

    it("uses the thrown value when tslab reports one", () => {
      expect(failureContent([[new TypeError("bad")]]).ename).to.equal("TypeError");
      expect(failureContent([]).ename).to.equal("Error");
    });
  });

  describe("results and is_complete", () => {
    it("prints results as Node's REPL does", () => {
      expect(resultText(42)).to.equal("42");
      expect(resultText("ab")).to.equal("'ab'");
      expect(resultText([10, 20])).to.equal("[ 10, 20 ]");
    });

    it("finds syntax errors but accepts valid cells, top-level await included", () => {
      expect(hasSyntaxError("const = 5;")).to.equal(true);
      expect(hasSyntaxError("let y = );")).to.equal(true);
      expect(hasSyntaxError("const x: number = 1;\nx + 1")).to.equal(false);
      expect(hasSyntaxError("await Promise.resolve(1)")).to.equal(false);
      expect(hasSyntaxError("const v = <number>(1 as unknown);")).to.equal(false);
    });
  });
});
