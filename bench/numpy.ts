/**
 * Runs the workloads in numpy (numpy_bench.py) through Debian's /usr/bin/python3, with the same inputs written as
 * raw little-endian float64 files. `threads` "1" pins OpenBLAS and OpenMP to one thread; undefined leaves the default.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Budget } from "./run";
import type { Dense, Inputs, Workload } from "./workloads";

/** Debian's python3-numpy lives here; another python3 earlier on PATH may lack numpy. */
export const PYTHON = "/usr/bin/python3";

/** Which BLAS numpy's matrix products ran on, read from the libraries mapped into the python process. */
export interface BlasInfo {
  /** e.g. "OpenBLAS 0.3.21 (pthread)", "reference BLAS (libblas3)" */
  name: string;
  /** The shared library file numpy's products went through. */
  library: string;
  /** True for the netlib reference BLAS: unoptimised loops, not a fair anchor. */
  reference: boolean;
}

// After one product (so that a lazily loaded BLAS is mapped), list the BLAS libraries in /proc/self/maps.
// Debian's python3-numpy links libblas.so.3, which update-alternatives points at the reference BLAS (libblas3) or
// at OpenBLAS (libopenblas0-*); numpy.show_config() names only the link-time library, so it cannot tell.
const PROBE = `
import json, numpy as np
a = np.ones((64, 64)); a @ a
libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.rsplit("/", 1)[-1].lower()})
print(json.dumps({"version": np.__version__, "libs": libs}))
`;

/** Names the BLAS from the mapped libraries' paths (Debian keeps each BLAS in its own folder). */
export function classifyBlas(libs: string[]): BlasInfo {
  const openblas = libs.find((l) => /libopenblas/i.test(l));
  if (openblas) {
    const version = /openblas\w*-r(\d+(?:\.\d+)*)/i.exec(openblas)?.[1];
    const flavour = /openblas-(pthread|openmp|serial)/i.exec(openblas)?.[1];
    const name = `OpenBLAS${version ? ` ${version}` : ""}${flavour ? ` (${flavour})` : ""}`;
    return { name, library: openblas, reference: false };
  }
  const other = libs.find((l) => /mkl|blis|atlas|flexiblas/i.test(l));
  if (other) return { name: other.replace(/^.*\//, ""), library: other, reference: false };
  const reference = libs.find((l) => /libblas\.so/.test(l));
  if (reference) return { name: "reference BLAS (libblas3)", library: reference, reference: true };
  return { name: "unknown BLAS", library: libs.join(", ") || "none found", reference: false };
}

export function numpyAvailable(): { ok: true; version: string; blas: BlasInfo } | { ok: false; reason: string } {
  try {
    const out = execFileSync(PYTHON, ["-c", PROBE], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const { version, libs } = JSON.parse(out.trim()) as { version: string; libs: string[] };
    return { ok: true, version, blas: classifyBlas(libs) };
  } catch {
    return { ok: false, reason: `${PYTHON} cannot import numpy (install Debian's python3-numpy to add these rows)` };
  }
}

/** Writes each matrix once as <dir>/<workload>-<name>.f64 and returns the manifest entry numpy reads. */
function writeInputs(w: Workload, index: number, dir: string): Record<string, unknown> {
  const file = (key: string, d: Dense) => {
    const f = path.join(dir, `w${index}-${key}.f64`);
    fs.writeFileSync(f, Buffer.from(d.data.buffer, d.data.byteOffset, d.data.byteLength));
    return { file: f, rows: d.rows, cols: d.cols };
  };
  const inputs: Inputs = w.inputs;
  const entry: Record<string, unknown> = { kind: inputs.kind };
  for (const [key, value] of Object.entries(inputs)) {
    if (key === "kind") continue;
    if (typeof value === "number") entry[key] = value;
    else if (Array.isArray(value)) entry[key] = value.map((d: Dense, i) => file(`${key}${i}`, d));
    else entry[key] = file(key, value as Dense);
  }
  return entry;
}

export function runNumpy(
  loads: Workload[],
  budget: Budget,
  dir: string,
  threads: "1" | undefined,
): { name: string; seconds: number; cpuSeconds: number; check: number; reps: number }[] {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, "manifest.json");
  const entries = loads.map((w, i) => ({ name: w.name, inputs: writeInputs(w, i, dir) }));
  fs.writeFileSync(manifest, JSON.stringify({ workloads: entries, budget }));
  const env = { ...process.env };
  if (threads) {
    env.OPENBLAS_NUM_THREADS = threads;
    env.OMP_NUM_THREADS = threads;
  }
  const out = execFileSync(PYTHON, [path.join(__dirname, "numpy_bench.py"), manifest], { encoding: "utf8", env });
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}
