/**
 * The fast path behind `matmul`: a blocked matrix product in WebAssembly SIMD (two float64 per instruction).
 *
 * The algorithm is the classic GotoBLAS/BLIS one, in three steps:
 *  1. pack a into panels of MR rows and b into panels of NR columns, each panel stored k-major so the inner loop
 *     reads both operands sequentially (zero-padded at the edges, so every tile is full);
 *  2. a micro-kernel keeps an MR×NR tile of the output in registers and adds one rank-1 update per step of k:
 *     tile += (column p of the a panel) · (row p of the b panel);
 *  3. loops around it walk the tiles in blocks sized for the caches (KC steps of k, NC_PANELS column panels).
 * Every output element is still Σₚ a[i][p]·b[p][j] summed in order of p, so it agrees with `matmulReference`
 * to rounding (the association of the sum differs only across the KC blocks).
 *
 * Where the engine offers WebAssembly relaxed SIMD, each multiply-add of the micro-kernel is one
 * `f64x2.relaxed_madd` (a fused multiply-add instruction on machines that have one: half the floating-point
 * instructions, and on processors whose adders and multipliers share ports, about twice the speed); elsewhere it is
 * an `f64x2.mul` and an `f64x2.add`, as before. A fused multiply-add rounds once instead of twice, so the results
 * can differ from the unfused kernel's in the last bit; both agree with `matmulReference` to rounding.
 */
import * as v8 from "v8";
import { assemble, wasm, WasmMemory, WatFunction } from "./wat";
import { GemmFn, HelperThread } from "./matmul-thread";

/** Rows of a register tile. */
const MR = 4;
/** Columns of a register tile: two f64x2 vectors (micro and the packing are written for MR = NR = 4). */
const NR = 4;
/** Steps of k per block: an a panel slice (KC·MR·8 bytes) stays in the L1 cache. */
const KC = 256;
/** Column panels per block: a b block (KC·NC_PANELS·NR·8 bytes = 512 KiB) stays in the L2 cache. */
const NC_PANELS = 64;

const rows = [...Array(MR).keys()];

/**
 * C[MR×NR] += Apanel[kc×MR] · Bpanel[kc×NR], C row-major with `ldc` bytes per row; with `first` ≠ 0 the tile is
 * overwritten instead (C = A·B: the first block of k needs no zeroed output).
 * Accumulator `c{r}_0` holds columns 0–1 of tile row r, `c{r}_1` columns 2–3. With `fused`, each c += a·b is one
 * relaxed fused multiply-add.
 */
const microKernel = (fused: boolean): WatFunction => ({
  name: "micro",
  params: { ap: "i32", bp: "i32", c: "i32", kc: "i32", ldc: "i32", first: "i32" },
  locals: {
    ...Object.fromEntries(rows.flatMap((r) => [`c${r}_0`, `c${r}_1`].map((v) => [v, "v128" as const]))),
    b0: "v128",
    b1: "v128",
    a: "v128",
    row: "i32",
  },
  body: `
    block $loaded             ;; locals start at 0, so the first block of k starts from a zero tile
      local.get $first
      br_if $loaded
      ${rows.map((r) => load_c_row(r)).join("\n")}
    end
    loop $k
      local.get $bp
      v128.load            ;; b0 = B[p][0..1]
      local.set $b0
      local.get $bp
      v128.load offset=16  ;; b1 = B[p][2..3]
      local.set $b1
      ${rows.map((r) => (fused ? rank1_row_fused(r) : rank1_row(r))).join("\n")}
      local.get $ap
      i32.const ${MR * 8}
      i32.add
      local.set $ap
      local.get $bp
      i32.const ${NR * 8}
      i32.add
      local.set $bp
      local.get $kc
      i32.const 1
      i32.sub
      local.tee $kc
      br_if $k
    end
    ;; store the tile back
    ${rows.map((r) => store_c_row(r)).join("\n")}
  `,
});

/** row = c + r·ldc, left on the stack and in $row: the address of the tile's row r in C. */
function c_row_address(r: number): string {
  return `
    local.get $c
    local.get $ldc
    i32.const ${r}
    i32.mul
    i32.add
    local.tee $row`;
}

/** c{r}_0, c{r}_1 = C[r][0..1], C[r][2..3] */
function load_c_row(r: number): string {
  return `${c_row_address(r)}
    v128.load
    local.set $c${r}_0
    local.get $row
    v128.load offset=16
    local.set $c${r}_1`;
}

