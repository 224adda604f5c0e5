/**
 * The workloads on TensorFlow.js, the library a TypeScript user would pick instead: `@tensorflow/tfjs-core` with its
 * CPU backend (`@tensorflow/tfjs-backend-cpu`, plain JavaScript) and its WebAssembly backend
 * (`@tensorflow/tfjs-backend-wasm`, XNNPACK; its .wasm file ships in the package, so it runs offline).
 * TensorFlow.js computes in float32 only: its check values agree with the float64 rows to about 1e-4, not to rounding.
 *
 * Call `initTfjs()` (asynchronous: the wasm backend compiles its module) before preparing a workload.
 *
 * @example
 * await initTfjs();
 * const run = tfjsWasm.prepare(workload.inputs);
 * run(); // the check value
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import type { Impl } from "./impl";
import type { Dense, Inputs } from "./workloads";

export type TfjsBackend = "cpu" | "wasm";

/** Which backends initialised (a backend that could not, say wasm without WebAssembly, is left out with a reason). */
export const tfjsStatus: Partial<Record<TfjsBackend, string>> = {};

/** Initialises both backends once; afterwards switching between them is synchronous. */
export async function initTfjs(): Promise<void> {
  // Production mode: no debug checks, and no notice recommending tfjs-node (the benchmark wants the portable backends).
  tf.enableProdMode();
  for (const backend of ["cpu", "wasm"] as const) {
    try {
      tfjsStatus[backend] = (await tf.setBackend(backend)) ? "ok" : "did not initialise";
    } catch (e) {
      tfjsStatus[backend] = `did not initialise: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  await tf.ready();
}

function use(backend: TfjsBackend): void {
  // Both backends are initialised, so setBackend switches before it returns (its promise only reports success).
  void tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error(`TensorFlow.js did not switch to its ${backend} backend`);
}

const tensor = (d: Dense): tf.Tensor2D => tf.tensor2d(Float32Array.from(d.data), [d.rows, d.cols], "float32");

function prepareOn(backend: TfjsBackend, inputs: Inputs): () => number {
  use(backend);
  if (inputs.kind === "matmul") {
    const A = tensor(inputs.A);
    const B = tensor(inputs.B);
    return () => {
      use(backend);
      return tf.tidy(() => tf.sum(tf.matMul(A, B)).dataSync()[0]);
    };
  }
  if (inputs.kind === "init") {
    const X = tensor(inputs.X);
    const Ws = inputs.Ws.map(tensor);
    return () => {
      use(backend);
      return tf.tidy(() => {
        let H: tf.Tensor2D = X;
        const means: tf.Scalar[] = [];
        const stds: tf.Scalar[] = [];
        for (const W of Ws) {
          H = tf.tanh(tf.matMul(H, W)) as tf.Tensor2D;
          const { mean, variance } = tf.moments(H);
          means.push(mean as tf.Scalar);
          stds.push(tf.sqrt(variance) as tf.Scalar);
        }
        return stds[stds.length - 1].dataSync()[0];
      });
    };
  }
  const X = tensor(inputs.X);
  const Y = tensor(inputs.Y);
  const params = [inputs.W1, inputs.b1, inputs.W2, inputs.b2].map((d) => tf.variable(tensor(d)));
  const [W1, b1, W2, b2] = params;
  const batch = inputs.X.rows;
  const lr = inputs.lr;
  return () => {
    use(backend);
    return tf.tidy(() => {
      const Z1 = tf.add(tf.matMul(X, W1), b1);
      const H = tf.relu(Z1);
      const S = tf.add(tf.matMul(H, W2), b2);
      const E = tf.exp(tf.sub(S, tf.max(S, 1, true)));
      const P = tf.div(E, tf.sum(E, 1, true));
      const loss = tf.div(tf.neg(tf.sum(tf.mul(Y, tf.log(P)))), batch);
      const dS = tf.div(tf.sub(P, Y), batch);
      const dW2 = tf.matMul(H, dS, true, false);
      const db2 = tf.sum(dS, 0, true);
      const dZ1 = tf.mul(tf.matMul(dS, W2, false, true), tf.step(H));
      const dW1 = tf.matMul(X, dZ1, true, false);
      const db1 = tf.sum(dZ1, 0, true);
      W1.assign(tf.sub(W1, tf.mul(dW1, lr)));
      b1.assign(tf.sub(b1, tf.mul(db1, lr)));
      W2.assign(tf.sub(W2, tf.mul(dW2, lr)));
      b2.assign(tf.sub(b2, tf.mul(db2, lr)));
      return loss.dataSync()[0];
    });
  };
}

export const tfjsCpu: Impl = {
  name: "TensorFlow.js cpu (float32)",
  float32: true,
  prepare: (inputs) => prepareOn("cpu", inputs),
};

export const tfjsWasm: Impl = {
  name: "TensorFlow.js wasm (float32)",
  float32: true,
  prepare: (inputs) => prepareOn("wasm", inputs),
};
