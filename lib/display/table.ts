/**
 * Tables of numbers (a Matrix or nested arrays) as HTML with a plain-text fallback.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { displayBundle } from "./bundle";
import { escapeHtml } from "./escape";

/** Options of tableHtml/tableText/showTable. */
export interface TableOptions {
  /** A label per row, shown as a first header column. */
  rowLabels?: string[];
  /** A label per column, shown as a header row. */
  colLabels?: string[];
  /** Significant digits of each number (default 4). */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
}

/** Table contents: a Matrix or rows of numbers and strings. */
export type TableData = Matrix | (number | string)[][];

/**
 * A number with `digits` significant digits, short and readable: whole numbers stay whole, very small or very
 * large numbers use exponent notation, trailing zeros are dropped.
 *
 * @example
 * formatNumber(Math.PI, 4); // "3.142"
 * formatNumber(0.000012345, 3); // "1.23e-5"
 * formatNumber(1200, 4); // "1200"
 */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new CourseInputError(`digits must be a whole number from 1 to 17, got ${digits}.`);
  }
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (x === 0) return "0";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(digits)));
  // exponent form: mantissa without trailing zeros, e.g. 1.2e-7
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  return `${String(Number(mantissa))}e${exponent.replace("+", "")}`;
}

/** The cells as rows of strings, checked for a rectangular shape and matching labels. */
function cells(data: TableData, opts: TableOptions, name: string): string[][] {
  const digits = opts.digits ?? 4;
  let rows: (number | string)[][];
  if (data instanceof Matrix) rows = data.toArray();
  else if (Array.isArray(data) && data.every((r) => Array.isArray(r))) rows = data;
  else throw new CourseInputError(`${name}: data must be a Matrix or an array of rows, e.g. [[1, 2], [3, 4]].`);
  const cols = rows.length === 0 ? 0 : rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== cols) {
      throw new CourseInputError(
        `${name}: all rows need the same length; row 0 has ${cols} cells, row ${i} has ${r.length}.`,
      );
    }
  });
  if (opts.rowLabels && opts.rowLabels.length !== rows.length) {
    throw new CourseInputError(
      `${name}: ${opts.rowLabels.length} rowLabels for ${rows.length} rows; give one label per row.`,
    );
  }
  // A table with no rows yet (results still to come) takes its columns from its labels.
  if (opts.colLabels && rows.length > 0 && opts.colLabels.length !== cols) {
    throw new CourseInputError(
      `${name}: ${opts.colLabels.length} colLabels for ${cols} columns; give one label per column.`,
    );
  }
  return rows.map((r) => r.map((v) => (typeof v === "number" ? formatNumber(v, digits) : String(v))));
}

/**
 * An HTML table; numbers are right-aligned and formatted with `digits` significant digits.
 *
 * @example
 * tableHtml([[1, 0.5]], { colLabels: ["x", "p"] }); // "<table ...><thead>…<td …>0.5</td>…</table>"
 */
export function tableHtml(data: TableData, opts: TableOptions = {}): string {
  const body = cells(data, opts, "tableHtml");
  const raw = data instanceof Matrix ? null : data;
  const align = (i: number, j: number) => (raw && typeof raw[i][j] === "string" ? "left" : "right");
  const out: string[] = [
    '<table class="nn-course-table" style="border-collapse:collapse;font-variant-numeric:tabular-nums">',
  ];
  if (opts.caption !== undefined) out.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  if (opts.colLabels) {
    const corner = opts.rowLabels ? "<th></th>" : "";
    const heads = opts.colLabels.map((c) => `<th style="text-align:right">${escapeHtml(c)}</th>`).join("");
    out.push(`<thead><tr>${corner}${heads}</tr></thead>`);
  }
  out.push("<tbody>");
  body.forEach((row, i) => {
    const label = opts.rowLabels ? `<th style="text-align:left">${escapeHtml(opts.rowLabels[i])}</th>` : "";
    const tds = row.map((c, j) => `<td style="text-align:${align(i, j)}">${escapeHtml(c)}</td>`).join("");
    out.push(`<tr>${label}${tds}</tr>`);
  });
  out.push("</tbody></table>");
  return out.join("");
}

/**
 * The same table as aligned plain text (the fallback of showTable, also handy in scripts).
 *
 * @example
 * tableText([[1, 22], [333, 4]]); // "  1 22\n333  4"
 */
export function tableText(data: TableData, opts: TableOptions = {}): string {
  const body = cells(data, opts, "tableText");
  const grid: string[][] = [];
  if (opts.colLabels) grid.push([...(opts.rowLabels ? [""] : []), ...opts.colLabels]);
  body.forEach((row, i) => grid.push([...(opts.rowLabels ? [opts.rowLabels[i]] : []), ...row]));
  const ncols = grid.reduce((m, r) => Math.max(m, r.length), 0);
  const widths = Array.from({ length: ncols }, (_, j) => grid.reduce((m, r) => Math.max(m, (r[j] ?? "").length), 0));
  const labelCol = opts.rowLabels ? 0 : -1;
  const lines = grid.map((r) =>
    r
      .map((c, j) => (j === labelCol ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join(" ")
      .trimEnd(),
  );
  if (opts.caption !== undefined) lines.unshift(opts.caption);
  return lines.join("\n");
}

/**
 * Shows a table (HTML in the notebook, aligned text elsewhere).
 *
 * @example
 * showTable(Matrix.from2D([[0.1, 0.9], [0.7, 0.3]]), { rowLabels: ["a", "b"], colLabels: ["p0", "p1"], digits: 2 });
 */
export function showTable(data: TableData, opts: TableOptions = {}): void {
  displayBundle({ "text/html": tableHtml(data, opts), "text/plain": tableText(data, opts) });
}
