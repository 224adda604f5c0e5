/**
 * Fixes to tslab 1.0.22's Jupyter protocol handling, applied by wrapping tslab's classes before the kernel starts
 * (tslab itself is unchanged). Checked by Jupyter's own kernel test suite: test/kernel/test_kernel.py.
 * Call installFixes() once, before startKernel(); nothing is patched by merely importing this file.
 *
 * 1. Errors (tslab prints a failed cell's error to stderr and replies status "error" with nothing else):
 *    a failed cell now sends one iopub `error` message and an execute_reply with ename/evalue/traceback, and
 *    nothing on stderr. Front ends show the error's name and a traceback; nbclient reports it properly.
 *    How: tslab's executor reports diagnostics and thrown values through the console object it is given, so
 *    createExecutor is wrapped to give it a console that records them for the running cell; kernel/errors.ts
 *    turns them into the error content (TypeScriptError for compile errors, the friendly message alone for the
 *    course's ExerciseNotImplemented/ExerciseLoadError, a stack trimmed of tsx/tslab/Node frames otherwise).
 * 2. Results (tslab console.logs the value of a cell's last expression, so it arrives as stdout text):
 *    the value is sent as an `execute_result` (text/plain as Node's REPL prints it, with execution_count), so
 *    front ends show it as Out[n]. Same hook as 1 (tslab hands the value to that console's log).
 * 3. kernel_info_reply lacks `status: "ok"` (required by the protocol) and claims TypeScript "3.7.2": both fixed.
 * 4. is_complete never answers "invalid": code with a syntax error that is not just an unfinished end now does,
 *    so consoles run it at once (and show the error) instead of treating it as complete or waiting for more.
 * 5. clear_output: tslab has no way to clear a cell's output. Cells can now call `clearOutput(wait = false)`
 *    (predeclared like a variable of an earlier cell), e.g. to redraw a progress line during training.
 * 6. comm_info_request was answered with msg_type "complete_reply"; it now gets a "comm_info_reply".
 *    shutdown_reply lacked `status` and always said restart: false; it now has status "ok" and echoes restart.
 * 7. stop_on_error: tslab aborts every request that arrives within 200 ms after a failed cell, even when the
 *    failed request had stop_on_error = false (nbclient's allow_errors mode), which silently skipped the next
 *    cell. Such a failure no longer aborts anything. Aborted replies also get the ename/evalue/traceback that
 *    the protocol's schema asks of them.
 * 8. A cell that stops part-way at run time keeps its declarations (tslab forgot them, so later cells failed with
 *    "Cannot find name …"); names it did not get to compute hold a missing value that says, when used, which
 *    cell to re-run and why (missing-values.ts).
 * 9. Exercises not implemented yet do not stop Run All: a cell that reaches an unimplemented stub — directly, or
 *    through a missing value of an earlier cell that did — shows one notice naming the exercise and its file, and
 *    replies "ok", so the cells after it run. Any other error still fails the cell (and stops Run All). With the
 *    reference solutions (NN_COURSE_IMPL=solutions) nothing is relaxed: such a cell fails.
 * 10. Printed output is sent in batches with a per-cell limit (output.ts), so that a loop that prints can be
 *    interrupted at once; an interrupted cell ends with one line, KeyboardInterrupt (errors.ts).
 * 11. An object shorthand naming a variable of an earlier cell (`{ train, val }`) failed with "train is not defined"
 *    (tslab does not see that name as the variable's); shorthand properties are written out in full before tslab
 *    compiles the cell (shorthand.ts).
 *  Also: an `execute_input` message is published before each cell runs (the protocol's "In [n]" broadcast).
 *
 * Not fixed: history requests (tslab keeps no history; the notebook front ends do not ask) and the pager
 * (TypeScript has no `?` help; inspect, i.e. Shift+Tab, shows documentation instead).
 */
import * as jupyter from "tslab/dist/jupyter";
import type { ConsoleInterface, ConverterSet, Executor } from "tslab/dist/executor";
import * as ts from "@tslab/typescript-for-tslab";
import { noticeBundle } from "../lib/display/notice";
import { ErrorContent, failureContent, isInterrupt, resultText, thrownErrorContent } from "./errors";
import { declaredNames, isMissingValue, MissingValue, missingValue, type StopCause } from "./missing-values";
import { CellOutput } from "./output";
import { expandShorthandProperties } from "./shorthand";

