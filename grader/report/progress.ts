/**
 * A one-line progress bar for the terminal ("\r[#####-----] 5/10 alice"); where the output is not a terminal (a log
 * file, CI) it prints one plain line per finished item instead.
 *
 * @example
 * const bar = new Progress(10);
 * bar.tick("alice: 60/68 (graded)");
 * bar.done();
 */
export class Progress {
  private count = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Marks one more item finished; `label` says which and how it went. */
  tick(label: string): void {
    this.count++;
    if (!this.stream.isTTY) {
      this.stream.write(`[${this.count}/${this.total}] ${label}\n`);
      return;
    }
    const width = 30;
    const filled = Math.round((width * this.count) / Math.max(1, this.total));
    const bar = "#".repeat(filled) + "-".repeat(width - filled);
    const columns = this.stream.columns ?? 80;
    const line = `[${bar}] ${this.count}/${this.total} ${label}`.slice(0, columns - 1);
    this.stream.write(`\r${line.padEnd(columns - 1)}`);
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.stream.isTTY && this.count > 0) this.stream.write("\n");
  }
}
