import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { joinText, readNotebook } from "./nbformat";
import { markdownToHtml, notebookToHtml } from "./html";
import { firstError, parseArgs, readDurations } from "./run";

const root = path.resolve(__dirname, "..", "..");
const fixture = path.join(root, "test", "fixtures", "notebooks", "tiny.ipynb");

/** Runs the embedded engine on the fixture notebook, as a child process (one fresh "kernel" per notebook). */
function runEngine(impl: string, allowErrors: boolean) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nn-engine-")), "tiny.ipynb");
  const r = spawnSync(
    process.execPath,
    ["--require", "tsx/cjs", path.join(__dirname, "engine.ts"), fixture, out, ...(allowErrors ? ["--allow-errors"] : [])],
    { cwd: root, encoding: "utf8", env: { ...process.env, NN_COURSE_IMPL: impl } },
  );
  return { status: r.status, out, stderr: r.stderr };
}

describe("notebooks: the embedded tslab engine", function () {
  this.timeout(60_000);

  it("executes a notebook without Jupyter: stdout, rich display, and a notice for an exercise not done yet", () => {
    const { status, out } = runEngine("exercises", true);
    expect(status, "a cell failed, so the exit status is 1").to.equal(1);
    const cells = readNotebook(out).cells.filter((c) => c.cell_type === "code");
    expect(joinText(cells[0].outputs![0].text)).to.equal("total 10\n");
    expect(cells[1].outputs![0].data!["text/html"]).to.contain("rich");
    const [notice] = cells[2].outputs!;
    expect(notice.output_type).to.equal("display_data");
    expect(notice.metadata).to.deep.include({ nn_course: { kind: "exercise-pending", exercise: "softmax", file: "exercises/losses.ts" } });
    expect(JSON.stringify(cells[2].outputs)).to.contain("softmax is not implemented yet: implement softmax in exercises/losses.ts");
    expect(JSON.stringify(cells[2].outputs), "no stack trace for an unimplemented stub").not.to.contain("    at ");
    // The next cell runs, and the value the stub did not compute explains itself.
    expect(joinText(cells[3].outputs![0].text)).to.equal("after the notice\n");
    expect(JSON.stringify(cells[3].outputs![1].data)).to.contain("probs has no value yet: In [3] needs softmax");
    expect(cells[4].outputs![0].output_type, "a real error is an error").to.equal("error");
    expect(joinText(cells[5].outputs![0].text), "--allow-errors runs on past the failed cell").to.equal(
      "after the error\n",
    );
    expect(firstError(out)).to.match(/^cell 3: softmax is not implemented yet/);
  });

  it("stops at the first failing cell in check mode, but not at an exercise not done yet", () => {
    const { status, out } = runEngine("exercises", false);
    expect(status).to.equal(1);
    const cells = readNotebook(out).cells;
    expect(joinText(cells[4].outputs![0].text)).to.equal("after the notice\n");
    expect(cells[5].outputs![0].output_type).to.equal("error");
    expect(cells[6].outputs ?? [], "the cell after the failure did not run").to.deep.equal([]);
  });
});

describe("notebooks: HTML copies without nbconvert", () => {
  it("renders markdown maths with KaTeX and keeps it away from the markdown parser", () => {
    const html = markdownToHtml("Loss $a_i * b_i$ and $$\\sum_i x_i^2$$ **bold**");
    expect(html).to.contain('class="katex"');
    expect(html).to.contain('class="katex-display"');
    expect(html).to.contain("<strong>bold</strong>");
    expect(html).not.to.contain("<em>"); // the * and _ inside maths did not become emphasis
  });

  it("shows code, text and rich outputs, escaping code", () => {
    const nb = readNotebook(fixture);
    nb.cells[1].outputs = [{ output_type: "stream", name: "stdout", text: "total 10\n" }];
    nb.cells[2].outputs = [{ output_type: "display_data", data: { "text/html": "<b>rich</b>" }, metadata: {} }];
    const html = notebookToHtml(nb, "tiny");
    expect(html).to.contain("total 10");
    expect(html).to.contain("<b>rich</b>");
    expect(html).to.contain("&lt;b id="); // the code cell's source is escaped, not rendered
    expect(html).to.contain("katex/katex.min.css");
  });
});

describe("notebooks: runner options", () => {
  it("parses options and rejects unknown ones with the list of valid ones", () => {
    expect(parseArgs(["--check", "--impl", "solutions", "--engine", "tslab"])).to.deep.include({
      check: true,
      impl: "solutions",
      engine: "tslab",
    });
    expect(() => parseArgs(["--fast"])).to.throw(/Unknown option "--fast"/);
    expect(() => parseArgs(["--engine", "gpu"])).to.throw(/auto, jupyter or tslab/);
    expect(parseArgs(["--no-html", "--only=03"])).to.deep.equal({
      check: false,
      impl: undefined,
      engine: "auto",
      only: "03",
      html: false,
    });
    expect(() => parseArgs(["--impl"])).to.throw(/^--impl needs a value\. Options: --check/);
    expect(() => parseArgs(["notebook.ipynb"])).to.throw(/^unexpected argument notebook\.ipynb\. Options:/);
  });
});

describe("notebooks: run order", () => {
  it("reads the last run's times, and an empty record when there is none or it is not JSON", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-durations-"));
    const file = path.join(dir, "durations.json");
    expect(readDurations(file)).to.deep.equal({});
    fs.writeFileSync(file, "{ not json");
    expect(readDurations(file)).to.deep.equal({});
    fs.writeFileSync(file, JSON.stringify({ "09-regularization.ipynb": 30.5 }));
    expect(readDurations(file)).to.deep.equal({ "09-regularization.ipynb": 30.5 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
