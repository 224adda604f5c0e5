/**
 * CSV in and out: the instructor's files (roster, extensions, submission times) read with csv-parse, and CSV fields
 * written quoted when needed and guarded against spreadsheet formulas.
 *
 * @example
 * readCsv("roster.csv", ["folder"]); // [{ folder: "alice", name: "Alice Smith", … }]
 * csvLine(["alice", 3, "a, b"]); // 'alice,3,"a, b"'
 */
import * as fs from "fs";
import { parse } from "csv-parse/sync";

/** An instructor's CSV file that cannot be used; the message names the file, the line and what to do. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

/** One CSV field, quoted when needed (and guarded against spreadsheet formulas). */
export function csvField(v: string | number): string {
  let s = String(v).replace(/\r?\n/g, " ");
  if (/^[=+\-@]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line. */
export function csvLine(fields: (string | number)[]): string {
  return fields.map(csvField).join(",");
}

/**
 * The rows of the CSV file `file` with a header line, as objects keyed by the (trimmed, lower-case) column names;
 * a CsvError when the file is missing, malformed, or lacks one of the `required` columns.
 */
export function readCsv(file: string, required: string[]): Record<string, string>[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CsvError(`${file}: no such file`);
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (e) {
    throw new CsvError(`${file}: not a CSV file with a header line: ${(e as Error).message}`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const has = header.length > 0 ? `it has ${header.join(", ")}` : "it has no rows";
    throw new CsvError(`${file}: needs the column(s) ${missing.join(", ")} in its header line (${has})`);
  }
  return rows;
}
