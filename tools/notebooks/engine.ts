/**
 * The embedded engine: executes a notebook with tslab's own execution engine, in this process, with no Jupyter.
 * Used where Jupyter is not installed. One notebook per process (like one fresh kernel per notebook):
 *
 *   node --require tsx/cjs tools/notebooks/engine.ts IN.ipynb OUT.ipynb [--allow-errors]
 *
 * Exit status 0 when every cell ran, 1 when a cell failed (the executed notebook is written either way).
 */
import * as path from "path";
import { createConverter } from "tslab/dist/converter";
import * as executorModule from "tslab/dist/executor";
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
import { executeCell, installFixes } from "../../kernel/fixes";
import { parseCommandLine, UsageError } from "../../lib/cli";
import { joinText, Notebook, Output, readNotebook, writeNotebook } from "./nbformat";

type Converter = ReturnType<typeof createConverter>;

/** tslab's executor wants a lazily created converter per target; this is its ConverterSet. */
class Converters {
  private nodeConv?: Converter;
  private browserConv?: Converter;
  get node(): Converter {
    return (this.nodeConv ??= createConverter({ isJS: false, isBrowser: false }));
  }
  get browser(): Converter {
    return (this.browserConv ??= createConverter({ isJS: false, isBrowser: true }));
  }
  close(): void {
    this.nodeConv?.close();
    this.browserConv?.close();
  }
}

/** Collects one cell's iopub messages as nbformat outputs, as a Jupyter front end would. */
class CellOutputs {
  readonly outputs: Output[] = [];
  private byDisplayId = new Map<string, Output[]>();
  private clearPending = false;

  readonly send = (msgType: string, content: object): void => {
    const c = content as Record<string, unknown> & { transient?: { display_id?: string } };
    if (msgType === "clear_output") {
      if (c.wait) this.clearPending = true;
      else this.outputs.length = 0;
      return;
    }
    if (msgType === "update_display_data") {
      // Every output shown with this display id takes the new data.
      for (const o of this.byDisplayId.get(c.transient?.display_id ?? "") ?? []) o.data = c.data as Output["data"];
      return;
    }
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    if (msgType === "stream") {
      const name = c.name === "stderr" ? "stderr" : "stdout";
      const last = this.outputs[this.outputs.length - 1];
      if (last?.output_type === "stream" && last.name === name) last.text = joinText(last.text) + String(c.text);
      else this.outputs.push({ output_type: "stream", name, text: String(c.text) });
    } else if (msgType === "display_data" || msgType === "execute_result") {
      const out: Output = {
        output_type: msgType,
        data: c.data as Output["data"],
        metadata: (c.metadata as Output["metadata"]) ?? {},
      };
      if (msgType === "execute_result") out.execution_count = c.execution_count as number;
      this.outputs.push(out);
      const id = c.transient?.display_id;
      if (id) this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), out]);
    } else if (msgType === "error") {
      const { ename, evalue, traceback } = c as { ename: string; evalue: string; traceback: string[] };
      this.outputs.push({ output_type: "error", ename, evalue, traceback });
    }
  };
}

/** Executes the code cells of `nb` in order, filling in outputs; returns false if a cell failed. */
export async function executeNotebook(nb: Notebook, dir: string, allowErrors: boolean): Promise<boolean> {
  process.chdir(dir);
  installFixes(); // the same protocol fixes as the course kernel: error outputs, Out[n] results, clearOutput
  const convs = new Converters();
  const handler = new JupyterHandlerImpl(executorModule.createExecutor(dir, convs, { log: console.log, error: console.error }), false);
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;
  let ok = true;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const collected = new CellOutputs();
    const request = { code: joinText(cell.source), silent: false, stop_on_error: !allowErrors };
    const reply = (await executeCell(handler, request, collected.send)) as { status: string; execution_count?: number };
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
    cell.outputs = collected.outputs;
    cell.execution_count = reply.execution_count ?? null;
    if (reply.status !== "ok") {
      ok = false;
      if (!allowErrors) break;
    }
  }
  convs.close();
  return ok;
}

async function main(argv: string[]): Promise<number> {
  const usage = "usage: engine.ts IN.ipynb OUT.ipynb [--allow-errors]";
  const options = { "allow-errors": { type: "boolean" } } as const;
  const { values, positionals } = parseCommandLine({ args: argv, options, allowPositionals: true }, usage);
  if (positionals.length !== 2) throw new UsageError(usage);
  const [input, output] = positionals.map((p) => path.resolve(p));
  const nb = readNotebook(input);
  const ok = await executeNotebook(nb, path.dirname(input), values["allow-errors"] === true);
  writeNotebook(output, nb);
  return ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