/** a = splat(A[p][r]); c{r}_0 += a·b0; c{r}_1 += a·b1 */
function rank1_row(r: number): string {
  return `
      local.get $ap
      v128.load64_splat offset=${r * 8}
      local.tee $a
      local.get $b0
      f64x2.mul
      local.get $c${r}_0
      f64x2.add
      local.set $c${r}_0
      local.get $a
      local.get $b1
      f64x2.mul
      local.get $c${r}_1
      f64x2.add
      local.set $c${r}_1`;
}

/** a = splat(A[p][r]); c{r}_0 = fma(a, b0, c{r}_0); c{r}_1 = fma(a, b1, c{r}_1) */
function rank1_row_fused(r: number): string {
  return `
      local.get $ap
      v128.load64_splat offset=${r * 8}
      local.tee $a
      local.get $b0
      local.get $c${r}_0
      f64x2.relaxed_madd
      local.set $c${r}_0
      local.get $a
      local.get $b1
      local.get $c${r}_1
      f64x2.relaxed_madd
      local.set $c${r}_1`;
}

/** C[r][0..1], C[r][2..3] = c{r}_0, c{r}_1 */
function store_c_row(r: number): string {
  return `${c_row_address(r)}
    local.get $c${r}_0
    v128.store
    local.get $row
    local.get $c${r}_1
    v128.store offset=16`;
}

/**
 * C = A·B for the row panels [ipBegin, ipEnd) and all jPanels column panels; k ≥ 1 and both ranges non-empty.
 * Packed panels: A panel ip holds A[ip·MR + r][p] at ap0 + (ip·k + p)·MR·8 + r·8; B panel jp likewise with NR.
 */
const gemm: WatFunction = {
  name: "gemm",
  exported: true,
  params: { ap0: "i32", bp0: "i32", c0: "i32", k: "i32", ipBegin: "i32", ipEnd: "i32", jPanels: "i32", ldc: "i32" },
  locals: { jc: "i32", jEnd: "i32", pc: "i32", kc: "i32", ip: "i32", jp: "i32" },
  body: `
    loop $columnBlocks        ;; for jc = 0; jc < jPanels; jc = jEnd
      local.get $jc           ;; jEnd = min(jc + NC_PANELS, jPanels)
      i32.const ${NC_PANELS}
      i32.add
      local.get $jPanels
      local.get $jc
      i32.const ${NC_PANELS}
      i32.add
      local.get $jPanels
      i32.lt_s
      select
      local.set $jEnd
      i32.const 0
      local.set $pc
      loop $depthBlocks       ;; for pc = 0; pc < k; pc += KC
        i32.const ${KC}       ;; kc = min(KC, k - pc)
        local.get $k
        local.get $pc
        i32.sub
        i32.const ${KC}
        local.get $k
        local.get $pc
        i32.sub
        i32.lt_s
        select
        local.set $kc
        local.get $ipBegin
        local.set $ip
        loop $rowPanels       ;; for ip = ipBegin; ip < ipEnd; ip++
          local.get $jc
          local.set $jp
          loop $columnPanels  ;; for jp = jc; jp < jEnd; jp++
            local.get $ap0    ;; ap0 + (ip·k + pc)·MR·8
            local.get $ip
            local.get $k
            i32.mul
            local.get $pc
            i32.add
            i32.const ${MR * 8}
            i32.mul
            i32.add
            local.get $bp0    ;; bp0 + (jp·k + pc)·NR·8
            local.get $jp
            local.get $k
            i32.mul
            local.get $pc
            i32.add
            i32.const ${NR * 8}
            i32.mul
            i32.add
            local.get $c0     ;; c0 + ip·MR·ldc + jp·NR·8
            local.get $ip
            i32.const ${MR}
            i32.mul
            local.get $ldc
            i32.mul
            i32.add
            local.get $jp
            i32.const ${NR * 8}
            i32.mul
            i32.add
            local.get $kc
            local.get $ldc
            local.get $pc
            i32.eqz           ;; first block of k: overwrite
            call $micro
            local.get $jp
            i32.const 1
            i32.add
            local.tee $jp
            local.get $jEnd
            i32.lt_s
            br_if $columnPanels
          end
          local.get $ip
          i32.const 1
          i32.add
          local.tee $ip
          local.get $ipEnd
          i32.lt_s
          br_if $rowPanels
        end
        local.get $pc
        i32.const ${KC}
        i32.add
        local.tee $pc
        local.get $k
        i32.lt_s
        br_if $depthBlocks
      end
      local.get $jEnd
      local.tee $jc
      local.get $jPanels
      i32.lt_s
      br_if $columnBlocks
    end
  `,
};