/* eslint-disable @typescript-eslint/no-require-imports -- the real module objects, so that their exports can be
   replaced where tslab's main.js looks them up (an `import * as` namespace is a read-only copy). */
const executorModule = require("tslab/dist/executor") as {
  createExecutor: (rootDir: string, convs: ConverterSet, console: ConsoleInterface) => Executor;
};
const tslabPublic = require("tslab") as { versions: { typescript: string } };
/* eslint-enable @typescript-eslint/no-require-imports */

export type Send = (msgType: string, content: object) => void;

/** One execute_request's run: what tslab's executor reported while running it. */
class Run {
  /** Everything the executor passed to console.error: diagnostics (one call each) or one thrown value. */
  readonly reports: unknown[][] = [];
  result: { value: unknown } | null = null;
  failed = false;
  /** The cell's execution count (its In [n]), once it runs. */
  count = 0;
  /** Set when the cell stopped at an exercise not implemented yet: the notice it shows instead of an error. */
  pending: { text: string; exercise: string; file: string } | null = null;
  readonly output: CellOutput;
  readonly send: Send;
  constructor(send: Send) {
    this.output = new CellOutput(send);
    this.send = this.output.send;
  }
}

/** The run of each request, keyed by the request's content object (tslab passes it through unchanged). */
const runs = new WeakMap<object, Run>();
/** The run whose code is executing now (tslab runs one cell at a time). */
let currentRun: Run | null = null;
/** The iopub sender of the latest cell: clearOutput() clears that cell's output, as stream output goes there too. */
let latestSend: Send | null = null;

export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  stop_on_error?: boolean;
}
interface ExecuteReply {
  status: string;
  execution_count?: number;
}
/** tslab's message object (ZmqMessage, not exported by tslab). */
interface Message {
  header: { msg_type: string };
  content: object;
  createReply(): Message;
  signAndSend(key: string, sock: unknown): void;
}
/** The parts of tslab's JupyterHandlerImpl used here, private ones included. */
interface Handler {
  execCount: number;
  handleExecute(
    req: ExecuteRequest,
    ws: (n: string, t: string) => void,
    wd: (d: object, u: boolean) => void,
  ): Promise<ExecuteReply>;
  handleExecuteImpl(req: ExecuteRequest, ws: unknown, wd: unknown): Promise<{ count: number }>;
  handleKernel(): { language_info: { version: string } } & Record<string, unknown>;
  handleIsComplete(req: { code: string }): { status: string; indent?: string };
  handleShutdown(req: { restart?: boolean }): object;
}
/** The parts of tslab's ZmqServer used here. */
interface Server {
  handler: Handler;
  connInfo: { key: string };
  iopub: unknown;
  handleExecute(sock: unknown, msg: Message): Promise<void>;
  handleCommInfoRequest(sock: unknown, msg: Message): void;
}

/** Declares clearOutput to tslab's type checker: runs once, as an invisible first "cell" of declarations. */
const CLEAR_OUTPUT_DECLARATION = "declare function clearOutput(wait?: boolean): void;";

let installed = false;

/** Applies every fix above. Idempotent. */
export function installFixes(): void {
  if (installed) return;
  installed = true;
  captureExecutorReports();
  fixHandler(jupyter.JupyterHandlerImpl.prototype as unknown as Handler);
  fixServer(jupyter.ZmqServer.prototype as unknown as Server);
}

/** Sends clear_output for the latest cell; with wait, the front end clears only when new output arrives. */
export function clearOutput(wait = false): void {
  latestSend?.("clear_output", { wait });
}

/** tslab's converter (the part used here): compiles a cell against the declarations of the earlier cells. */
interface Converter {
  convert(prevDecl: string, src: string): { declOutput?: string; diagnostics: unknown[]; output?: string };
}

