/**
 * A tiny WebAssembly text-to-binary assembler, enough for the matmul kernel (matmul-kernel.ts).
 *
 * The kernel is kept in the repo as readable WebAssembly text (flat instructions, one per line, `;;` comments) and
 * assembled here into a binary module when it is first needed, so no toolchain and no prebuilt binary are involved.
 * It knows only the instructions the kernel uses; anything else is an error naming the line.
 * Binary format reference: https://webassembly.github.io/spec/core/binary/
 */

/**
 * The parts of the WebAssembly JavaScript API the kernel uses. Typed here rather than through the global
 * `WebAssembly` types, which the notebook kernel's TypeScript setup does not include.
 */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
/** A compiled module (opaque; it can be sent to a worker thread). */
export type WasmModule = object;
/** A linear memory; `buffer` is a SharedArrayBuffer for a shared memory. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
/**
 * The platform's WebAssembly object, with the types above.
 *
 * @example
 * wasm.validate(assemble([], 1, 1)); // true
 */
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A value type of a local or parameter. */
export type ValType = "i32" | "f64" | "v128";

/** One function: its parameters and locals in order (names without `$`), and its body as WebAssembly text. */
export interface WatFunction {
  name: string;
  params: Record<string, ValType>;
  locals: Record<string, ValType>;
  body: string;
  /** Exported under its name when true. */
  exported?: boolean;
}

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/** Instructions without immediates. */
const PLAIN: Record<string, number[]> = {
  end: [0x0b],
  return: [0x0f],
  select: [0x1b],
  drop: [0x1a],
  "i32.eqz": [0x45],
  "i32.eq": [0x46],
  "i32.ne": [0x47],
  "i32.lt_s": [0x48],
  "i32.gt_s": [0x4a],
  "i32.le_s": [0x4c],
  "i32.ge_s": [0x4e],
  "i32.add": [0x6a],
  "i32.sub": [0x6b],
  "i32.mul": [0x6c],
  "i32.shl": [0x74],
  "f64x2.add": [0xfd, 0xf0, 0x01],
  "f64x2.sub": [0xfd, 0xf1, 0x01],
  "f64x2.mul": [0xfd, 0xf2, 0x01],
  // relaxed SIMD: a·b + c, fused where the machine has fused multiply-add (Node 20: --experimental-wasm-relaxed-simd)
  "f64x2.relaxed_madd": [0xfd, 0x87, 0x02],
};

/** Memory instructions: opcode bytes and the natural alignment (log2 of bytes). */
const MEMORY: Record<string, { op: number[]; align: number }> = {
  "i32.store": { op: [0x36], align: 2 },
  "f64.load": { op: [0x2b], align: 3 },
  "f64.store": { op: [0x39], align: 3 },
  "v128.load": { op: [0xfd, 0x00], align: 4 },
  "v128.store": { op: [0xfd, 0x0b], align: 4 },
  "v128.load64_splat": { op: [0xfd, 0x0a], align: 3 },
};

function unsignedLeb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function signedLeb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(s: string): number[] {
  const bytes = Array.from(Buffer.from(s, "utf8"));
  return [...unsignedLeb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsignedLeb(body.length), ...body];
}

/** Assembles one function body (locals declaration + instructions + final `end`). */
function assembleBody(fn: WatFunction, functionIndex: Map<string, number>): number[] {
  const localIndex = new Map<string, number>();
  for (const key of [...Object.keys(fn.params), ...Object.keys(fn.locals)]) localIndex.set(key, localIndex.size);
  const code: number[] = [];
  const labels: string[] = []; // innermost last; `br $x` encodes its depth from the top
  const lines = fn.body.split("\n");
  lines.forEach((raw, lineNo) => {
    const text = raw.replace(/;;.*$/, "").trim();
    if (text === "") return;
    const [op, ...args] = text.split(/\s+/);
    const where = `${fn.name}, line ${lineNo + 1} ("${text}")`;
    const ref = (map: Map<string, number>, arg: string | undefined, what: string): number => {
      const index = arg?.startsWith("$") ? map.get(arg.slice(1)) : undefined;
      if (index === undefined) throw new Error(`wat: unknown ${what} ${arg} in ${where}`);
      return index;
    };
    if (op === "local.get" || op === "local.set" || op === "local.tee") {
      const opcode = { "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 }[op];
      code.push(opcode, ...unsignedLeb(ref(localIndex, args[0], "local")));
    } else if (op === "i32.const") {
      code.push(0x41, ...signedLeb(Number(args[0])));
    } else if (op === "block" || op === "loop") {
      labels.push(args[0] ?? "");
      code.push(op === "block" ? 0x02 : 0x03, 0x40); // 0x40: the block leaves nothing on the stack
    } else if (op === "br" || op === "br_if") {
      const depth = labels.length - 1 - labels.lastIndexOf(args[0]);
      if (depth >= labels.length) throw new Error(`wat: unknown label ${args[0]} in ${where}`);
      code.push(op === "br" ? 0x0c : 0x0d, ...unsignedLeb(depth));
    } else if (op === "call") {
      code.push(0x10, ...unsignedLeb(ref(functionIndex, args[0], "function")));
    } else if (op in MEMORY) {
      const { op: bytes, align } = MEMORY[op];
      const offset = Number(args.find((a) => a.startsWith("offset="))?.slice(7) ?? 0);
      code.push(...bytes, ...unsignedLeb(align), ...unsignedLeb(offset));
    } else if (op in PLAIN) {
      if (op === "end" && labels.pop() === undefined) throw new Error(`wat: unmatched end in ${where}`);
      code.push(...PLAIN[op]);
    } else {
      throw new Error(`wat: unsupported instruction in ${where}`);
    }
  });
  if (labels.length !== 0) throw new Error(`wat: ${fn.name} has ${labels.length} unclosed block(s)`);
  const localDecls = Object.values(fn.locals).map((t) => [1, VALTYPE[t]]);
  const body = [...vector(localDecls), ...code, 0x0b];
  return [...unsignedLeb(body.length), ...body];
}

/**
 * Assembles a module that imports one shared memory as `env.memory` (so several threads can run it on the same
 * data) and defines `functions` (no results; every function returns nothing).
 *
 * @example
 * const bytes = assemble([{ name: "nop", params: {}, locals: {}, body: "", exported: true }], 1, 1);
 * WebAssembly.validate(bytes); // true
 */
export function assemble(functions: WatFunction[], memoryPages: number, maxMemoryPages: number): Uint8Array {
  const functionIndex = new Map(functions.map((f, i) => [f.name, i]));
  const types = functions.map((f) => [0x60, ...vector(Object.values(f.params).map((t) => [VALTYPE[t]])), 0x00]);
  // memory limits flag 0x03: shared, with a maximum (shared memories must have one)
  const memoryImport = [...name("env"), ...name("memory"), 0x02, 0x03, ...unsignedLeb(memoryPages)];
  const exports = functions.filter((f) => f.exported).map((f) => [...name(f.name), 0x00, functionIndex.get(f.name)!]);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector(types)),
    ...section(2, vector([[...memoryImport, ...unsignedLeb(maxMemoryPages)]])),
    ...section(3, vector(functions.map((_, i) => unsignedLeb(i)))),
    ...section(7, vector(exports)),
    ...section(10, vector(functions.map((f) => assembleBody(f, functionIndex)))),
  ]);
}