/** WebAssembly pages are 64 KiB; the shared memory may grow to 1 GiB (larger products use the reference loop). */
const PAGE = 65536;
const MAX_PAGES = 16384;

interface Kernel {
  memory: WasmMemory;
  gemm: GemmFn;
  helper: HelperThread;
}

let kernel: Kernel | null | undefined;

/** Which micro-kernel the fast path uses: fused multiply-add (relaxed SIMD), multiply then add, or none. */
export type KernelVariant = "relaxed-simd fma" | "simd mul+add" | "none";
let variant: KernelVariant = "none";

/**
 * The module's bytes, with the fused micro-kernel when the engine validates relaxed SIMD. Node 20 has relaxed SIMD
 * behind a flag, which V8 reads when it validates a module, so it is turned on here (an engine that does not know the
 * flag ignores it). NN_COURSE_FMA=0 keeps the multiply-then-add kernel (to compare the two).
 */
function kernelBytes(): { bytes: Uint8Array; fused: boolean } {
  if (process.env.NN_COURSE_FMA !== "0") {
    try {
      v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
    } catch {
      // not V8: relaxed SIMD is there or not, as the engine decides
    }
    const fusedBytes = assemble([microKernel(true), gemm], 1, MAX_PAGES);
    if (wasm.validate(fusedBytes)) return { bytes: fusedBytes, fused: true };
  }
  return { bytes: assemble([microKernel(false), gemm], 1, MAX_PAGES), fused: false };
}

/** Assembles and instantiates the kernel on first use; null when this platform lacks WebAssembly SIMD or threads. */
function getKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const { bytes, fused } = kernelBytes();
    const module = new wasm.Module(bytes);
    const memory = new wasm.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new wasm.Instance(module, { env: { memory } });
    kernel = { memory, gemm: instance.exports.gemm as GemmFn, helper: new HelperThread(module, memory) };
    variant = fused ? "relaxed-simd fma" : "simd mul+add";
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * The micro-kernel large products run on (assembling the kernel if it is not yet); for the benchmark and tests.
 *
 * @example
 * matmulKernelVariant(); // "relaxed-simd fma" on Node 20 on x86-64 with FMA, "simd mul+add" without relaxed SIMD
 */
export function matmulKernelVariant(): KernelVariant {
  getKernel();
  return variant;
}

/**
 * True once the helper thread has started (large products are then split over two threads); for tests.
 *
 * @example
 * matmulHelperReady(); // false right after start-up, true a few milliseconds after the first large product
 */
export function matmulHelperReady(): boolean {
  return getKernel()?.helper.ready() ?? false;
}

/**
 * The bytes of the assembled kernel module (for tests).
 *
 * @example
 * WebAssembly.validate(kernelModuleBytes()); // true
 */
export function kernelModuleBytes(fused = false): Uint8Array {
  return assemble([microKernel(fused), gemm], 1, MAX_PAGES);
}

const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/** Products with fewer multiply-adds than this run on one thread (waking the helper costs more than it saves). */
const PARALLEL_THRESHOLD = 1 << 21;
/**
 * The threshold in force. NN_COURSE_THREADS=1 in the environment keeps every product on the calling thread: the
 * notebook runner sets it when it runs one notebook per core, where a helper thread would only compete for a core.
 */
let parallelThreshold = process.env.NN_COURSE_THREADS === "1" ? Infinity : PARALLEL_THRESHOLD;

/**
 * Sets how many threads large products use: 1 or 2 (the default; the second is a helper worker thread).
 * Returns the previous setting. Used by the benchmark to measure the single-threaded kernel.
 *
 * @example
 * const previous = setMatmulThreads(1);
 * matmul(a, b); // on this thread only
 * setMatmulThreads(previous);
 */
export function setMatmulThreads(threads: 1 | 2): 1 | 2 {
  const previous = parallelThreshold === Infinity ? 1 : 2;
  parallelThreshold = threads === 1 ? Infinity : PARALLEL_THRESHOLD;
  return previous;
}

/**
 * out = A·B with A n×k, B k×m, out n×m (row-major Float64Arrays), through the WebAssembly kernel.
 * With `transA` the array A holds Aᵀ (k×n, so out = (stored A)ᵀ·B); with `transB` B holds Bᵀ (m×k): the packing
 * reads the operand in the other order, so the transpose is never materialised.
 * Returns false (and leaves `out` alone) when the kernel is unavailable or the operands do not fit its memory.
 *
 * @example
 * const out = new Float64Array(4);
 * matmulKernel(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 0, 0, 1), out, 2, 2, 2); // true; out = [1, 2, 3, 4]
 */
