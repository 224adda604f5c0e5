/**
 * Executes every notebook top to bottom in a fresh kernel and writes what a student would see:
 * build/notebooks/NAME.ipynb (executed) and build/notebooks/NAME.html.
 *
 *   npm run notebooks                       the student's exercises; cells that reach an unimplemented stub
 *                                           show the friendly message and the run goes on
 *   tsx tools/notebooks/run.ts --check --impl solutions
 *                                           what `npm test` does: instructor mode, fail on the first error
 *
 * Options: --check (fail on any error), --impl exercises|solutions|DIR (sets NN_COURSE_IMPL),
 *          --engine auto|jupyter|tslab, --only NAME (substring of a notebook's file name), --no-html.
 * Engine "jupyter" is Jupyter's nbclient with the course kernel (and nbconvert for HTML); engine "tslab" is the
 * embedded engine (engine.ts), used where Jupyter is not installed.
 * Each executed notebook is signed for the local Jupyter (nbformat's notary, in the project's Jupyter environment),
 * so that Jupyter opens it trusted with its plots drawn, and must stay within the size bound (size.ts).
 */
import { spawn } from "child_process";
import * as os from "os";
import * as fs from "fs";
import * as path from "path";
import { installKernelSpec } from "../kernelspec";
import { findNotebookPython } from "../jupyter";
import { buildDir, jupyterEnv, kernelName, notebooksDir, projectRoot } from "../paths";
import { NOTICE_METADATA_KEY } from "../../lib/display/notice";
import { parseCommandLine, UsageError } from "../../lib/cli";
import { joinText, readNotebook } from "./nbformat";
import { writeHtml } from "./html";
import { sizeProblem } from "./size";

export interface RunOptions {
  check: boolean;
  impl?: string;
  engine: "auto" | "jupyter" | "tslab";
  only?: string;
  html: boolean;
}

const OPTIONS = {
  check: { type: "boolean" },
  "no-html": { type: "boolean" },
  impl: { type: "string" },
  only: { type: "string" },
  engine: { type: "string" },
} as const;

export function parseArgs(argv: string[]): RunOptions {
  const list = "Options: --check, --impl, --engine, --only, --no-html.";
  let values;
  try {
    ({ values } = parseCommandLine({ args: argv, options: OPTIONS }));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    throw new UsageError(`${e.problem === "unknown option" ? `Unknown option "${e.arg}"` : e.message}. ${list}`);
  }
  const engine = values.engine ?? "auto";
  if (engine !== "auto" && engine !== "jupyter" && engine !== "tslab") {
    throw new UsageError(`--engine takes auto, jupyter or tslab, not "${engine}".`);
  }
  return { check: values.check ?? false, impl: values.impl, engine, only: values.only, html: !values["no-html"] };
}

/**
 * The first error or message a notebook's outputs show (an error output, a stderr stream, or one of the course's
 * notices: an exercise not implemented yet, type errors in an exercise file), or undefined.
 */
export function firstError(file: string): string | undefined {
  for (const [i, cell] of readNotebook(file).cells.entries()) {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") return `cell ${i}: ${o.ename}: ${o.evalue}`;
      if (o.output_type === "stream" && o.name === "stderr") return `cell ${i}: ${joinText(o.text).slice(0, 800)}`;
      if (o.metadata?.[NOTICE_METADATA_KEY]) return `cell ${i}: ${joinText(o.data?.["text/plain"] as string)}`;
    }
  }
  return undefined;
}

