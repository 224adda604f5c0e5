/**
 * A scripted student: a temporary student edition (`npm run release`, then `npm install` in it, as a student gets
 * the course), notebook 01 run through the real course kernel with the exercise stubs in place, and a student's
 * day with it — Run All before doing anything, a wrong softmax and its hint, the fix, mistakes in the exercise
 * file, runaway cells stopped with the interrupt button, Notebook 6 in Chromium, `npm start`'s engine without
 * Jupyter — and, last, every notebook run top to bottom on the untouched stubs.
 *
 * Kernels are driven through jupyter_client (kernel_driver.py) with cwd <edition>/notebooks and the edition's
 * kernelspec; exercise files are changed with an atomic save (temporary file renamed over the original) and the
 * student waits a second before running the next cell. Each group of scenarios has a kernel of its own, so that a
 * kernel left busy by one cannot spoil the others.
 *
 *   npm run test:student
 *
 * Needs /usr/bin/python3 with jupyter_client (and for the browser scenario /usr/bin/chromium and
 * /usr/bin/jupyter-notebook); scenarios whose tools are missing are skipped, saying what to install.
 */
import { expect } from "chai";
import { execFile, spawnSync } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as path from "path";
import { mistakes } from "../graded/graded";
import { buildDir, projectRoot } from "../../tools/paths";
import { joinText, readNotebook, type Notebook } from "../../tools/notebooks/nbformat";
import { Edition, exportedFunctions, lineOf, studentPause } from "./edition";
import { sleep } from "../browser/processes";
import { definesOnly, exerciseUse } from "./exerciseUse";
import {
  cellText,
  describeCell,
  errorOutputs,
  outputText,
  pendingOutputs,
  python,
  StudentKernel,
  type CellRun,
} from "./kernel";
import { browserMissing, interruptPrintingLoopInBrowser } from "./browser";

const run = promisify(execFile);
const losses = "exercises/losses.ts";
const hasJupyterClient =
  spawnSync(python, ["-c", "import jupyter_client"], { stdio: "ignore", timeout: 30_000 }).status === 0;

/** Text no student should ever see: kernel internals and the symptoms of a failed earlier cell. */
const NEVER_SHOWN: [RegExp, string][] = [
  [/^ {4}at /m, "a stack trace"],
  [/unexpected error/i, '"unexpected error"'],
  [/TypeScriptError: Cannot find name/, '"TypeScriptError: Cannot find name"'],
];

function expectNothingInternal(text: string, where: string): void {
  for (const [re, what] of NEVER_SHOWN)
    expect(text, `${where} shows ${what}:\n${text.slice(0, 3000)}`).not.to.match(re);
}

/** Bodies a student writes into exercises/losses.ts. */
const sigmoidBody = [
  "  const out = x.clone();",
  "  for (let i = 0; i < out.size; i++) out.data[i] = 1 / (1 + Math.exp(-out.data[i]));",
  "  return out;",
].join("\n");
const l1LossBody = [
  '  checkSameShape("l1Loss", "pred", pred, "target", target);',
  "  let loss = 0;",
  "  for (let i = 0; i < pred.size; i++) loss += Math.abs(target.data[i] - pred.data[i]);",
  "  return loss;",
].join("\n");
/** exp(s) / Σ exp(s), without subtracting the row's largest score first. */
const naiveSoftmaxBody = [
  "  const out = scores.clone();",
  "  for (let i = 0; i < scores.rows; i++) {",
  "    let total = 0;",
  "    for (let k = 0; k < scores.cols; k++) total += Math.exp(scores.get(i, k));",
  "    for (let k = 0; k < scores.cols; k++) out.set(i, k, Math.exp(scores.get(i, k)) / total);",
  "  }",
  "  return out;",
].join("\n");
const stableSoftmaxBody = [
  "  const out = scores.clone();",
  "  for (let i = 0; i < scores.rows; i++) {",
  "    let max = -Infinity;",
  "    for (let k = 0; k < scores.cols; k++) max = Math.max(max, scores.get(i, k));",
  "    let total = 0;",
  "    for (let k = 0; k < scores.cols; k++) total += Math.exp(scores.get(i, k) - max);",
  "    for (let k = 0; k < scores.cols; k++) out.set(i, k, Math.exp(scores.get(i, k) - max) / total);",
  "  }",
  "  return out;",
].join("\n");

