import { expect } from "chai";
import { kernelModuleBytes, matmulKernelVariant } from "./matmul-kernel";
import { assemble, wasm, WatFunction } from "./wat";

/** Instantiates `functions` over a fresh shared memory of one page (64 KiB). */
function instantiate(functions: WatFunction[]) {
  const memory = new wasm.Memory({ initial: 1, maximum: 1, shared: true });
  const instance = new wasm.Instance(new wasm.Module(assemble(functions, 1, 1)), { env: { memory } });
  return { memory, exports: instance.exports as Record<string, (...args: number[]) => void> };
}

const nop = (body: string): WatFunction => ({ name: "f", params: { x: "i32" }, locals: {}, body, exported: true });

describe("wat assembler", () => {
  it("writes the module header and assembles the matmul kernel into a valid module", () => {
    const bytes = assemble([nop("")], 1, 1);
    expect(Array.from(bytes.slice(0, 8))).to.deep.equal([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]); // "\0asm", version 1
    expect(wasm.validate(bytes)).to.equal(true);
    expect(wasm.validate(kernelModuleBytes())).to.equal(true);
  });

  it("assembles the fused multiply-add kernel (relaxed SIMD), which Node's engine runs", () => {
    // Node 20 validates relaxed SIMD once the kernel has turned its flag on; later engines have it by default.
    expect(matmulKernelVariant()).to.equal("relaxed-simd fma");
    expect(wasm.validate(kernelModuleBytes(true))).to.equal(true);
    expect(Array.from(kernelModuleBytes(true))).to.not.deep.equal(Array.from(kernelModuleBytes(false)));
  });

  it("encodes constants of any size and sign (LEB128) exactly", () => {
    const values = [0, 1, -1, 63, 64, -64, -65, 127, 128, 300, -200, 2 ** 31 - 1, -(2 ** 31)];
    const { memory, exports } = instantiate([
      nop(values.map((v, i) => `i32.const ${i * 4}\ni32.const ${v}\ni32.store`).join("\n")),
    ]);
    exports.f(0);
    expect(Array.from(new Int32Array(memory.buffer, 0, values.length))).to.deep.equal(values);
  });

  it("runs loops, branches, calls and SIMD arithmetic: y = x·x + x on pairs of float64", () => {
    const pair: WatFunction = {
      name: "pair",
      params: { at: "i32" },
      locals: { v: "v128" },
      body: `
        local.get $at
        local.get $at
        v128.load
        local.tee $v
        local.get $v
        f64x2.mul
        local.get $v
        f64x2.add
        v128.store
      `,
    };
    const all: WatFunction = {
      name: "all",
      exported: true,
      params: { ptr: "i32", pairs: "i32" },
      locals: {},
      body: `
        block $done
          loop $next
            local.get $pairs
            i32.eqz
            br_if $done       ;; while (pairs != 0)
            local.get $ptr
            call $pair
            local.get $ptr
            i32.const 16
            i32.add
            local.set $ptr
            local.get $pairs
            i32.const 1
            i32.sub
            local.set $pairs
            br $next
          end
        end
      `,
    };
    const { memory, exports } = instantiate([pair, all]);
    const x = new Float64Array(memory.buffer, 64, 6);
    x.set([1, 2, -3, 0.5, 10, 7]);
    exports.all(64, 2); // two pairs: the last two numbers stay as they are
    expect(Array.from(x)).to.deep.equal([2, 6, 6, 0.75, 10, 7]);
  });

  it("names the function and line of an error", () => {
    expect(() => assemble([nop("i64.add")], 1, 1)).to.throw('unsupported instruction in f, line 1 ("i64.add")');
    expect(() => assemble([nop("local.get $y")], 1, 1)).to.throw("unknown local $y in f, line 1");
    expect(() => assemble([nop("block $a\nbr $b\nend")], 1, 1)).to.throw("unknown label $b in f, line 2");
    expect(() => assemble([nop("loop $a")], 1, 1)).to.throw("f has 1 unclosed block(s)");
    expect(() => assemble([nop("end")], 1, 1)).to.throw("unmatched end in f, line 1");
  });
});