/** Fixes 1, 2, 5, 8, 9: the executor reports to the running cell instead of printing; clearOutput is declared. */
function captureExecutorReports(): void {
  const original = executorModule.createExecutor;
  executorModule.createExecutor = (rootDir, convs, console) => {
    const keep = keepDeclarations(convs as unknown as { node: Converter });
    const capture: ConsoleInterface = {
      log: (value?: unknown, ...rest: unknown[]) => {
        if (currentRun) currentRun.result = { value };
        else console.log(value, ...rest);
      },
      error: (...args: unknown[]) => {
        if (currentRun) currentRun.reports.push(args);
        else console.error(...args);
      },
    };
    const executor = original(rootDir, convs, capture);
    // A declaration-only cell: tslab keeps it among the declarations every later cell is checked against, and
    // compiles a call to it as `exports.clearOutput(…)`, exports being the executor's table of cell variables.
    void executor.execute(CLEAR_OUTPUT_DECLARATION);
    executor.locals.clearOutput = clearOutput;
    const execute = executor.execute.bind(executor);
    executor.execute = async (src: string) => {
      if (await execute(src)) return true;
      const run = currentRun;
      const thrown = run?.reports.length === 1 && run.reports[0].length === 1 ? run.reports[0] : undefined;
      // Compile errors (diagnostics) and failures outside a cell change nothing: tslab's behaviour.
      if (!run || !thrown || !keep.lastDeclarations) return false;
      const cause = stopCause(thrown[0]);
      // Fix 8: the cell ran part-way; keep its declarations, and stand-ins for what it did not compute.
      await keep.adopt(execute);
      const locals = executor.locals as Record<string, unknown>;
      for (const name of declaredNames(src)) {
        if (locals[name] === undefined) locals[name] = missingValue(name, run.count, cause);
      }
      // Fix 9: an exercise not implemented yet is a notice, not an error (except on the reference solutions).
      run.pending = pendingNotice(thrown[0]);
      if (!run.pending) return false;
      run.reports.length = 0;
      return true;
    };
    return executor;
  };
}

/**
 * Lets the executor adopt the declarations of a cell that failed at run time (fix 8). tslab takes a cell's
 * declarations only when the cell succeeds, from its converter's output; so the converter's last output is kept, and
 * adopt() runs an empty cell for which the converter answers with those declarations and no code.
 */
function keepDeclarations(convs: { node: Converter }) {
  const converter = convs.node;
  const convert = converter.convert.bind(converter);
  let adopting: string | undefined;
  const state = {
    /** The declarations after the last cell compiled (undefined until one compiles). */
    lastDeclarations: undefined as string | undefined,
    async adopt(execute: (src: string) => Promise<boolean>): Promise<void> {
      adopting = state.lastDeclarations;
      try {
        await execute("");
      } finally {
        adopting = undefined;
      }
    },
  };
  converter.convert = (prevDecl, src) => {
    if (adopting !== undefined) return { declOutput: adopting, diagnostics: [] };
    const converted = convert(prevDecl, expandShorthandProperties(src)); // fix 11
    state.lastDeclarations = converted.diagnostics.length === 0 ? converted.declOutput : undefined;
    return converted;
  };
  return state;
}

/** The notice for a cell that stopped at an exercise not implemented yet (null: the stop is a real error). */
function pendingNotice(thrown: unknown): Run["pending"] {
  const cause = stopCause(thrown);
  if (cause.kind !== "exercise" || process.env.NN_COURSE_IMPL === "solutions") return null;
  return { text: thrownErrorContent(thrown).evalue, exercise: cause.exercise, file: cause.file };
}

/** The MissingValue error that using a missing value throws. */
function missingValueError(value: unknown): unknown {
  try {
    String(value);
  } catch (e) {
    return e;
  }
  return new Error("a missing value did not explain itself");
}

/** Why a cell stopped, from the value it threw. */
function stopCause(thrown: unknown): StopCause {
  if (thrown instanceof MissingValue) return thrown.stopCause;
  const e = thrown as { name?: unknown; exercise?: unknown; file?: unknown } | null;
  if (e && e.name === "ExerciseNotImplemented" && typeof e.exercise === "string" && typeof e.file === "string") {
    return { kind: "exercise", exercise: e.exercise, file: e.file };
  }
  if (isInterrupt(thrown)) return { kind: "interrupt" };
  const content = thrownErrorContent(thrown);
  return { kind: "error", error: `${content.ename}: ${content.evalue.split("\n")[0]}` };
}