/** A cell that loads the exercise file and calls softmax (the README's example), and one that only calls it. */
const importAndCallSoftmax = [
  'import { Matrix } from "nn-course";',
  'import { losses } from "nn-course/exercises";',
  "losses.softmax(Matrix.from2D([[3.2, 5.1, -1.7]]));",
].join("\n");
const callSoftmax = "softmax(Matrix.from2D([[3.2, 5.1, -1.7]]))";

/** The text of a cell's result (Out[n]), if it has one. */
function resultOf(c: CellRun): string | undefined {
  const result = c.outputs.find((o) => o.type === "execute_result");
  return result && outputText(result);
}

/** The notebook's cell that imports the library and the exercises (its first code cell). */
const setupCell = (edition: Edition) => edition.notebookCells("01-losses")[0];

/** A cell that runs the self-check and also prints its results as one JSON line (the student reads the table). */
const checkAndReport = (module: string) =>
  [
    `import { check } from "nn-course";`,
    `const checked = await check(${JSON.stringify(module)});`,
    `console.log("RESULTS " + JSON.stringify({ score: checked.score, max: checked.max_score, ` +
      `tests: checked.tests.map(({ name, status, score, max_score, output }) => ({ name, status, score, max_score, output })) }));`,
  ].join("\n");

interface CheckResults {
  score: number;
  max: number;
  tests: { name: string; status: string; score: number; max_score: number; output: string }[];
}

function checkResults(c: CellRun): CheckResults {
  const line = cellText(c)
    .split("\n")
    .find((l) => l.startsWith("RESULTS "));
  if (!line) expect.fail(`the check cell printed no results:\n${describeCell(c)}`);
  return JSON.parse(line.slice("RESULTS ".length)) as CheckResults;
}

/** The check's table as the notebook shows it: the text of its display outputs. */
function tableText(c: CellRun): string {
  return c.outputs
    .filter((o) => o.type === "display_data")
    .map(outputText)
    .join("\n");
}

/** The reference solutions as one student file: solutions/<module>.ts without the solution markers. */
function referenceFile(module: string): string {
  const text = fs.readFileSync(path.join(projectRoot, "solutions", `${module}.ts`), "utf8");
  return text
    .split("\n")
    .filter((l) => !/\/\/ (BEGIN|END) SOLUTION/.test(l))
    .join("\n");
}

