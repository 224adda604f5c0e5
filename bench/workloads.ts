/**
 * The benchmark's workloads and their inputs: every implementation gets the same numbers (generated once from a
 * fixed seed; numpy reads them from files), runs the same algorithm, and returns a check value that must agree.
 */
import { rng } from "../lib/random";

/** A dense row-major float64 matrix, the exchange format between the implementations. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** C = A·B. */
export interface MatmulInputs {
  kind: "matmul";
  A: Dense;
  B: Dense;
}

/**
 * One SGD step of a 2-layer MLP (ReLU hidden layer, softmax cross-entropy): forward, backward, update.
 * X is batch×inputs, Y one-hot batch×classes, W1 inputs×hidden, b1 1×hidden, W2 hidden×classes, b2 1×classes.
 */
export interface MlpInputs {
  kind: "mlp";
  X: Dense;
  Y: Dense;
  W1: Dense;
  b1: Dense;
  W2: Dense;
  b2: Dense;
  lr: number;
}

/**
 * The initialisation experiment of the lectures: H₀ = X, Hₗ = tanh(Hₗ₋₁·Wₗ) through every layer, recording the
 * mean and standard deviation of each layer's activations. The weights Wₗ (Xavier: std 1/√fan-in) are inputs.
 */
export interface InitInputs {
  kind: "init";
  X: Dense;
  Ws: Dense[];
}

export type Inputs = MatmulInputs | MlpInputs | InitInputs;

export interface Workload {
  /** e.g. "matmul 512x512·512x512" */
  name: string;
  /** Floating-point operations of the matrix products (2 per multiply-add), for GFLOP/s. */
  flops: number;
  inputs: Inputs;
}

function randn(r: ReturnType<typeof rng>, rows: number, cols: number, std = 1): Dense {
  const m = r.randn(rows, cols, std);
  return { rows, cols, data: m.data };
}

function matmulWorkload(n: number, k: number, m: number, seed: string): Workload {
  const r = rng(seed);
  return {
    name: `matmul ${n}x${k}·${k}x${m}`,
    flops: 2 * n * k * m,
    inputs: { kind: "matmul", A: randn(r, n, k), B: randn(r, k, m) },
  };
}

function mlpWorkload(batch: number, inputs: number, hidden: number, classes: number): Workload {
  const r = rng("bench-mlp");
  const Y = new Float64Array(batch * classes);
  for (let i = 0; i < batch; i++) Y[i * classes + r.int(0, classes)] = 1;
  return {
    name: `mlp step ${batch}x${inputs}-${hidden}-${classes}`,
    // forward X·W1, H·W2; backward Hᵀ·dS, dS·W2ᵀ, Xᵀ·dZ1
    flops: 4 * batch * inputs * hidden + 6 * batch * hidden * classes,
    inputs: {
      kind: "mlp",
      X: randn(r, batch, inputs),
      Y: { rows: batch, cols: classes, data: Y },
      W1: randn(r, inputs, hidden, Math.sqrt(2 / inputs)), // He initialisation for the ReLU layer
      b1: { rows: 1, cols: hidden, data: new Float64Array(hidden) },
      W2: randn(r, hidden, classes, Math.sqrt(1 / hidden)),
      b2: { rows: 1, cols: classes, data: new Float64Array(classes) },
      lr: 0.1,
    },
  };
}

function initWorkload(examples: number, units: number, layers: number): Workload {
  const r = rng("bench-init");
  const X = randn(r, examples, units);
  const Ws = Array.from({ length: layers }, () => randn(r, units, units, 1 / Math.sqrt(units)));
  return {
    name: `init tanh/xavier ${examples}x${units}, ${layers} layers`,
    flops: 2 * examples * units * units * layers,
    inputs: { kind: "init", X, Ws },
  };
}

/** The full-size workloads, or tiny ones that run in milliseconds (for the test). */
export function workloads(tiny: boolean): Workload[] {
  return tiny
    ? [
        matmulWorkload(16, 16, 16, "bench-a"),
        matmulWorkload(40, 24, 24, "bench-b"),
        mlpWorkload(8, 12, 6, 3),
        initWorkload(20, 10, 3),
      ]
    : [
        matmulWorkload(256, 256, 256, "bench-256"),
        matmulWorkload(512, 512, 512, "bench-512"),
        matmulWorkload(1000, 500, 500, "bench-1000"),
        mlpWorkload(256, 784, 256, 10),
        initWorkload(1000, 500, 10),
      ];
}
