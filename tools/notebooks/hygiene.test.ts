import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  checkNotebooks,
  cleanNotebook,
  cleanNotebooks,
  courseMetadata,
  courseNotebooks,
  findNbformatPython,
  hygieneProblems,
  schemaProblems,
  structuralProblems,
} from "./hygiene";
import type { Notebook } from "./nbformat";

const root = path.resolve(__dirname, "..", "..");

/** A notebook as a front end saves it after a run: outputs, counts, timing and view metadata. */
function executed(): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      ...structuredClone(courseMetadata),
      language_info: { name: "typescript", version: "5.9.3", file_extension: ".ts", mimetype: "text/typescript" },
      widgets: { state: {} },
    },
    cells: [
      { cell_type: "markdown", id: "intro", metadata: { jupyter: { source_hidden: false } }, source: ["# Title"] },
      {
        cell_type: "code",
        id: "sum",
        metadata: { scrolled: true, tags: ["keep"], execution: { "iopub.execute_input": "2026-01-01T00:00:00Z" } },
        source: "1 + 1",
        execution_count: 3,
        outputs: [{ output_type: "execute_result", execution_count: 3, data: { "text/plain": "2" }, metadata: {} }],
      },
    ],
  };
}

function tempNotebook(nb: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nn-hygiene-")), "n.ipynb");
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  return file;
}

describe("notebook hygiene", () => {
  it("every committed notebook is valid nbformat v4, on the course kernel, and clean", function () {
    this.timeout(60_000);
    const files = courseNotebooks();
    expect(files.length).to.be.greaterThan(0);
    const { problems, validator } = checkNotebooks(files);
    const report = [...problems].map(([f, p]) => `${path.basename(f)}: ${p.slice(0, 5).join("; ")}`).join("\n");
    expect(report, `run \`npm run notebooks:clean\` (checked with ${validator})`).to.equal("");
  });

  it("lists the outputs, execution counts and stray metadata of an executed notebook", () => {
    expect(hygieneProblems(executed())).to.deep.equal([
      `metadata.language_info must be ${JSON.stringify(courseMetadata.language_info)}`,
      'stray notebook metadata "widgets"',
      'cell 0: stray cell metadata "jupyter"',
      "cell 1: has 1 output(s)",
      "cell 1: execution_count is 3, not null",
      'cell 1: stray cell metadata "scrolled"',
      'cell 1: stray cell metadata "execution"',
    ]);
  });

  it("names a notebook on another kernel", () => {
    const nb = cleanNotebook(executed());
    nb.metadata.kernelspec = { name: "tslab", display_name: "TypeScript", language: "typescript" };
    expect(hygieneProblems(nb)).to.deep.equal([
      `metadata.kernelspec must be ${JSON.stringify(courseMetadata.kernelspec)}`,
    ]);
  });

  it("cleaning leaves sources, ids and tags, and nothing to complain about; cleaning again changes nothing", () => {
    const clean = cleanNotebook(executed());
    expect(hygieneProblems(clean)).to.deep.equal([]);
    expect(clean.cells.map((c) => [c.id, c.source, c.metadata])).to.deep.equal([
      ["intro", ["# Title"], {}],
      ["sum", "1 + 1", { tags: ["keep"] }],
    ]);
    expect(clean.cells[1].outputs).to.deep.equal([]);
    expect(clean.cells[1].execution_count).to.equal(null);
    expect(cleanNotebook(clean)).to.deep.equal(clean);
  });

  it("cleans files in place and leaves clean files untouched (byte for byte)", () => {
    const dirty = tempNotebook(executed());
    expect(cleanNotebooks([dirty])).to.deep.equal([dirty]);
    const after = fs.readFileSync(dirty, "utf8");
    expect(cleanNotebooks([dirty])).to.deep.equal([]);
    expect(fs.readFileSync(dirty, "utf8")).to.equal(after);
    expect(checkNotebooks([dirty]).problems.size).to.equal(0);
  });

  it("the structural check finds what the schema requires", () => {
    const nb = cleanNotebook(executed()) as unknown as { cells: Record<string, unknown>[] };
    delete nb.cells[1].outputs;
    nb.cells[0].id = "has space";
    nb.cells[1].source = 42;
    expect(structuralProblems(nb)).to.deep.equal([
      'cell 0: id must be 1–64 letters, digits, "-" or "_" (nbformat 4.5)',
      "cell 1: source must be a string or an array of strings",
      "cell 1: a code cell needs outputs (an array)",
    ]);
    expect(structuralProblems({ nbformat: 3, cells: [] })).to.deep.equal([
      "nbformat must be 4, found 3",
      "nbformat_minor must be a whole number ≥ 0",
      "metadata must be an object",
    ]);
  });

  it("validates against the nbformat v4 JSON schema with Python's nbformat", function () {
    this.timeout(60_000);
    const python = findNbformatPython();
    if (!python) {
      console.log("      skipped: no Python with nbformat (Debian/Ubuntu: apt install python3-nbformat)");
      this.skip();
    }
    const good = tempNotebook(cleanNotebook(executed()));
    const broken = cleanNotebook(executed()) as unknown as { cells: Record<string, unknown>[] };
    delete broken.cells[1].outputs;
    broken.cells[0].cell_type = "heading";
    const bad = tempNotebook(broken);
    const result = schemaProblems([good, bad], python)!;
    expect(result.get(good)).to.deep.equal([]);
    const messages = result.get(bad)!.join("\n");
    expect(messages).to.contain("cells/1: 'outputs' is a required property");
    expect(messages).to.contain("cells/0");
    expect(checkNotebooks([bad]).problems.get(bad)!.every((p) => p.startsWith("nbformat v4: "))).to.equal(true);
  });

  it("the command reports a dirty notebook with exit status 1, and --clean fixes it", function () {
    this.timeout(60_000);
    const file = tempNotebook(executed());
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "hygiene.ts"), ...args], {
        cwd: root,
        encoding: "utf8",
      });
    const check = cli([file]);
    expect(check.status).to.equal(1);
    expect(check.stdout).to.contain("cell 1: has 1 output(s)").and.to.contain("npm run notebooks:clean");
    const clean = cli(["--clean", file]);
    expect(clean.status, clean.stdout + clean.stderr).to.equal(0);
    expect(clean.stdout).to.contain("1 of 1 notebook(s) needed cleaning.");
  });
});
