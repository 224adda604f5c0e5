/**
 * docs/instructors.md, followed step by step on a temporary copy of the repository, so that the guide cannot go
 * stale: every block that names a file is written (`file=` writes it, `append=` adds to it, `cell=` becomes a cell
 * of that notebook, `assignment=course.json` is added to the course file's assignments), and every `sh` block is run
 * in the copy with bash (-e, -o pipefail) and must succeed (`sh expect-fail`: must fail) — its own checks (grep,
 * test) say what the step does.
 */
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");
const GUIDE = path.join(root, "docs", "instructors.md");

/** One fenced block of the guide: its language, its attributes (`key=value` or a flag) and its text. */
interface Block {
  lang: string;
  attrs: Record<string, string>;
  text: string;
  line: number;
}

/** The fenced blocks of a Markdown text, in order. */
export function guideBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const m of markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].trim().split(/\s+/).filter(Boolean)) {
      const [k, ...v] = a.split("=");
      attrs[k] = v.join("=");
    }
    blocks.push({ lang: m[1], attrs, text: m[3], line: markdown.slice(0, m.index).split("\n").length });
  }
  return blocks;
}

/** A copy of the files git tracks in the project (as they are in the work tree), its packages linked from the project. */
function copyProject(dest: string): void {
  const files = execFileSync("git", ["ls-files", "-z"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && !f.startsWith("node_modules/") && !f.startsWith("build/"));
  for (const f of files) {
    const from = path.join(root, f);
    if (!fs.existsSync(from) || !fs.lstatSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, f));
  }
  const nm = path.join(dest, "node_modules");
  fs.mkdirSync(nm);
  for (const name of fs.readdirSync(path.join(root, "node_modules"))) {
    if (name === "nn-course") continue;
    fs.symlinkSync(path.join(root, "node_modules", name), path.join(nm, name));
  }
  fs.symlinkSync("../lib", path.join(nm, "nn-course"));
}

/** Writes the cells collected for a notebook, with the course kernel's metadata. */
function writeNotebook(file: string, cells: string[]): void {
  const metadata = JSON.parse(fs.readFileSync(path.join(root, "notebooks", "01-losses.ipynb"), "utf8")).metadata;
  const nb = {
    cells: cells.map((source, i) => ({
      cell_type: "code",
      execution_count: null,
      id: `cell-${i + 1}`,
      metadata: {},
      outputs: [],
      source: source.split(/(?<=\n)/),
    })),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
}

describe("docs/instructors.md: the worked example, followed on a copy of the repository", function () {
  this.timeout(300_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "instructors-guide-"));
  const copy = path.join(tmp, "course");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("reads the guide's blocks: files, appends, cells, the course entry and commands", () => {
    const blocks = guideBlocks(fs.readFileSync(GUIDE, "utf8"));
    const kinds = new Set(blocks.map((b) => (b.lang === "sh" ? "sh" : Object.keys(b.attrs)[0])));
    expect([...kinds].sort()).to.deep.equal(["append", "assignment", "cell", "file", "sh"]);
    for (const f of ["solutions/metrics.ts", "test/graded/metrics.test.ts", "test/hidden/metrics.test.ts"]) {
      expect(blocks.some((b) => b.attrs.file === f)).to.equal(true);
    }
  });

  it("every step works as the guide says", () => {
    copyProject(copy);
    const cells = new Map<string, string[]>();
    const done: string[] = [];
    for (const b of guideBlocks(fs.readFileSync(GUIDE, "utf8"))) {
      const where = `docs/instructors.md:${b.line}`;
      if (b.attrs.file !== undefined) {
        const file = path.join(copy, b.attrs.file);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, b.text);
      } else if (b.attrs.append !== undefined) {
        fs.appendFileSync(path.join(copy, b.attrs.append), `\n${b.text}`);
      } else if (b.attrs.cell !== undefined) {
        cells.set(b.attrs.cell, [...(cells.get(b.attrs.cell) ?? []), b.text]);
        writeNotebook(path.join(copy, b.attrs.cell), cells.get(b.attrs.cell)!);
      } else if (b.attrs.assignment !== undefined) {
        const file = path.join(copy, b.attrs.assignment);
        const course = JSON.parse(fs.readFileSync(file, "utf8")) as { assignments: unknown[] };
        course.assignments.push(JSON.parse(b.text));
        fs.writeFileSync(file, JSON.stringify(course, null, 2) + "\n");
      } else if (b.lang === "sh") {
        const env = { ...process.env };
        delete env.NN_COURSE_IMPL;
        const run = spawnSync("bash", ["-e", "-o", "pipefail", "-c", b.text], {
          cwd: copy,
          env,
          encoding: "utf8",
          timeout: 240_000,
        });
        const said = `${where}: ${b.text.trim().split("\n")[0]}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
        if (b.attrs["expect-fail"] !== undefined) expect(run.status, said).to.not.equal(0);
        else expect(run.status, said).to.equal(0);
      }
      done.push(where);
    }
    expect(done.length).to.be.greaterThan(15);
  });

  it("the notebook cells run on the reference solution", () => {
    // The cells as one script (the kernel runs them one by one; top-level await becomes an async function here).
    const nb = JSON.parse(fs.readFileSync(path.join(copy, "notebooks", "13-metrics.ipynb"), "utf8")) as {
      cells: { source: string[] }[];
    };
    const code = nb.cells.map((c) => c.source.join("")).join("\n");
    const imports = code.split("\n").filter((l) => l.startsWith("import "));
    const body = code.split("\n").filter((l) => !l.startsWith("import "));
    const script = path.join(copy, "notebooks", "cells.ts");
    fs.writeFileSync(script, `${imports.join("\n")}\n(async () => {\n${body.join("\n")}\n})();\n`);
    const run = spawnSync(process.execPath, ["--require", "tsx/cjs", script], {
      cwd: copy,
      env: { ...process.env, NN_COURSE_IMPL: "solutions" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/accuracy: 0\.6666/);
    expect(run.stdout).to.match(/metrics/);
  });
});
