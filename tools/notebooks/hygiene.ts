/**
 * Notebook hygiene: every notebook in notebooks/ is valid nbformat v4, names the course kernel, and is committed
 * clean — no outputs, no execution counts, no metadata beyond the kernel's (front ends add cell metadata such as
 * "scrolled", "collapsed" or "execution" timings, and notebook metadata such as "widgets" or "toc").
 *
 *   npm run notebooks:check     report what is wrong (exit status 1 if anything is)
 *   npm run notebooks:clean     clean every notebook in place (outputs, counts, stray metadata), then check
 *
 * Schema validation uses the nbformat v4 JSON schema through Python's nbformat (Debian: python3-nbformat) when a
 * Python with it is found; otherwise a structural check in TypeScript covers the same required fields.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exitOnUsageError, parseCommandLine } from "../../lib/cli";
import { kernelDisplayName, kernelName, notebooksDir } from "../paths";
import { type Cell, type Notebook, writeNotebook } from "./nbformat";

/** The notebook metadata every course notebook carries, and nothing else. */
export const courseMetadata = {
  kernelspec: { name: kernelName, display_name: kernelDisplayName, language: "typescript" },
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
};

/** Cell metadata that may stay in a clean notebook (author's tags); everything else is front-end state. */
export const keptCellMetadata = ["tags"];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isMultiline = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));

/**
 * Structural nbformat v4 check (the schema's required fields and types), for when Python's nbformat is missing.
 * Returns one message per problem, each naming the cell.
 *
 * @example
 * structuralProblems({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code" }] });
 * // ["cell 0: source must be a string or an array of strings", ...]
 */
export function structuralProblems(nb: unknown): string[] {
  if (!isObject(nb)) return ["the notebook is not a JSON object"];
  const out: string[] = [];
  if (nb.nbformat !== 4) out.push(`nbformat must be 4, found ${JSON.stringify(nb.nbformat)}`);
  if (!Number.isInteger(nb.nbformat_minor) || (nb.nbformat_minor as number) < 0) {
    out.push("nbformat_minor must be a whole number ≥ 0");
  }
  if (!isObject(nb.metadata)) out.push("metadata must be an object");
  if (!Array.isArray(nb.cells)) return [...out, "cells must be an array"];
  const allowedTop = new Set(["cells", "metadata", "nbformat", "nbformat_minor"]);
  for (const k of Object.keys(nb)) if (!allowedTop.has(k)) out.push(`unknown top-level property "${k}"`);
  const needIds = (nb.nbformat_minor as number) >= 5;
  const ids = new Set<string>();
  nb.cells.forEach((cell: unknown, i: number) => {
    const at = `cell ${i}`;
    if (!isObject(cell)) return out.push(`${at}: not an object`);
    const type = cell.cell_type;
    if (type !== "code" && type !== "markdown" && type !== "raw") {
      return out.push(`${at}: cell_type must be code, markdown or raw, found ${JSON.stringify(type)}`);
    }
    if (!isMultiline(cell.source)) out.push(`${at}: source must be a string or an array of strings`);
    if (!isObject(cell.metadata)) out.push(`${at}: metadata must be an object`);
    if (needIds) {
      if (typeof cell.id !== "string" || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) {
        out.push(`${at}: id must be 1–64 letters, digits, "-" or "_" (nbformat 4.5)`);
      } else if (ids.has(cell.id)) out.push(`${at}: id "${cell.id}" is used twice`);
      else ids.add(cell.id);
    }
    const allowed = new Set(["cell_type", "id", "metadata", "source", "attachments"]);
    if (type === "code") {
      allowed.add("outputs").add("execution_count");
      if (!Array.isArray(cell.outputs)) out.push(`${at}: a code cell needs outputs (an array)`);
      if (!(cell.execution_count === null || Number.isInteger(cell.execution_count))) {
        out.push(`${at}: a code cell needs execution_count (null or a whole number)`);
      }
    }
    for (const k of Object.keys(cell)) if (!allowed.has(k)) out.push(`${at}: unknown property "${k}" on a ${type} cell`);
  });
  return out;
}

/**
 * Validates notebook files against the nbformat v4 JSON schema with Python's nbformat. Returns the problems per
 * file, or undefined when no Python with nbformat is available.
 */
export function schemaProblems(files: string[], python = findNbformatPython()): Map<string, string[]> | undefined {
  if (!python) return undefined;
  const script = [
    "import json, sys",
    "from nbformat.validator import iter_validate",
    "out = {}",
    "for f in sys.argv[1:]:",
    "    with open(f, encoding='utf-8') as h:",
    "        nb = json.load(h)",
    "    out[f] = sorted({(('/'.join(str(p) for p in e.absolute_path) or '(top)') + ': ' + e.message)[:400]",
    "                     for e in iter_validate(nb, version=4)})",
    "print(json.dumps(out))",
  ].join("\n");
  // the jsonschema validator names the failing property (nbformat's default, fastjsonschema, does not)
  const env = { ...process.env, NBFORMAT_VALIDATOR: "jsonschema" };
  const r = spawnSync(python, ["-c", script, ...files], { encoding: "utf8", timeout: 60_000, env });
  if (r.status !== 0) throw new Error(`nbformat validation failed to run (${python}): ${r.stderr || r.error}`);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string[]>));
}

