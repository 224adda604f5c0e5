/**
 * A cell's printed output, gathered and sent in batches, with a limit.
 *
 * tslab sends one Jupyter `stream` message per write. A loop that prints (`while (true) console.log(i++)`) then
 * queues millions of messages while it blocks the event loop; after an interrupt the kernel needs minutes to send
 * them, the cell stays at In [*], and the front end drops most of them. Here writes are appended to a buffer that is
 * sent as one message when the event loop is free (at most every FLUSH_MS) and before any other output of the cell,
 * so the order of text and figures is kept. A cell shows at most the first HEAD_CHARS characters it prints and
 * the last TAIL_CHARS; in between, one line says how many lines were not shown.
 */
import type { Send } from "./fixes";

export const HEAD_CHARS = 100_000;
export const TAIL_CHARS = 20_000;
const FLUSH_MS = 50;

interface Pending {
  name: string;
  text: string;
}

export class CellOutput {
  /** Text waiting to be sent, in order; consecutive writes to the same stream are merged. */
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Characters accepted for sending so far (the head). */
  private shown = 0;
  /** Once the head is full: the latest text (at most TAIL_CHARS when sent) and how many lines were dropped. */
  private tail: Pending[] = [];
  private tailChars = 0;
  private droppedLines = 0;
  private dropped = false;

  constructor(private readonly sendNow: Send) {}

  /** Sends a message of the cell: stream text is buffered; anything else first sends the buffered text. */
  readonly send: Send = (msgType, content) => {
    if (msgType === "stream") {
      const { name, text } = content as Pending;
      this.write(name, text);
      return;
    }
    this.flush();
    this.sendNow(msgType, content);
  };

  private write(name: string, text: string): void {
    if (text === "") return;
    if (this.shown + text.length <= HEAD_CHARS && !this.dropped) {
      this.shown += text.length;
      append(this.pending, name, text);
    } else {
      if (!this.dropped) {
        // The part of this write that still fits goes out with the head; the rest starts the tail.
        const room = HEAD_CHARS - this.shown;
        const cut = text.lastIndexOf("\n", room - 1) + 1;
        if (cut > 0) append(this.pending, name, text.slice(0, cut));
        text = text.slice(cut);
        this.shown = HEAD_CHARS;
        this.dropped = true;
      }
      append(this.tail, name, text);
      this.tailChars += text.length;
      if (this.tailChars > 2 * TAIL_CHARS) this.trimTail();
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Keeps the last TAIL_CHARS characters of the tail (from a line start), counting the lines dropped. */
  private trimTail(): void {
    let excess = this.tailChars - TAIL_CHARS;
    while (excess > 0 && this.tail.length > 0) {
      const first = this.tail[0];
      if (first.text.length <= excess) {
        this.droppedLines += countLines(first.text);
        excess -= first.text.length;
        this.tailChars -= first.text.length;
        this.tail.shift();
      } else {
        let cut = first.text.indexOf("\n", excess - 1) + 1;
        if (cut === 0) cut = first.text.length;
        this.droppedLines += countLines(first.text.slice(0, cut));
        this.tailChars -= cut;
        first.text = first.text.slice(cut);
        excess = 0;
        if (first.text === "") this.tail.shift();
      }
    }
  }

  /** Sends the buffered head text now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const { name, text } of this.pending) this.sendNow("stream", { name, text });
    this.pending = [];
  }

  /**
   * The cell has finished: sends what is buffered, then, if the head was full, the line about what was not shown
   * and the tail. Output printed later (by a timer of this cell, say) starts a fresh head.
   */
  end(): void {
    this.flush();
    if (this.dropped) {
      if (this.tailChars > TAIL_CHARS) this.trimTail();
      const lines = this.droppedLines.toLocaleString("en-US");
      const note =
        `\n[… ${lines} more line${this.droppedLines === 1 ? "" : "s"} not shown: a cell shows the first ` +
        `${HEAD_CHARS / 1000} kB and the last ${TAIL_CHARS / 1000} kB of what it prints]\n`;
      this.sendNow("stream", { name: "stdout", text: note });
      for (const { name, text } of this.tail) this.sendNow("stream", { name, text });
    }
    this.tail = [];
    this.tailChars = 0;
    this.droppedLines = 0;
    this.dropped = false;
    this.shown = 0;
  }
}

function append(list: Pending[], name: string, text: string): void {
  const last = list[list.length - 1];
  if (last && last.name === name) last.text += text;
  else list.push({ name, text });
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
