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

export function numpyAvailable(): { ok: true; version: string } | { ok: false; reason: string } {
  try {
    const version = execFileSync(PYTHON, ["-c", "import numpy; print(numpy.__version__)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return { ok: true, version };
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