/** A Python with nbformat installed (Debian's /usr/bin/python3 first), or undefined. */
export function findNbformatPython(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, ["-c", "import nbformat.validator"], { stdio: "ignore", timeout: 30_000 });
    if (r.status === 0) return python;
  }
  return undefined;
}

/**
 * What keeps a notebook from being a clean course notebook: the kernel it names, outputs, execution counts and
 * metadata beyond the kernel's.
 *
 * @example
 * hygieneProblems(nb); // e.g. ['cell 3: has 2 outputs', 'cell 3: execution_count is 7, not null']
 */
export function hygieneProblems(nb: Notebook): string[] {
  const out: string[] = [];
  const meta = nb.metadata ?? {};
  if (JSON.stringify(meta.kernelspec) !== JSON.stringify(courseMetadata.kernelspec)) {
    out.push(`metadata.kernelspec must be ${JSON.stringify(courseMetadata.kernelspec)}`);
  }
  if (JSON.stringify(meta.language_info) !== JSON.stringify(courseMetadata.language_info)) {
    out.push(`metadata.language_info must be ${JSON.stringify(courseMetadata.language_info)}`);
  }
  for (const k of Object.keys(meta)) {
    if (!(k in courseMetadata)) out.push(`stray notebook metadata "${k}"`);
  }
  nb.cells.forEach((cell, i) => {
    if ((cell.outputs?.length ?? 0) > 0) out.push(`cell ${i}: has ${cell.outputs!.length} output(s)`);
    if (cell.execution_count !== undefined && cell.execution_count !== null) {
      out.push(`cell ${i}: execution_count is ${cell.execution_count}, not null`);
    }
    for (const k of Object.keys(cell.metadata ?? {})) {
      if (!keptCellMetadata.includes(k)) out.push(`cell ${i}: stray cell metadata "${k}"`);
    }
  });
  return out;
}

/**
 * The clean form of a notebook: outputs and execution counts removed, the course kernel's metadata, cell metadata
 * reduced to tags. Key order and cell ids are kept, so cleaning a clean notebook changes nothing.
 *
 * @example
 * hygieneProblems(cleanNotebook(executed)); // []
 */
export function cleanNotebook(nb: Notebook): Notebook {
  const cells = nb.cells.map((cell): Cell => {
    const metadata = Object.fromEntries(Object.entries(cell.metadata ?? {}).filter(([k]) => keptCellMetadata.includes(k)));
    if (cell.cell_type !== "code") return { ...cell, metadata };
    return { ...cell, metadata, outputs: [], execution_count: null };
  });
  return { ...nb, cells, metadata: structuredClone(courseMetadata) };
}

/** Every problem of one notebook file: schema (or structure), then hygiene. */
export function notebookProblems(file: string, schema?: string[]): string[] {
  let nb: unknown;
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return [`not valid JSON: ${(e as Error).message}`];
  }
  const structure = schema ?? structuralProblems(nb);
  if (structure.length > 0) return structure.map((p) => `nbformat v4: ${p}`);
  return hygieneProblems(nb as Notebook);
}

/** Checks notebook files; returns the problems by file (files without problems are left out). */
export function checkNotebooks(files: string[]): { problems: Map<string, string[]>; validator: string } {
  const schema = schemaProblems(files);
  const problems = new Map<string, string[]>();
  for (const f of files) {
    const p = notebookProblems(f, schema?.get(f));
    if (p.length > 0) problems.set(f, p);
  }
  return { problems, validator: schema ? "the nbformat v4 JSON schema (Python nbformat)" : "a structural check" };
}

/** Cleans notebook files in place; returns the files that changed. A file already clean is not rewritten. */
export function cleanNotebooks(files: string[]): string[] {
  const changed: string[] = [];
  for (const f of files) {
    const nb = JSON.parse(fs.readFileSync(f, "utf8")) as Notebook;
    const clean = cleanNotebook(nb);
    if (JSON.stringify(clean) === JSON.stringify(nb)) continue;
    writeNotebook(f, clean);
    changed.push(f);
  }
  return changed;
}

/** The course notebooks: notebooks/*.ipynb. */
export function courseNotebooks(dir = notebooksDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(dir, f));
}

function main(argv: string[]): number {
  const usage = "usage: npm run notebooks:check [-- NOTEBOOK.ipynb …]   (--clean first removes outputs)";
  const options = { clean: { type: "boolean" } } as const;
  const { values, positionals: files } = exitOnUsageError(() =>
    parseCommandLine({ args: argv, options, allowPositionals: true }, usage),
  );
  const clean = values.clean === true;
  const targets = files.length > 0 ? files.map((f) => path.resolve(f)) : courseNotebooks();
  if (clean) {
    const changed = cleanNotebooks(targets);
    for (const f of changed) console.log(`cleaned ${path.relative(process.cwd(), f)}`);
    console.log(`${changed.length} of ${targets.length} notebook(s) needed cleaning.`);
  }
  const { problems, validator } = checkNotebooks(targets);
  for (const [f, list] of problems) {
    console.log(`${path.relative(process.cwd(), f)}:`);
    for (const p of list.slice(0, 20)) console.log(`  ${p}`);
    if (list.length > 20) console.log(`  … and ${list.length - 20} more`);
  }
  if (problems.size > 0) {
    console.log(`${problems.size} notebook(s) are not clean: run \`npm run notebooks:clean\` (outputs are lost).`);
    return 1;
  }
  console.log(`${targets.length} notebook(s) valid (${validator}), on the course kernel, and clean.`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