describe("a scripted student works through notebook 01 in the student edition", function () {
  this.timeout(120_000);
  let edition: Edition;
  const kernels: StudentKernel[] = [];

  before(async function () {
    this.timeout(180_000);
    edition = await Edition.make();
  });

  after(async function () {
    this.timeout(60_000);
    await Promise.all(kernels.map((k) => k.close()));
    await edition?.remove();
  });

  afterEach(async function () {
    await edition?.restore("losses");
  });

  /** A fresh course kernel in the edition's notebooks/ folder (shut down by the suite's after hook). */
  async function startKernel(ctx: Mocha.Context): Promise<StudentKernel> {
    if (!hasJupyterClient) {
      console.log(
        `      skipped: ${python} with jupyter_client is needed ` +
          "(Debian/Ubuntu: apt install python3-jupyter-client; .ci/run installs it)",
      );
      ctx.skip();
    }
    const kernel = await StudentKernel.start(edition.notebooksDir, edition.jupyterPath);
    kernels.push(kernel);
    return kernel;
  }

  async function stopKernel(kernel: StudentKernel | undefined): Promise<void> {
    if (!kernel) return;
    kernels.splice(kernels.indexOf(kernel), 1);
    await kernel.close();
  }

  describe("Run All before doing any exercise (cells queued at once, as Notebook 6 sends them)", function () {
    // S1
    it("on the untouched stubs every cell finishes; each exercise still to do is one line naming the function and its file", async function () {
      const kernel = await startKernel(this);
      const cells = edition.notebookCells("01-losses");
      const names = exportedFunctions(edition.stub("losses"));
      const uses = exerciseUse(cells, names);
      try {
        const { cells: ran } = await kernel.run(cells, { timeout: 150 });
        const problems: string[] = [];
        ran.forEach((c, i) => {
          const where = `cell ${i} (${cells[i].split("\n")[0].slice(0, 60)}…)`;
          if (c.reply?.status !== "ok")
            problems.push(`${where}: status ${c.reply?.status ?? "(no reply)"}\n${describeCell(c)}`);
          for (const [re, what] of NEVER_SHOWN) {
            if (re.test(cellText(c))) problems.push(`${where} shows ${what}:\n${describeCell(c)}`);
          }
          const pending = pendingOutputs(c);
          const use = uses[i];
          if (!use.needs) {
            if (pending.length > 0) problems.push(`${where} needs no exercise but says:\n${describeCell(c)}`);
            return;
          }
          if (pending.length !== 1) {
            problems.push(
              `${where} needs ${use.exercises.join(", ")}: one exercise-pending line expected\n${describeCell(c)}`,
            );
            return;
          }
          const line = outputText(pending[0]).trim();
          if (line.includes("\n")) problems.push(`${where}: the pending message is more than one line:\n${line}`);
          if (!use.exercises.some((e) => new RegExp(`\\b${e}\\b`).test(line)) || !line.includes(losses)) {
            problems.push(`${where}: "${line}" should name one of ${use.exercises.join(", ")} and ${losses}`);
          }
          if (!use.callsExercise) {
            // only values of earlier cells: the line says which cell to re-run
            const counts = use.usesValuesOf.map((j) => ran[j].reply?.execution_count);
            if (!counts.some((n) => line.includes(`In [${n}]`))) {
              problems.push(
                `${where}: "${line}" should name the cell to re-run (one of ${counts.map((n) => `In [${n}]`).join(", ")})`,
              );
            }
          }
        });
        expect(problems, problems.join("\n\n")).to.deep.equal([]);

        // cells that need no exercise show their normal results
        const derivative = cells.findIndex((c) => c.includes("derivative("));
        const naiveVsStable = cells.findIndex((c) => c.includes("naiveSoftmax"));
        for (const i of [derivative, naiveVsStable]) {
          expect(i, "the cell is in the notebook").to.be.at.least(0);
          const shown = ran[i].outputs.filter((o) => o.type === "display_data" && outputText(o).trim() !== "");
          expect(shown, `cell ${i} shows its result\n${describeCell(ran[i])}`).to.have.length.at.least(1);
        }
        expect(tableText(ran[naiveVsStable]), "the naive softmax overflows to NaN in the table").to.contain("NaN");
        // the closing self-check shows its table and a one-line result
        const last = ran[ran.length - 1];
        expect(cells[cells.length - 1]).to.contain('check("losses")');
        expect(tableText(last), `the check's table\n${describeCell(last)}`).to.contain("losses");
        const result = last.outputs.find((o) => o.type === "execute_result");
        expect(result, `the check cell's result\n${describeCell(last)}`).to.not.equal(undefined);
      } finally {
        await stopKernel(kernel);
      }
    });
  });

  describe("checking the work with check()", function () {
    let kernel: StudentKernel;
    before(async function () {
      kernel = await startKernel(this);
    });

    // S4
    it("the first check right after saving the exercise file runs (no internal error)", async function () {
      const setup = await kernel.cell(setupCell(edition));
      expect(setup.reply?.status, describeCell(setup)).to.equal("ok");
      await edition.edit("losses", "sigmoid", sigmoidBody);
      const checkCell = edition.notebookCells("01-losses").at(-1)!;
      expect(checkCell).to.match(/^import \{ check \} from "nn-course";/);
      const c = await kernel.cell(checkCell);
      expect(c.reply?.status, describeCell(c)).to.equal("ok");
      expect(cellText(c), describeCell(c)).not.to.match(/unexpected error|emit path/i);
      expectNothingInternal(cellText(c), "the check cell");
    });

    // S2
    it("a softmax without the max-shift fails its check, and the check names the mistake", async function () {
      await edition.edit("losses", "softmax", naiveSoftmaxBody);
      const c = await kernel.cell(checkAndReport("losses"));
      expect(c.reply?.status, describeCell(c)).to.equal("ok");
      const softmaxTests = checkResults(c).tests.filter((t) => t.name.startsWith("softmax:"));
      expect(softmaxTests, "public tests of softmax").to.have.length.at.least(1);
      expect(
        softmaxTests.filter((t) => t.status === "failed"),
        "a softmax test fails",
      ).to.have.length.at.least(1);
      const hint = mistakes.softmaxWithoutMaxShift();
      expect(tableText(c), `the check's table names the mistake\n${tableText(c).slice(0, 3000)}`).to.contain(hint.name);
    });

    // S3
    it("after the fix (the max-shift), the softmax tests pass", async function () {
      await edition.edit("losses", "softmax", stableSoftmaxBody);
      const c = await kernel.cell(checkAndReport("losses"));
      expect(c.reply?.status, describeCell(c)).to.equal("ok");
      const softmaxTests = checkResults(c).tests.filter((t) => t.name.startsWith("softmax:"));
      expect(softmaxTests, "public tests of softmax").to.have.length.at.least(1);
      const failed = softmaxTests.filter((t) => t.status !== "passed");
      expect(failed, failed.map((t) => `${t.name}\n${t.output}`).join("\n")).to.deep.equal([]);
    });

    // S11
    it("check() with one function that never returns: only that function's tests fail (timed out), the rest count", async function () {
      this.timeout(240_000);
      const kernel = await startKernel(this);
      try {
        const reference = referenceFile("losses");
        await edition.save("losses", reference);
        const full = await kernel.cell(checkAndReport("losses"), { timeout: 90 });
        expect(full.reply?.status, describeCell(full)).to.equal("ok");
        const fullResults = checkResults(full);
        expect(fullResults.score, "the reference implementations earn every public point").to.equal(fullResults.max);
        const isL2 = (name: string) => name.startsWith("l2Loss:");
        const l2Points = fullResults.tests.filter((t) => isL2(t.name)).reduce((sum, t) => sum + t.max_score, 0);
        expect(l2Points, "l2Loss has public tests").to.be.greaterThan(0);

        const loop = '  checkSameShape("l2Loss", "pred", pred, "target", target);\n  for (;;) {} // forgot to stop';
        await edition.edit("losses", "l2Loss", loop, reference);
        const c = await kernel.cell(checkAndReport("losses"), { timeout: 150 });
        expect(c.reply?.status, describeCell(c)).to.equal("ok");
        const results = checkResults(c);
        const wrong = results.tests.filter((t) => (t.status === "passed") === isL2(t.name));
        expect(
          wrong.map((t) => `${t.status}: ${t.name} — ${t.output.slice(0, 200)}`),
          "every test passes except l2Loss's",
        ).to.deep.equal([]);
        for (const t of results.tests.filter((x) => isL2(x.name))) {
          expect(t.output, `${t.name} says it timed out`).to.match(/time/i);
        }
        expect(results.score, "the score: every public point but l2Loss's").to.equal(fullResults.max - l2Points);
      } finally {
        await stopKernel(kernel);
      }
    });
  });

  describe("mistakes in the exercise file", function () {
    let kernel: StudentKernel;
    before(async function () {
      kernel = await startKernel(this);
      const setup = await kernel.cell(setupCell(edition));
      expect(setup.reply?.status, describeCell(setup)).to.equal("ok");
    });

    /**
     * The student re-runs a cell that loads the file (with its imports, as the README shows), reads what it says,
     * then runs a cell that only calls the exercise.
     */
    async function loadThenCall(): Promise<CellRun[]> {
      const loaded = await kernel.cell(importAndCallSoftmax);
      await sleep(studentPause);
      return [loaded, await kernel.cell(callSoftmax)];
    }

    // S5
    it("a syntax error stops the cell with one error naming the file and the line", async function () {
      const text = await edition.edit("losses", "softmax", "  const total = ;\n  return scores;");
      const line = lineOf(text, "const total = ;");
      for (const c of await loadThenCall()) {
        expect(c.reply?.status, describeCell(c)).to.equal("error");
        const errors = errorOutputs(c);
        expect(errors, describeCell(c)).to.have.length(1);
        expect(outputText(errors[0]), `the error names ${losses} and line ${line}`).to.match(lineRef(line));
        expectNothingInternal(cellText(c), "the error");
      }
    });

    // S6
    it("a type error is shown as a warning with file:line:column, and check() lists it", async function () {
      const text = await edition.edit("losses", "softmax", '  return "oops";');
      const line = lineOf(text, 'return "oops";');
      const message = "Type 'string' is not assignable to type 'Matrix'";
      const c = await kernel.cell(importAndCallSoftmax);
      const where = new RegExp(`exercises/losses\\.ts:${line}:\\d+`);
      const warned = c.outputs.filter((o) => o.type !== "error").map(outputText);
      expect(
        warned.some((w) => where.test(w) && w.includes(message)),
        `a warning with ${losses}:${line}:<column> and "${message}"\n${describeCell(c)}`,
      ).to.equal(true);
      await sleep(studentPause);
      const checked = await kernel.cell(`import { check } from "nn-course";\nawait check("losses");`);
      expect(tableText(checked), `the check's table lists the type error\n${describeCell(checked)}`).to.contain(
        message,
      );
    });

    // S7
    it("an error thrown in the student's code points at the line of the throw in the .ts file", async function () {
      const body = '  if (scores.rows > 0) throw new Error("boom");\n  return scores;';
      const text = await edition.edit("losses", "softmax", body);
      const line = lineOf(text, 'throw new Error("boom")');
      for (const c of await loadThenCall()) {
        expect(c.reply?.status, describeCell(c)).to.equal("error");
        const errors = errorOutputs(c);
        expect(errors, describeCell(c)).to.have.length(1);
        const traceback = outputText(errors[0]);
        expect(traceback, describeCell(c)).to.contain("boom");
        expect(traceback, `the traceback points at ${losses}:${line}`).to.match(
          new RegExp(`exercises/losses\\.ts:${line}\\b`),
        );
      }
    });
  });

  describe("runaway cells and the interrupt button", function () {
    describe("an endless loop, then back to work in the same kernel", function () {
      let kernel: StudentKernel;
      let kept: string | undefined;
      before(async function () {
        // the student has been at work: the library imported, l1Loss implemented and tried, a variable defined
        kernel = await startKernel(this);
        const setup = await kernel.cell(setupCell(edition));
        expect(setup.reply?.status, describeCell(setup)).to.equal("ok");
        await edition.edit("losses", "l1Loss", l1LossBody);
        const tried = await kernel.cell("l1Loss(Matrix.from2D([[1, -2]]), Matrix.zeros(1, 2))");
        expect(tried.reply?.status, describeCell(tried)).to.equal("ok");
        const defined = await kernel.cell("const kept = 6 * 7;\nkept");
        kept = resultOf(defined);
        expect(kept, describeCell(defined)).to.not.equal(undefined);
      });

      // S8
      it("an endless loop stops within 2 s of the interrupt, says so in one line, and the variables survive", async function () {
        const { cells, interrupted_at } = await kernel.run(["while (true) {}"], { interruptAfter: 1.5, timeout: 15 });
        const c = cells[0];
        expect(c.reply, `a reply after the interrupt\n${describeCell(c)}`).to.not.equal(null);
        expect(c.reply_at! - interrupted_at!, "seconds from the interrupt to the reply").to.be.at.most(2);
        const errors = errorOutputs(c);
        expect(errors, describeCell(c)).to.have.length(1);
        expect(errors[0].content.ename, describeCell(c)).to.equal("KeyboardInterrupt");
        expect(outputText(errors[0]).trim().split("\n"), "one line").to.have.length(1);
        expect(outputText(errors[0])).to.match(/interrupt/i);
        await sleep(studentPause);
        const after = await kernel.cell("kept", { timeout: 15 });
        expect(resultOf(after), `kept still has its value\n${describeCell(after)}`).to.equal(kept);
      });

      // S10
      it("after the interrupt, an edited and saved exercise runs at once (no restart)", async function () {
        await edition.edit("losses", "sigmoid", sigmoidBody);
        const c = await kernel.cell("sigmoid(Matrix.from2D([[0]])).get(0, 0)", { timeout: 20 });
        expect(cellText(c), describeCell(c)).not.to.match(/no longer running/i);
        expect(c.reply?.status, describeCell(c)).to.equal("ok");
        expect(resultOf(c), `σ(0) from the new code\n${describeCell(c)}`).to.equal(String(1 / (1 + Math.exp(-0))));
      });
    });

    describe("a printing loop (a kernel of its own)", function () {
      // S9
      it("stops within 2 s of the interrupt; the output is cut short with a line saying how much was not shown", async function () {
        const kernel = await startKernel(this);
        try {
          const loop = 'let i = 0;\nwhile (true) console.log("line", i++);';
          const { cells, interrupted_at } = await kernel.run([loop], { interruptAfter: 1.5, timeout: 20 });
          const c = cells[0];
          expect(c.reply, `a reply after the interrupt\n${describeCell(c)}`).to.not.equal(null);
          expect(c.reply_at! - interrupted_at!, "seconds from the interrupt to the reply").to.be.at.most(2);
          expect(c.stream_messages, "stream messages received (bounded, not one per line)").to.be.at.most(2000);
          const last = c.outputs.at(-1);
          expect(last?.type, describeCell(c)).to.equal("error");
          expect(last?.content.ename).to.equal("KeyboardInterrupt");
          // The first lines, one line saying how many lines were left out, then the last lines before the interrupt.
          const printed = c.outputs
            .filter((o) => o.type === "stream")
            .map(outputText)
            .join("")
            .split("\n")
            .filter(Boolean);
          const notes = printed.filter((l) => /not shown/i.test(l));
          expect(notes, "one line says how much output was not shown").to.have.length(1);
          const omitted = Number(/([\d,]+) more lines? not shown/.exec(notes[0])?.[1].replace(/,/g, ""));
          expect(omitted, notes[0]).to.be.above(0);
          const lines = printed.filter((l) => !/not shown/i.test(l));
          expect(lines[0]).to.equal("line 0");
          const lastNumber = Number(lines.at(-1)!.split(" ")[1]);
          expect(lines.length + omitted, "every line is shown or counted").to.equal(lastNumber + 1);
        } finally {
          await stopKernel(kernel);
        }
      });
    });
  });

  describe("in Jupyter Notebook 6 in Chromium", function () {
    // S12
    it("Kernel → Interrupt stops a printing loop within 3 s and the interrupted line is shown", async function () {
      this.timeout(120_000);
      const missing = browserMissing();
      if (missing) {
        console.log(`      skipped: ${missing}`);
        this.skip();
      }
      const screenshot = path.join(buildDir, "screenshots", "student-interrupt.png");
      const seen = await interruptPrintingLoopInBrowser(edition, screenshot);
      expect(seen.failure, seen.log).to.equal(undefined);
      expect(seen.secondsToIdle, `prompt after the interrupt: ${seen.prompt}${seen.log}`).to.not.equal(null);
      expect(seen.secondsToIdle!, "seconds from the interrupt to a finished prompt").to.be.at.most(3);
      expect(seen.prompt).to.match(/^\[\d+\]$/);
      expect(seen.errorText, "the interrupted line").to.match(/interrupt/i);
      expect(seen.errorVisible, "the interrupted line is visible").to.equal(true);
    });
  });

  describe("without Jupyter (npm start's embedded tslab engine)", function () {
    // S13
    it("notebook 01 runs to the end: every cell shows its output, each exercise still to do says so", async function () {
      this.timeout(180_000);
      // the tools/ of the edition, in the edition: what a student's `npm start` runs when Jupyter is missing
      const args = ["tsx", "tools/notebooks/run.ts", "--engine", "tslab", "--impl", "exercises", "--only", "01"];
      const ran = await run("npx", [...args, "--no-html"], { cwd: edition.root, maxBuffer: 1 << 24 }).catch(
        (e: { code?: number; stdout?: string; stderr?: string }) => e,
      );
      const executed = path.join(edition.root, "build", "notebooks", "01-losses.ipynb");
      expect(fs.existsSync(executed), `no executed notebook:\n${ran.stdout}\n${ran.stderr}`).to.equal(true);
      const nb: Notebook = readNotebook(executed);
      const code = nb.cells.filter((c) => c.cell_type === "code");
      const uses = exerciseUse(
        code.map((c) => joinText(c.source)),
        exportedFunctions(edition.stub("losses")),
      );
      const problems: string[] = [];
      code.forEach((cell, i) => {
        const source = joinText(cell.source);
        const where = `cell ${i} (${source.split("\n")[0].slice(0, 60)}…)`;
        const outputs = cell.outputs ?? [];
        if (typeof cell.execution_count !== "number") problems.push(`${where} did not run`);
        if (outputs.length === 0 && !definesOnly(source)) problems.push(`${where} has no output`);
        const pending = outputs.filter(
          (o) => (o.metadata?.nn_course as { kind?: string } | undefined)?.kind === "exercise-pending",
        );
        if (uses[i].needs && pending.length !== 1) {
          const shown = outputs.map((o) =>
            `[${o.output_type}] ${joinText((o.data?.["text/plain"] ?? o.text ?? o.evalue) as string)}`.slice(0, 200),
          );
          problems.push(
            `${where} needs ${uses[i].exercises.join(", ")}: one exercise-pending line expected, shows:\n  ${shown.join("\n  ")}`,
          );
        }
      });
      const last = code.at(-1)!;
      expect(joinText(last.source)).to.contain('check("losses")');
      if ((last.outputs ?? []).length === 0) problems.push("the closing check cell has no output");
      expect(problems, problems.join("\n")).to.deep.equal([]);
    });
  });

  describe("Run All on every notebook", function () {
    // S14
    it("every notebook runs to the end on the untouched stubs: all cells run, nothing but notices", async function () {
      this.timeout(300_000);
      // What `npm run notebooks` does for a student: each notebook top to bottom in a fresh kernel (Jupyter when it
      // is installed, else the embedded engine), on the stubs.
      const ran = await run("npx", ["tsx", "tools/notebooks/run.ts", "--impl", "exercises", "--no-html"], {
        cwd: edition.root,
        maxBuffer: 1 << 24,
      }).catch((e: { stdout?: string; stderr?: string }) => e);
      const dir = path.join(edition.root, "build", "notebooks");
      const names = fs.readdirSync(path.join(edition.root, "notebooks")).filter((f) => f.endsWith(".ipynb"));
      expect(names.length, "the edition's notebooks").to.be.above(0);
      const problems: string[] = [];
      for (const name of names) {
        const executed = path.join(dir, name);
        if (!fs.existsSync(executed)) {
          problems.push(`${name} was not executed:\n${ran.stdout ?? ""}\n${ran.stderr ?? ""}`);
          continue;
        }
        const cells = readNotebook(executed).cells;
        cells.forEach((cell, i) => {
          if (cell.cell_type !== "code") return;
          if (typeof cell.execution_count !== "number") problems.push(`${name} cell ${i} did not run`);
          for (const o of cell.outputs ?? []) {
            if (o.output_type === "error") problems.push(`${name} cell ${i}: ${o.ename}: ${o.evalue}`);
            if (o.output_type === "stream" && o.name === "stderr") {
              problems.push(`${name} cell ${i} printed to stderr: ${joinText(o.text).slice(0, 300)}`);
            }
          }
        });
      }
      expect(problems, problems.join("\n")).to.deep.equal([]);
    });
  });
});

/** "exercises/losses.ts" followed by the line, as `:12`, `, line 12` or ` (line 12`. */
function lineRef(line: number): RegExp {
  return new RegExp(`exercises/losses\\.ts(:|,? line |\\s*\\(line )${line}\\b`);
}
