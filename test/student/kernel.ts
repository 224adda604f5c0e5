/**
 * The course kernel as a student's front end sees it: a running kernel driven through jupyter_client by
 * kernel_driver.py (a child process answering JSON lines), and readers for what a cell showed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { stopProcess, withTimeout } from "../browser/processes";

export const python = "/usr/bin/python3";
const driverScript = path.join(__dirname, "kernel_driver.py");

/** One output message of a cell: its msg_type and content. */
export interface Output {
  type: string;
  content: {
    name?: string;
    text?: string;
    data?: Record<string, unknown>;
    metadata?: Record<string, unknown>;
    ename?: string;
    evalue?: string;
    traceback?: string[];
  };
}

/** What one cell showed: its execute_reply and its outputs (a flood keeps its first and last 200 outputs). */
export interface CellRun {
  reply: { status: string; execution_count?: number; ename?: string; evalue?: string; traceback?: string[] } | null;
  /** Seconds from sending the cells to this reply. */
  reply_at: number | null;
  outputs: Output[];
  output_count: number;
  stream_messages: number;
  complete: boolean;
}

export interface RunResult {
  cells: CellRun[];
  /** Seconds from sending the cells to the interrupt, when one was asked for. */
  interrupted_at: number | null;
}

export interface RunOptions {
  /** Stop the queued cells after a failure (a front end's Run All and Shift+Enter do). Default true. */
  stopOnError?: boolean;
  /** Seconds to wait for every reply. Default 120. */
  timeout?: number;
  /** Interrupt the kernel (KernelManager.interrupt_kernel) this many seconds after sending the cells. */
  interruptAfter?: number;
}

/** A course kernel started in `cwd` with the student edition's kernelspec (`jupyterPath`). */
export class StudentKernel {
  private readonly answers: ((line: string) => void)[] = [];
  private stderr = "";
  private kernelPid: number | undefined;

  private constructor(private readonly driver: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: driver.stdout }).on("line", (line) => this.answers.shift()?.(line));
    driver.stderr.on("data", (b: Buffer) => (this.stderr = (this.stderr + b.toString()).slice(-4000)));
  }

  static async start(cwd: string, jupyterPath: string): Promise<StudentKernel> {
    const driver = spawn(python, [driverScript], {
      env: { ...process.env, JUPYTER_PATH: jupyterPath, PYTHONUNBUFFERED: "1" },
      stdio: "pipe",
    });
    const kernel = new StudentKernel(driver);
    const started = await kernel.request<{ pid: number }>({ op: "start", cwd }, 60);
    kernel.kernelPid = started.pid;
    return kernel;
  }

  /** Sends every cell at once, as Notebook 6's Run All does, and waits for all of them. */
  async run(cells: string[], opts: RunOptions = {}): Promise<RunResult> {
    const timeout = opts.timeout ?? 120;
    return this.request<RunResult>(
      {
        op: "run",
        cells,
        stop_on_error: opts.stopOnError ?? true,
        timeout,
        interrupt_after: opts.interruptAfter ?? null,
      },
      timeout + 30,
    );
  }

  /** Runs one cell. */
  async cell(code: string, opts: RunOptions = {}): Promise<CellRun> {
    return (await this.run([code], opts)).cells[0];
  }

  /** Shuts the kernel down; kills it and the driver when they do not stop in time. Never throws. */
  async close(): Promise<void> {
    try {
      if (this.driver.exitCode === null) await this.request({ op: "shutdown" }, 15);
    } catch {
      // the signals below
    }
    if (this.driver.pid !== undefined) await stopProcess(this.driver.pid, { graceMs: 3000 });
    // the kernel runs in a session of its own (jupyter_client starts it so): its group holds its helpers too
    if (this.kernelPid !== undefined) await stopProcess(this.kernelPid, { group: true, graceMs: 2000 });
  }

  private request<T>(req: object, seconds: number): Promise<T> {
    const answer = new Promise<T>((resolve, reject) => {
      const onExit = () => reject(new Error(`the kernel driver exited (${this.driver.exitCode}):\n${this.stderr}`));
      this.driver.once("exit", onExit);
      this.answers.push((line) => {
        this.driver.off("exit", onExit);
        const parsed = JSON.parse(line) as T & { error?: string };
        if (parsed.error) reject(new Error(`kernel driver: ${parsed.error}\n${this.stderr}`));
        else resolve(parsed);
      });
    });
    this.driver.stdin.write(JSON.stringify(req) + "\n");
    return withTimeout(answer, seconds * 1000, `kernel driver "${(req as { op: string }).op}"`);
  }
}

/** The text of an output as a student reads it: stream text, text/plain of a result or display, or the traceback. */
export function outputText(o: Output): string {
  if (o.type === "stream") return o.content.text ?? "";
  if (o.type === "error") return (o.content.traceback ?? [`${o.content.ename}: ${o.content.evalue}`]).join("\n");
  const plain = o.content.data?.["text/plain"];
  return Array.isArray(plain) ? plain.join("") : typeof plain === "string" ? plain : "";
}

/** Everything a cell showed, as text (and its reply's error, for aborted or failed cells). */
export function cellText(c: CellRun): string {
  const parts = c.outputs.map(outputText);
  if (c.reply?.status === "error" && c.reply.traceback) parts.push(c.reply.traceback.join("\n"));
  return parts.join("\n");
}

/** The outputs of a cell that announce an exercise still to do (display_data with metadata nn_course.kind). */
export function pendingOutputs(c: CellRun): Output[] {
  return c.outputs.filter(
    (o) =>
      o.type === "display_data" &&
      (o.content.metadata?.nn_course as { kind?: string } | undefined)?.kind === "exercise-pending",
  );
}

/** The error outputs of a cell. */
export function errorOutputs(c: CellRun): Output[] {
  return c.outputs.filter((o) => o.type === "error");
}

/** A short account of a cell for assertion messages: status and each output, truncated. */
export function describeCell(c: CellRun, max = 1500): string {
  const lines = [`status ${c.reply?.status ?? "(no reply)"}, ${c.output_count} outputs`];
  for (const o of c.outputs.slice(0, 12)) {
    const meta = o.content.metadata && Object.keys(o.content.metadata).length ? JSON.stringify(o.content.metadata) : "";
    const name = o.type === "error" ? ` ${o.content.ename}` : o.type === "stream" ? ` ${o.content.name}` : "";
    lines.push(`  [${o.type}${name}] ${meta} ${outputText(o).slice(0, 300).replace(/\n/g, "\n    ")}`);
  }
  if (c.outputs.length > 12) lines.push(`  … ${c.outputs.length - 12} more`);
  if (c.reply?.status === "error" || c.reply?.status === "aborted") {
    lines.push(`  reply: ${c.reply.ename}: ${(c.reply.evalue ?? "").slice(0, 300)}`);
  }
  return lines.join("\n").slice(0, max);
}
