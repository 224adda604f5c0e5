/**
 * How a failed cell is shown: the `ename`, `evalue` and `traceback` of Jupyter's `error` message.
 *
 * Pure functions (no kernel, no sockets) so that they can be unit-tested; kernel/fixes.ts calls them.
 *   - TypeScript compile errors   → ename "TypeScriptError", one line per diagnostic ("Line 2, column 7: …").
 *   - the course's friendly errors → just their message (it already says which file to edit or cell to re-run).
 *   - an interrupt                 → "KeyboardInterrupt", one line.
 *   - any other thrown Error       → its name and message, and a stack trace trimmed to the frames a student
 *                                    can act on (no frames of tsx, tslab or Node's internals).
 *   - a thrown non-Error value     → ename "Uncaught" and the value as Node's REPL prints it.
 */
import * as path from "path";
import { inspect } from "util";

/** The content of Jupyter's `error` message (and of a failed `execute_reply`). */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Errors from lib/course.ts whose message says everything; a stack trace would only distract. */
export const FRIENDLY_ERRORS: ReadonlySet<string> = new Set([
  "ExerciseNotImplemented",
  "ExerciseLoadError",
  "MissingValue",
]);

/** The one line an interrupted cell shows (named as in IPython). */
export const INTERRUPTED: ErrorContent = {
  ename: "KeyboardInterrupt",
  evalue: "the cell was interrupted (Kernel → Interrupt); variables of earlier cells are kept",
  traceback: ["KeyboardInterrupt: the cell was interrupted (Kernel → Interrupt); variables of earlier cells are kept"],
};

/**
 * True for what a cell throws when the kernel is interrupted: Node's error for a script stopped by SIGINT
 * (vm's breakOnSigint), or tslab's rejection of a cell that was awaiting something.
 */
export function isInterrupt(thrown: unknown): boolean {
  const e = thrown as { code?: unknown; message?: unknown } | null;
  return (
    typeof e === "object" &&
    e !== null &&
    (e.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || e.message === "Interrupted asynchronously")
  );
}

export const TYPESCRIPT_ERROR = "TypeScriptError";

/** The format string tslab's executor passes to console.error for each diagnostic (tslab/dist/executor.js). */
const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

const projectRoot = path.resolve(__dirname, "..");

/** Stack frames from these places are machinery, not the student's code. */
const HIDDEN_FRAME = [
  /[\\/]node_modules[\\/](tsx|tslab|@tslab)[\\/]/,
  /\(node:|\bat node:/, // Node's internals, e.g. "at Script.runInThisContext (node:vm:135:14)"
  new RegExp(escapeRegExp(__dirname + path.sep)), // this kernel's own wrappers
  new RegExp(escapeRegExp(path.join(projectRoot, "lib", "course.ts"))), // the exercise loader's wrapper
  new RegExp(escapeRegExp(path.join(projectRoot, "lib", "check.ts"))), // check() and the grading engine behind it
  new RegExp(escapeRegExp(path.join(projectRoot, "grader") + path.sep)),
];

/** tslab runs a cell with vm.runInThisContext and no file name, so Node calls the cell "evalmachine.<anonymous>". */
const CELL_LOCATION = /evalmachine\.<anonymous>(:\d+:\d+)?/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The stack frames worth reading from a V8 stack trace: those of the student's cell and of the course code.
 * Everything before the first frame (the "Name: message" header, and the source excerpt Node puts in front of
 * errors thrown in vm code) is dropped: the caller writes the header itself. A cell's frames read "<cell>" (the
 * line numbers Node reports there are those of the transpiled JavaScript, not of the cell, so they are dropped
 * rather than shown wrong); repeated "at <cell>" lines (the cell and tslab's wrapper function) are shown once.
 */
export function cleanStack(stack: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split("\n")) {
    if (!/^\s+at /.test(line) || HIDDEN_FRAME.some((re) => re.test(line))) continue;
    // Files of the course by their place in it ("exercises/losses.ts:23:9"), as the student's file browser shows them.
    const frame = line
      .replace(CELL_LOCATION, "<cell>")
      .split(projectRoot + path.sep)
      .join("");
    if (frame !== frames[frames.length - 1]) frames.push(frame);
  }
  return frames;
}

interface ErrorLike {
  name: string;
  message: string;
  stack?: string;
}

function isErrorLike(x: unknown): x is ErrorLike {
  if (x instanceof Error) return true;
  const o = x as Partial<ErrorLike> | null;
  return typeof o === "object" && o !== null && typeof o.name === "string" && typeof o.message === "string";
}

/** The error content for a value thrown by a cell (or by the code it called). */
export function thrownErrorContent(thrown: unknown): ErrorContent {
  if (!isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  if (isInterrupt(thrown)) return INTERRUPTED;
  const ename = thrown.name || "Error";
  const evalue = thrown.message;
  if (FRIENDLY_ERRORS.has(ename)) return { ename, evalue, traceback: [evalue] };
  const frames = typeof thrown.stack === "string" ? cleanStack(thrown.stack) : [];
  return { ename, evalue, traceback: [...`${ename}: ${evalue}`.split("\n"), ...frames] };
}

/**
 * If `args` are what tslab passes to console.error for one TypeScript diagnostic, that diagnostic as one line
 * ("Line 2, column 7: Type 'number' is not assignable to type 'string'.", or "lib/x.ts, line 9, column 1: …"
 * for an imported file); otherwise null.
 */
export function formatDiagnostic(args: unknown[]): string | null {
  if (args.length !== 5 || args[0] !== DIAGNOSTIC_FORMAT) return null;
  const [, file, line, column, text] = args;
  const where = `line ${String(line)}, column ${String(column)}`;
  // tslab names the file (followed by a space) only when the diagnostic is in an imported file, not in the cell.
  return `${file ? `${String(file).trim()}, ${where}` : where[0].toUpperCase() + where.slice(1)}: ${String(text)}`;
}

/** The error content for a cell that did not compile. */
export function diagnosticsContent(diagnostics: string[]): ErrorContent {
  const evalue = diagnostics.join("\n");
  return { ename: TYPESCRIPT_ERROR, evalue, traceback: `${TYPESCRIPT_ERROR}: ${evalue}`.split("\n") };
}

/**
 * The one error content for everything tslab's executor reported through console.error while running a cell:
 * either a list of diagnostics or one thrown value.
 */
export function failureContent(reports: unknown[][]): ErrorContent {
  const diagnostics = reports.map(formatDiagnostic).filter((d): d is string => d !== null);
  if (diagnostics.length > 0) return diagnosticsContent(diagnostics);
  if (reports.length > 0 && reports[0].length === 1) return thrownErrorContent(reports[0][0]);
  if (reports.length > 0) {
    const evalue = reports.map((r) => r.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ")).join("\n");
    return { ename: "Error", evalue, traceback: [`Error: ${evalue}`] };
  }
  const evalue = "the cell failed without an error message (the kernel's log may say more)";
  return { ename: "Error", evalue, traceback: [`Error: ${evalue}`] };
}

/** The text/plain form of a cell's last-expression value, as Node's REPL shows it ('text' with quotes). */
export function resultText(value: unknown): string {
  return inspect(value);
}