export function matmulKernel(
  A: Float64Array,
  B: Float64Array,
  out: Float64Array,
  n: number,
  k: number,
  m: number,
  transA = false,
  transB = false,
): boolean {
  const kern = getKernel();
  if (kern === null) return false;
  const iPanels = Math.ceil(n / MR);
  const jPanels = Math.ceil(m / NR);
  const ldcElems = jPanels * NR;
  const apBytes = align64(iPanels * MR * k * 8);
  const bpBytes = align64(jPanels * NR * k * 8);
  const cBytes = align64(iPanels * MR * ldcElems * 8);
  const total = apBytes + bpBytes + cBytes;
  if (total > MAX_PAGES * PAGE) return false;
  const have = kern.memory.buffer.byteLength;
  if (total > have) {
    try {
      kern.memory.grow(Math.ceil((total - have) / PAGE));
    } catch {
      return false; // the system would not give more memory: the caller uses the simple loop
    }
  }
  const buffer = kern.memory.buffer;
  const ap = new Float64Array(buffer, 0, apBytes / 8);
  const bp = new Float64Array(buffer, apBytes, bpBytes / 8);
  const c = new Float64Array(buffer, apBytes + bpBytes, cBytes / 8);
  // A panel of rows of A is a panel of columns of Aᵀ, and the panels of both operands are 4 wide (MR = NR)
  if (transA) packColumnPanels(A, ap, k, n);
  else packRowPanels(A, ap, n, k);
  if (transB) packRowPanels(B, bp, m, k);
  else packColumnPanels(B, bp, k, m);

  const args = { ap0: 0, bp0: apBytes, c0: apBytes + bpBytes, k, jPanels, ldc: ldcElems * 8 };
  const single = () => kern.gemm(args.ap0, args.bp0, args.c0, k, 0, iPanels, jPanels, args.ldc);
  // Share the row panels with the helper thread when the product is large enough to pay for waking it:
  // chunks of at least 4 panels (16 rows), about 16 chunks, so both threads stay busy to the end.
  if (n * k * m >= parallelThreshold && iPanels >= 8 && kern.helper.ready()) {
    const chunk = Math.max(4, Math.ceil(iPanels / 16));
    if (!kern.helper.run(kern.gemm, args, iPanels, chunk)) single(); // the helper failed: redo it all here
  } else {
    single();
  }

  if (ldcElems === m) out.set(c.subarray(0, n * m));
  else for (let i = 0; i < n; i++) out.set(c.subarray(i * ldcElems, i * ldcElems + m), i * m);
  return true;
}

/**
 * ap[(ip·k + p)·4 + r] = A[ip·4 + r][p], rows past n set to 0: panels of 4 rows of the n×k matrix A, k-major
 * (used for a, and for b when the array holds bᵀ).
 */
function packRowPanels(A: Float64Array, ap: Float64Array, n: number, k: number): void {
  const iPanels = Math.ceil(n / MR);
  for (let ip = 0; ip < iPanels; ip++) {
    const base = ip * k * MR;
    for (let r = 0; r < MR; r++) {
      const i = ip * MR + r;
      if (i >= n) {
        for (let p = 0; p < k; p++) ap[base + p * MR + r] = 0;
        continue;
      }
      for (let p = 0, src = i * k; p < k; p++) ap[base + p * MR + r] = A[src + p];
    }
  }
}

/**
 * bp[(jp·k + p)·4 + c] = B[p][jp·4 + c], columns past m set to 0: panels of 4 columns of the k×m matrix B (used
 * for b, and for a when the array holds aᵀ). Walks b row by row (reading it in order is
 * several times faster than walking it panel by panel, which reads one cache line per four numbers).
 */
function packColumnPanels(B: Float64Array, bp: Float64Array, k: number, m: number): void {
  const fullPanels = Math.floor(m / NR);
  const panelSize = k * NR;
  for (let p = 0; p < k; p++) {
    const src = p * m;
    for (let jp = 0, dst = p * NR; jp < fullPanels; jp++, dst += panelSize) {
      const j = src + jp * NR;
      bp[dst] = B[j];
      bp[dst + 1] = B[j + 1];
      bp[dst + 2] = B[j + 2];
      bp[dst + 3] = B[j + 3];
    }
    if (fullPanels * NR < m) {
      // the last, partial panel: the columns past m are zero padding
      const dst = (fullPanels * k + p) * NR;
      for (let c = 0; c < NR; c++) bp[dst + c] = fullPanels * NR + c < m ? B[src + fullPanels * NR + c] : 0;
    }
  }
}
