import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { classifyBlas } from "./numpy";
import { NUMPY_1, REFERENCE_BLAS_1, runBench } from "./run";

describe("benchmark (tiny sizes)", () => {
  it("runs every workload on every implementation, with agreeing check values, and writes the results", async function () {
    this.timeout(60000);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-bench-"));
    const lines: string[] = [];
    const report = await runBench({ tiny: true, outDir, log: (line) => lines.push(line) });

    const jsonLines = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(jsonLines.length).to.equal(report.results.length);
    for (const r of report.results) expect(Number.isFinite(r.cpuSeconds), `${r.impl} CPU time`).to.equal(true);
    for (const j of jsonLines) {
      expect(Object.keys(j)).to.deep.equal(["name", "impl", "seconds", "gflops"]);
      expect(j.seconds).to.be.greaterThan(0);
      expect(j.gflops).to.be.greaterThan(0);
    }
    const impls = new Set(report.results.map((r) => r.impl));
    for (const impl of [
      "nn-course",
      "nn-course 1 thread",
      "nn-course reference loop",
      "TensorFlow.js wasm (float32)",
      "TensorFlow.js cpu (float32)",
      "mathjs",
      "ml-matrix",
      "plain JS",
    ]) {
      expect(impls.has(impl), impl).to.equal(true);
    }
    const names = [...new Set(report.results.map((r) => r.name))];
    expect(names.map((n) => n.split(" ")[0])).to.deep.equal(["matmul", "matmul", "mlp", "init"]);
    // numpy either ran on every workload or is explained in a note
    const numpyRows = report.results.filter((r) => r.impl === NUMPY_1 || r.impl === REFERENCE_BLAS_1);
    expect(numpyRows.length === names.length || report.notes.some((n) => n.startsWith("numpy rows skipped"))).to.equal(
      true,
    );

    // every implementation computed the same thing: check values agree to rounding (float32 ones to float32's)
    const float32 = (impl: string) => impl.includes("float32");
    for (const name of names) {
      const rows = report.results.filter((r) => r.name === name);
      const c0 = rows.find((r) => !float32(r.impl))!.check;
      for (const r of rows) {
        const tolerance = (float32(r.impl) ? 1e-4 : 1e-9) * Math.max(1, Math.abs(c0));
        expect(r.check, `${r.impl} on ${name}`).to.be.closeTo(c0, tolerance);
      }
    }
    expect(report.fixedCosts).to.deep.equal([]);

    const saved = JSON.parse(fs.readFileSync(path.join(outDir, "results.json"), "utf8"));
    expect(saved.results.length).to.equal(report.results.length);
    expect(saved.machine.cores).to.equal(os.cpus().length);
    expect(lines.some((l) => l.startsWith("workload / implementation"))).to.equal(true);
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it("names the BLAS numpy runs on, and tells the reference BLAS from OpenBLAS", () => {
    const openblas = classifyBlas([
      "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3",
      "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
    ]);
    expect(openblas).to.deep.include({ name: "OpenBLAS 0.3.21 (pthread)", reference: false });
    const reference = classifyBlas(["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"]);
    expect(reference).to.deep.include({ name: "reference BLAS (libblas3)", reference: true });
    expect(classifyBlas([]).reference).to.equal(false);
  });
});
