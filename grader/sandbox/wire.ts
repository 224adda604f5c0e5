/**
 * How values cross between the trusted test process and the sandbox: plain data only.
 *
 * Both processes have their own `Matrix` class, so a Matrix travels as a tagged record
 * `{ __nnMatrix: true, rows, cols, data }` and is rebuilt on the other side with that side's class. Everything else
 * is plain data (numbers, strings, arrays, typed arrays, plain objects) carried by the structured clone of the IPC
 * channel. Functions cannot cross. Decoding never trusts the other side: a malformed record stays plain data, which
 * the graded test then rejects like any other wrong answer.
 *
 * This file is also compiled into the sandbox, so it imports nothing.
 *
 * @example
 * const wire = encode(Matrix.from2D([[1, 2]]), (v) => v instanceof Matrix);
 * decode(wire, (r, c, d) => new Matrix(r, c, d)); // a Matrix again
 */

/** Tells whether a value is this side's Matrix. */
export type IsMatrix = (value: unknown) => value is { rows: number; cols: number; data: Float64Array };
/** Builds this side's Matrix from its parts. */
export type MakeMatrix = (rows: number, cols: number, data: Float64Array) => unknown;

const TAG = "__nnMatrix";
const MAX_DEPTH = 32;

/** Raised when a value cannot be sent (a function, or nesting deeper than 32 levels). */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Turns `value` into data the structured clone can carry, tagging matrices. */
export function encode(value: unknown, isMatrix: IsMatrix, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new WireError(`a value nested more than ${MAX_DEPTH} levels deep cannot be sent`);
  if (value === null || typeof value !== "object") {
    if (typeof value === "function") throw new WireError("a function cannot be sent to or from the sandbox");
    if (typeof value === "symbol") throw new WireError("a symbol cannot be sent to or from the sandbox");
    return value;
  }
  if (isMatrix(value)) {
    return { [TAG]: true, rows: value.rows, cols: value.cols, data: Float64Array.from(value.data) };
  }
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => encode(v, isMatrix, depth + 1));
  if (value instanceof Error) return { name: String(value.name), message: String(value.message) };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key !== "__proto__") out[key] = encode((value as Record<string, unknown>)[key], isMatrix, depth + 1);
  }
  return out;
}

/** A tagged matrix record with consistent parts, or null. */
function asMatrixRecord(v: unknown): { rows: number; cols: number; data: Float64Array } | null {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  if (r[TAG] !== true || !(r.data instanceof Float64Array)) return null;
  const { rows, cols, data } = r as { rows: unknown; cols: unknown; data: Float64Array };
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || (rows as number) < 0 || (cols as number) < 0) return null;
  if (data.length !== (rows as number) * (cols as number)) return null;
  return { rows: rows as number, cols: cols as number, data };
}

/** Rebuilds a value sent by `encode`, making matrices with `makeMatrix`. */
export function decode(value: unknown, makeMatrix: MakeMatrix, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  const m = asMatrixRecord(value);
  if (m) return makeMatrix(m.rows, m.cols, m.data);
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => decode(v, makeMatrix, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key !== "__proto__") out[key] = decode((value as Record<string, unknown>)[key], makeMatrix, depth + 1);
  }
  return out;
}

/**
 * Copies in-place changes made on the other side back into the caller's arguments: a function that updates its
 * Matrix argument (an optimizer step, say) behaves as if it had run locally. Only matching shapes are copied.
 */
export function syncBack(original: unknown, returned: unknown, isMatrix: IsMatrix, depth = 0): void {
  if (original === null || typeof original !== "object" || depth > MAX_DEPTH) return;
  if (isMatrix(original)) {
    const m = asMatrixRecord(returned);
    if (m && m.rows === original.rows && m.cols === original.cols) original.data.set(m.data);
    return;
  }
  if (ArrayBuffer.isView(original)) {
    const o = original as unknown as { length: number; set(a: ArrayLike<number>): void };
    const r = returned as { length?: unknown };
    if (ArrayBuffer.isView(returned) && r.length === o.length) o.set(returned as unknown as ArrayLike<number>);
    return;
  }
  if (returned === null || typeof returned !== "object") return;
  if (Array.isArray(original)) {
    if (!Array.isArray(returned) || returned.length !== original.length) return;
    for (let i = 0; i < original.length; i++) {
      const o = original[i];
      const r = returned[i];
      if ((o === null || typeof o !== "object") && (r === null || typeof r !== "object") && typeof r !== "function") {
        original[i] = r;
      } else syncBack(o, r, isMatrix, depth + 1);
    }
    return;
  }
  if (!isPlainObject(original)) return;
  const target = original as Record<string, unknown>;
  const source = returned as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    if (key === "__proto__" || !Object.prototype.hasOwnProperty.call(source, key)) continue;
    const o = target[key];
    const r = source[key];
    if (typeof o === "number" && typeof r === "number") target[key] = r;
    else syncBack(o, r, isMatrix, depth + 1);
  }
}
