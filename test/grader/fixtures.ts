/**
 * Test helpers: turn the fixture submissions in test/grader/fixtures/<case>/ into a real submissions folder, and run
 * the grader's command-line programs.
 *
 * Fixture files end in ".fixture" (so the project's type check and linters leave the deliberately broken and
 * hostile code alone); the suffix is dropped when copying, and placeholders are filled in: __PROJECT__ (the
 * project folder), __OUT__ (the batch's output folder), __PORT__ (a local server's port), __MARKER__ (a file that
 * must never appear).
 *
 * A fixture that is "the reference solutions with one change" holds only the change, in edits.json (see
 * `fromSolutions`), so it follows the solutions as they evolve.
 */
import { spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { writeZip } from "../../grader/report/zip";

export const projectRoot = path.resolve(__dirname, "..", "..");
export const fixturesDir = path.join(__dirname, "fixtures");

/** Copies fixture `name` to `dest`, dropping ".fixture" and replacing the placeholders in `vars`. */
export function materialize(name: string, dest: string, vars: Record<string, string>): void {
  const from = path.join(fixturesDir, name);
  fs.mkdirSync(dest, { recursive: true });
  for (const file of fs.readdirSync(from)) {
    let text = fs.readFileSync(path.join(from, file), "utf8");
    for (const [key, value] of Object.entries(vars)) text = text.split(key).join(value);
    fs.writeFileSync(path.join(dest, file.replace(/\.fixture$/, "")), text);
  }
}

/** Copies every .ts file of a project folder (e.g. "solutions") into `dest`. */
export function copyTs(folder: string, dest: string): void {
  fs.mkdirSync(dest, { recursive: true });
  for (const f of fs.readdirSync(path.join(projectRoot, folder))) {
    if (f.endsWith(".ts")) fs.copyFileSync(path.join(projectRoot, folder, f), path.join(dest, f));
  }
}

/** One change to a copy of the solutions: `code` inserted into `file` at `at`. */
interface Edit {
  file: string;
  /** "start of <function>", "start of every exported function" or "end of file". */
  at: string;
  code: string;
}

/** Where the body of each `export function` of `source` starts (just after the `{` that ends its signature). */
function bodyStarts(source: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of source.matchAll(/^export function (\w+)/gm)) {
    const open = source.indexOf("{\n", source.indexOf(")", m.index));
    // The signature ends at the first "{" that ends a line (a return type's braces stay on the line).
    out.set(m[1], source.indexOf("\n", open) + 1);
  }
  return out;
}

/** Copies solutions/*.ts to `dest` and applies fixture `name`'s edits.json (a list of Edit). */
export function fromSolutions(name: string, dest: string): void {
  copyTs("solutions", dest);
  const edits = JSON.parse(fs.readFileSync(path.join(fixturesDir, name, "edits.json"), "utf8")) as Edit[];
  for (const edit of edits) {
    const file = path.join(dest, edit.file);
    let source = fs.readFileSync(file, "utf8");
    const code = edit.code.endsWith("\n") ? edit.code : `${edit.code}\n`;
    if (edit.at === "end of file") source += `\n${code}`;
    else {
      const starts = bodyStarts(source);
      const fn = /^start of (\w+)$/.exec(edit.at)?.[1];
      const at =
        edit.at === "start of every exported function"
          ? [...starts.values()]
          : fn && starts.has(fn)
            ? [starts.get(fn)!]
            : [];
      if (at.length === 0) throw new Error(`fixture ${name}: no place "${edit.at}" in ${edit.file}`);
      for (const i of at.sort((a, b) => b - a)) source = source.slice(0, i) + code + source.slice(i);
    }
    fs.writeFileSync(file, source);
  }
}

/**
 * A zip with one entry named `name` even when the zip writer refuses that name ("../x", "/etc/x"), as a hostile
 * submission would hand in: written under a stand-in name of the same length, which is then replaced in place.
 */
export async function zipNamed(name: string, data: Buffer): Promise<Buffer> {
  const standIn = Buffer.from("Z".repeat(Buffer.byteLength(name)));
  const zip = await writeZip([{ name: standIn.toString(), data }]);
  let replaced = 0;
  for (let at = zip.indexOf(standIn); at >= 0; at = zip.indexOf(standIn, at + 1), replaced++) zip.write(name, at);
  if (replaced !== 2) throw new Error(`zipNamed: the stand-in name appeared ${replaced} times, not twice`);
  return zip;
}

/** sha256 of every file git tracks in the project (read-only use of git). */
export function hashTrackedFiles(): Map<string, string> {
  const list = execFileSync("git", ["ls-files", "-z"], { cwd: projectRoot, encoding: "utf8" }).split("\0");
  const out = new Map<string, string>();
  for (const f of list.filter(Boolean)) {
    const p = path.join(projectRoot, f);
    out.set(f, fs.existsSync(p) ? crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex") : "missing");
  }
  return out;
}

/** The result of running a program. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript program of the project (through tsx) without blocking this process's event loop. */
export function runTs(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