export async function runNotebooks(opts: RunOptions): Promise<{ failures: string[]; outDir: string; engine: string }> {
  const python = opts.engine === "tslab" ? undefined : findNotebookPython();
  if (opts.engine === "jupyter" && !python) throw new Error("--engine jupyter: no Python with nbclient and nbconvert here.");
  const engine = python ? "jupyter" : "tslab";
  const env: NodeJS.ProcessEnv = opts.impl ? { ...process.env, NN_COURSE_IMPL: opts.impl } : { ...process.env };
  const outDir = path.join(buildDir, "notebooks");
  fs.mkdirSync(outDir, { recursive: true });
  installKernelSpec();
  const timesFile = path.join(outDir, "durations.json"); // seconds per notebook, from the last run
  const durations = readDurations(timesFile);
  const names = fs
    .readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb") && (!opts.only || f.includes(opts.only)))
    .sort();
  console.log(
    `Executing ${names.length} notebook(s) with ${engine === "jupyter" ? `Jupyter (nbclient, kernel ${kernelName})` : `the embedded tslab engine${opts.engine === "tslab" ? "" : " (no Jupyter found)"}`}, exercises from ${env.NN_COURSE_IMPL ?? "exercises"}.`,
  );
  const failures: string[] = [];
  const runOne = async (name: string) => {
    const src = path.join(notebooksDir, name);
    const dst = path.join(outDir, name);
    const started = Date.now();
    const r =
      engine === "jupyter"
        ? await run(python!, [path.join(__dirname, "execute.py"), src, dst, "--kernel", kernelName, "--timeout", "600"], {
            env: jupyterEnv(env),
          })
        : await run(
            process.execPath,
            ["--require", "tsx/cjs", path.join(__dirname, "engine.ts"), src, dst, ...(opts.check ? [] : ["--allow-errors"])],
            { env, cwd: projectRoot },
          );
    durations[name] = (Date.now() - started) / 1000;
    const seconds = durations[name].toFixed(1);
    if (engine === "tslab" && fs.existsSync(dst)) await sign(dst);
    const error = fs.existsSync(dst) ? (firstError(dst) ?? sizeProblem(dst)) : undefined;
    if (r.status !== 0 || error) {
      const why = error ?? (r.stderr || r.stdout || `exit status ${r.status}`).trim().split("\n").slice(-5).join("\n");
      failures.push(`${name}: ${why}`);
      // In a student's run an error is usually an exercise not done yet: the notebook still ran to the end.
      console.log(opts.check ? `  ✗ ${name} (${seconds} s): ${why}` : `  • ${name} (${seconds} s), first message: ${why}`);
    } else console.log(`  ✓ ${name} (${seconds} s)`);
    if (opts.html && fs.existsSync(dst)) await writeNotebookHtml(dst, python);
  };
  // One notebook per core at a time: each runs in its own fresh kernel process, and its matrix products stay on one
  // thread (a second thread per kernel would only compete with the other notebooks for the cores).
  // Longest first (by the last run's times), so that no long notebook starts last and runs alone at the end.
  const time = (name: string) => durations[name] ?? Number.MAX_VALUE; // a notebook not run before goes first
  const queue = [...names].sort((a, b) => time(b) - time(a));
  const parallel = Math.min(os.availableParallelism(), queue.length);
  if (parallel > 1) env.NN_COURSE_THREADS ??= "1";
  const workers = Array.from({ length: parallel }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await runOne(name);
  });
  await Promise.all(workers);
  fs.writeFileSync(timesFile, JSON.stringify(durations, null, 1) + "\n");
  return { failures: failures.sort(), outDir, engine };
}

/**
 * Signs an executed notebook for the local Jupyter (as `jupyter trust` does) when a Python with nbformat is here;
 * execute.py signs what nbclient runs, this covers the embedded engine's output.
 */
async function sign(file: string): Promise<void> {
  for (const python of ["python3", "/usr/bin/python3"]) {
    const r = await run(python, ["-m", "nbformat.sign", "--log-level", "WARN", file], { env: jupyterEnv() });
    if (r.status === 0) return;
  }
}

/** Seconds per notebook from an earlier run; {} when there is none (or it cannot be read). */
export function readDurations(file: string): Record<string, number> {
  try {
    const d = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return d !== null && typeof d === "object" ? (d as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Runs a command to completion, collecting its output (a promise, so that notebooks can run side by side). */
function run(
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => resolve({ status: null, stdout, stderr: stderr + e.message }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function writeNotebookHtml(executed: string, python: string | undefined): Promise<void> {
  if (python) {
    const r = await run(python, ["-m", "nbconvert", "--to", "html", "--log-level", "WARN", executed], {
      env: jupyterEnv(),
    });
    if (r.status === 0) return;
    console.log(`  (nbconvert failed, writing the plain HTML copy instead: ${r.stderr.trim().split("\n").pop()})`);
  }
  writeHtml(readNotebook(executed), executed.replace(/\.ipynb$/, ".html"));
}

async function main(): Promise<void> {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { failures, outDir } = await runNotebooks(opts);
    console.log(`Executed notebooks and HTML copies are in ${path.relative(process.cwd(), outDir) || "."}/`);
    if (failures.length > 0 && opts.check) {
      console.error(`${failures.length} notebook(s) failed.`);
      process.exit(1);
    }
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

if (require.main === module) void main();
