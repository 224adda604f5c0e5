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
 *  Also: an `execute_input` message is published before each cell runs (the protocol's "In [n]" broadcast).
 *
 * Not fixed: history requests (tslab keeps no history; the notebook front ends do not ask) and the pager
 * (TypeScript has no `?` help; inspect, i.e. Shift+Tab, shows documentation instead).
 */
import * as jupyter from "tslab/dist/jupyter";
import type { ConsoleInterface, ConverterSet, Executor } from "tslab/dist/executor";
import * as ts from "@tslab/typescript-for-tslab";
import { ErrorContent, failureContent, resultText } from "./errors";

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
  constructor(readonly send: Send) {}
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

/** Fixes 1, 2, 5: the executor reports to the running cell instead of printing; clearOutput is declared. */
function captureExecutorReports(): void {
  const original = executorModule.createExecutor;
  executorModule.createExecutor = (rootDir, convs, console) => {
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
    return executor;
  };
}

function fixHandler(proto: Handler): void {
  const { handleExecuteImpl, handleKernel, handleIsComplete, handleShutdown } = proto;

  // Runs inside tslab's execution queue, so exactly one request's code executes between these lines.
  proto.handleExecuteImpl = async function (this: Handler, req, ws, wd) {
    const run = runs.get(req) ?? new Run(() => {});
    if (!req.silent) run.send("execute_input", { code: req.code, execution_count: this.execCount + 1 });
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
    (name, text) => send("stream", { name, text }),
    (data, update) => send(update ? "update_display_data" : "display_data", data),
  );
  return finishRun(run, req, tslabReply);
}

/** Publishes the run's result or error; returns the execute_reply content. */
function finishRun(run: Run, req: ExecuteRequest, tslabReply: ExecuteReply): object {
  const count = tslabReply.execution_count;
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
  if (run.result && !req.silent) {
    run.send("execute_result", {
      execution_count: count,
      data: { "text/plain": resultText(run.result.value) },
      metadata: {},
    });
  }
  return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
}