function fixHandler(proto: Handler): void {
  const { handleExecuteImpl, handleKernel, handleIsComplete, handleShutdown } = proto;

  // Runs inside tslab's execution queue, so exactly one request's code executes between these lines.
  proto.handleExecuteImpl = async function (this: Handler, req, ws, wd) {
    const run = runs.get(req) ?? new Run(() => {});
    run.count = this.execCount + 1;
    if (!req.silent) run.send("execute_input", { code: req.code, execution_count: run.count });
    currentRun = run;
    latestSend = run.send;
    try {
      return await handleExecuteImpl.call(this, req, ws, wd);
    } catch (e) {
      // tslab throws its ExecutionCount ({count}) when the cell failed, which also aborts queued requests.
      const isCount = typeof e === "object" && e !== null && typeof (e as { count?: unknown }).count === "number";
      if (isCount) run.failed = true;
      // Fix 7: a request that asked not to stop on error must not abort the ones after it.
      if (isCount && req.stop_on_error === false) return e as { count: number };
      throw e;
    } finally {
      currentRun = null;
    }
  };

  proto.handleKernel = function (this: Handler) {
    const reply = handleKernel.call(this);
    reply.language_info.version = tslabPublic.versions.typescript;
    return { status: "ok", ...reply };
  };

  proto.handleIsComplete = function (this: Handler, req) {
    const reply = handleIsComplete.call(this, req);
    return reply.status === "complete" && hasSyntaxError(req.code) ? { status: "invalid" } : reply;
  };

  proto.handleShutdown = function (this: Handler, req) {
    return { ...handleShutdown.call(this, req), status: "ok", restart: req.restart === true };
  };
}

/** True when TypeScript's parser rejects `code` (tslab's own check above already ruled out an unfinished end). */
export function hasSyntaxError(code: string): boolean {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  return (diagnostics?.length ?? 0) > 0;
}

function fixServer(proto: Server): void {
  // Replaces tslab's ZmqServer.handleExecute: same stream/display messages, plus fixes 1, 2 and 7.
  proto.handleExecute = async function (this: Server, sock, msg) {
    const key = this.connInfo.key;
    const send: Send = (msgType, content) => {
      const m = msg.createReply();
      m.header.msg_type = msgType;
      m.content = content;
      m.signAndSend(key, this.iopub);
    };
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = await executeCell(this.handler, msg.content as ExecuteRequest, send);
    reply.signAndSend(key, sock);
  };

  proto.handleCommInfoRequest = function (this: Server, sock, msg) {
    const reply = msg.createReply();
    reply.header.msg_type = "comm_info_reply";
    reply.content = { status: "ok", comms: {} };
    reply.signAndSend(this.connInfo.key, sock);
  };
}

/**
 * Runs one execute_request through tslab's handler with fixes 1, 2 and 7: everything the cell shows goes to
 * `send` as iopub messages (stream, display_data, update_display_data, execute_result, error, clear_output);
 * returns the execute_reply content. The kernel's server and the embedded engine (tools/notebooks) both use it.
 */
export async function executeCell(handler: unknown, req: ExecuteRequest, send: Send): Promise<object> {
  const run = new Run(send);
  runs.set(req, run);
  const tslabReply = await (handler as Handler).handleExecute(
    req,
    (name, text) => run.send("stream", { name, text }),
    (data, update) => run.send(update ? "update_display_data" : "display_data", data),
  );
  return finishRun(run, req, tslabReply);
}

/** Publishes the run's result or error; returns the execute_reply content. */
function finishRun(run: Run, req: ExecuteRequest, tslabReply: ExecuteReply): object {
  const count = tslabReply.execution_count;
  run.output.end();
  if (tslabReply.status === "abort") {
    const aborted: ErrorContent = {
      ename: "ExecutionAborted",
      evalue: "not run: an earlier cell failed",
      traceback: [],
    };
    return { ...tslabReply, ...aborted };
  }
  if (run.failed || tslabReply.status === "error") {
    const error = failureContent(run.reports);
    run.send("error", error);
    return { status: "error", execution_count: count, ...error };
  }
  // tslab succeeded; any reports are diagnostics of a `//%module` cell, which it registers regardless: warn.
  if (run.reports.length > 0) run.send("stream", { name: "stderr", text: failureContent(run.reports).evalue + "\n" });
  if (run.result && isMissingValue(run.result.value) && !req.silent) {
    // The cell's value is a missing value (a cell that is just `probs`, say): showing it is using it.
    const missing = missingValueError(run.result.value);
    run.pending = pendingNotice(missing);
    if (!run.pending) {
      const error = thrownErrorContent(missing);
      run.send("error", error);
      return { status: "error", execution_count: count, ...error };
    }
  }
  if (run.pending) {
    const { text, exercise, file } = run.pending;
    run.send("display_data", { ...noticeBundle("exercise-pending", text, { exercise, file }), transient: {} });
  } else if (run.result && !req.silent) {
    run.send("execute_result", {
      execution_count: count,
      data: { "text/plain": resultText(run.result.value) },
      metadata: {},
    });
  }
  return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
}
