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
import { createExecutor } from "tslab/dist/executor";
import { JupyterHandlerImpl } from "tslab/dist/jupyter";
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

type WriteDisplay = Parameters<JupyterHandlerImpl["handleExecute"]>[2];
type DisplayContent = Parameters<WriteDisplay>[0] & { transient?: { display_id?: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Executes the code cells of `nb` in order, filling in outputs; returns false if a cell failed. */
export async function executeNotebook(nb: Notebook, dir: string, allowErrors: boolean): Promise<boolean> {
  process.chdir(dir);
  const convs = new Converters();
  const handler = new JupyterHandlerImpl(createExecutor(dir, convs, { log: console.log, error: console.error }), false);
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;
  let ok = true;
  let count = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const outputs: Output[] = [];
    const byDisplayId = new Map<string, Output[]>();
    const writeStream = (name: string, text: string) => {
      const last = outputs[outputs.length - 1];
      if (last && last.output_type === "stream" && last.name === name) last.text = joinText(last.text) + text;
      else outputs.push({ output_type: "stream", name: name === "stderr" ? "stderr" : "stdout", text });
    };
    const writeDisplay = (content: DisplayContent, update: boolean) => {
      const id = content.transient?.display_id;
      if (update && id) {
        // update_display_data: every output shown with this id takes the new data.
        for (const o of byDisplayId.get(id) ?? []) o.data = content.data;
        return;
      }
      const out: Output = { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
      outputs.push(out);
      if (id) byDisplayId.set(id, [...(byDisplayId.get(id) ?? []), out]);
    };
    const request = { code: joinText(cell.source) } as Parameters<JupyterHandlerImpl["handleExecute"]>[0];
    const reply = await handler.handleExecute(request, writeStream, writeDisplay);
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
    cell.outputs = outputs;
    cell.execution_count = ++count;
    if (reply.status !== "ok") {
      ok = false;
      if (!allowErrors) break;
      await sleep(250); // tslab drops requests for 200 ms after an error
    }
  }
  convs.close();
  return ok;
}

async function main(argv: string[]): Promise<number> {
  const [src, dst] = argv.filter((a) => !a.startsWith("--"));
  if (!src || !dst) {
    console.error("usage: engine.ts IN.ipynb OUT.ipynb [--allow-errors]");
    return 2;
  }
  const [input, output] = [path.resolve(src), path.resolve(dst)];
  const nb = readNotebook(input);
  const ok = await executeNotebook(nb, path.dirname(input), argv.includes("--allow-errors"));
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
