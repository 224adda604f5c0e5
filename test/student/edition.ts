/**
 * A temporary student edition, made the way an instructor makes one (`npm run release -- --out DIR`, then
 * `npm install` in it), and the student's editor: exercise files saved the way Jupyter's editor and most others
 * save (the new text written to a temporary file beside the original, then renamed over it).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { projectRoot } from "../../tools/paths";
import { joinText, readNotebook } from "../../tools/notebooks/nbformat";
import { pidsWithArg, sleep, stopProcess } from "../browser/processes";

const run = promisify(execFile);

/** How long a student takes between saving a file and running a cell. */
export const studentPause = 1000;

export class Edition {
  /** The edition's own originals of the exercise files, to put back between scenarios. */
  private readonly stubs = new Map<string, string>();
  private edits = 0;

  private constructor(
    /** The temporary folder that holds the edition (and nothing else of value). */
    readonly tmp: string,
    readonly root: string,
  ) {}

  /** Writes a student edition into a fresh temporary folder and installs its dependencies (≈10 s). */
  static async make(): Promise<Edition> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nn-student-"));
    const edition = new Edition(tmp, path.join(tmp, "edition"));
    try {
      await run("npm", ["run", "release", "--", "--out", edition.root], { cwd: projectRoot, maxBuffer: 1 << 24 });
      // also registers the kernelspec in <edition>/.jupyter (postinstall)
      await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
        cwd: edition.root,
        maxBuffer: 1 << 24,
      });
    } catch (e) {
      await edition.remove();
      const err = e as Error & { stdout?: string; stderr?: string };
      throw new Error(`making the student edition failed: ${err.message}\n${err.stdout ?? ""}\n${err.stderr ?? ""}`, {
        cause: e,
      });
    }
    return edition;
  }

  get notebooksDir(): string {
    return path.join(this.root, "notebooks");
  }

  /** JUPYTER_PATH for a kernel of this edition (its kernelspec starts the edition's kernel). */
  get jupyterPath(): string {
    return path.join(this.root, ".jupyter");
  }

  /** `exercises/<module>.ts` of the edition. */
  exerciseFile(module: string): string {
    return path.join(this.root, "exercises", `${module}.ts`);
  }

  /** The exercise file as the edition shipped it (the stubs). */
  stub(module: string): string {
    let text = this.stubs.get(module);
    if (text === undefined) {
      text = fs.readFileSync(this.exerciseFile(module), "utf8");
      this.stubs.set(module, text);
    }
    return text;
  }

  /**
   * Saves `text` as `exercises/<module>.ts` the way an editor's atomic save does (a temporary file in the same
   * folder, renamed over the original), then waits as long as a student takes to go back to the notebook.
   */
  async save(module: string, text: string): Promise<void> {
    const file = this.exerciseFile(module);
    this.stub(module); // remember the original before the first change
    const temp = path.join(path.dirname(file), `.~${path.basename(file)}`);
    const fd = fs.openSync(temp, "w");
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    await sleep(studentPause);
  }

  /**
   * Edits the exercise file as a student does: `from` (default: the shipped file) with the body of `fn` replaced
   * by `body`, saved; returns the text saved. The body ends with a comment holding the time, so that every edit is
   * new text, as a student's edits are: nothing compiled from an earlier text (tsx caches by content) is reused.
   */
  async edit(module: string, fn: string, body: string, from = this.stub(module)): Promise<string> {
    const text = withBody(from, fn, `${body}\n  // edited ${new Date().toISOString()} (${++this.edits})`);
    await this.save(module, text);
    return text;
  }

  /** Puts the shipped stubs back (only when the file was changed). */
  async restore(module: string): Promise<void> {
    if (fs.readFileSync(this.exerciseFile(module), "utf8") !== this.stub(module)) {
      await this.save(module, this.stub(module));
    }
  }

  /** The code cells of one of the edition's notebooks, e.g. notebookCells("01-losses"). */
  notebookCells(stem: string): string[] {
    const nb = readNotebook(path.join(this.notebooksDir, `${stem}.ipynb`));
    return nb.cells.filter((c) => c.cell_type === "code").map((c) => joinText(c.source));
  }

  /** Stops any process still running from the edition (kernels, engines), then deletes the temporary folder. */
  async remove(): Promise<void> {
    for (const pid of pidsWithArg(this.tmp)) await stopProcess(pid, { graceMs: 2000 });
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/**
 * `source` with the body of the exported function `name` replaced by `body` (its lines, indented as given).
 * The signature line stays; the body ends at the next line that is a lone `}` (how the course's files are
 * formatted).
 */
export function withBody(source: string, name: string, body: string): string {
  const lines = source.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`export function ${name}(`));
  if (start < 0 || !lines[start].endsWith("{")) throw new Error(`no one-line signature of ${name}() found`);
  const end = lines.findIndex((l, i) => i > start && l === "}");
  if (end < 0) throw new Error(`the end of ${name}() was not found`);
  return [...lines.slice(0, start + 1), ...body.split("\n"), ...lines.slice(end)].join("\n");
}

/** The 1-based line of the first line of `source` containing `needle`. */
export function lineOf(source: string, needle: string): number {
  const i = source.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" is not in the source`);
  return i + 1;
}

/** The names of the functions a module exports (`export function name(`), in file order. */
export function exportedFunctions(source: string): string[] {
  return [...source.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
}
