/**
 * Parameter sharing (Lecture "Improved gradient descent", regularization: "used in CNNs — same filter applied at
 * different positions"): a one-dimensional convolution whose F filters of width K slide along a signal of length L,
 * the same K + 1 numbers per filter at every one of the P = L − K + 1 positions, and a max over positions.
 *
 * A fully connected layer from L inputs to F·P outputs would have L·F·P weights; the convolution has K·F (plus F
 * biases). Backward, each shared weight's gradient is the sum of its gradients at every position.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import type { Rng } from "../random";
import type { Module, Param } from "./module";

/**
 * A 1-D convolution layer (cross-correlation, as in deep-learning libraries): input N × L, output N × (F·P) with
 * out[n, f·P + p] = b_f + Σ_k x[n, p + k]·W[k, f]. Weights start as N(0, 2/K) (He), biases at 0.
 *
 * @example
 * const conv = conv1d(32, 5, 4, rng(0)); // 4 filters of width 5 on signals of length 32: 28 positions each
 * conv.forward(x).cols; // 4 · 28 = 112; conv.params() holds W (5×4) and b (1×4): 24 numbers
 */
export function conv1d(length: number, width: number, filters: number, r: Rng, suffix = ""): Module {
  for (const [name, v] of [
    ["length", length],
    ["width", width],
    ["filters", filters],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new CourseInputError(`conv1d: ${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (width > length)
    throw new CourseInputError(`conv1d: the filter width ${width} is longer than the signal (${length}).`);
  const K = width;
  const F = filters;
  const P = length - K + 1;
  const params: Param[] = [
    { name: `conv W${suffix}`, value: r.randn(K, F, Math.sqrt(2 / K)), grad: Matrix.zeros(K, F), decay: true },
    { name: `conv b${suffix}`, value: Matrix.zeros(1, F), grad: Matrix.zeros(1, F), decay: false },
  ];
  let input: Matrix | undefined;
  return {
    name: `conv1d${suffix}`,
    forward(x) {
      if (x.cols !== length) {
        throw new CourseInputError(`conv1d${suffix}: expected signals of length ${length} (columns), got ${x.cols}.`);
      }
      input = x;
      const [W, b] = [params[0].value, params[1].value];
      const out = Matrix.zeros(x.rows, F * P);
      for (let n = 0; n < x.rows; n++) {
        for (let f = 0; f < F; f++) {
          for (let p = 0; p < P; p++) {
            let s = b.data[f];
            for (let k = 0; k < K; k++) s += x.data[n * length + p + k] * W.data[k * F + f];
            out.data[n * F * P + f * P + p] = s;
          }
        }
      }
      return out;
    },
    backward(dout) {
      if (!input) throw new CourseInputError(`conv1d${suffix}: call forward before backward.`);
      const x = input;
      const W = params[0].value;
      const dW = Matrix.zeros(K, F);
      const db = Matrix.zeros(1, F);
      const dx = Matrix.zeros(x.rows, length);
      for (let n = 0; n < x.rows; n++) {
        for (let f = 0; f < F; f++) {
          for (let p = 0; p < P; p++) {
            const d = dout.data[n * F * P + f * P + p];
            if (d === 0) continue;
            db.data[f] += d;
            for (let k = 0; k < K; k++) {
              dW.data[k * F + f] += d * x.data[n * length + p + k]; // the shared weight collects every position
              dx.data[n * length + p + k] += d * W.data[k * F + f];
            }
          }
        }
      }
      params[0].grad = dW;
      params[1].grad = db;
      return dx;
    },
    params: () => params,
  };
}

/**
 * The maximum of each of F feature maps over its P positions: input N × (F·P), output N × F. Backward sends each
 * gradient to the position that was the maximum. After a convolution it makes the output the same wherever the
 * pattern sits in the signal.
 *
 * @example
 * maxOverPositions(2).forward(Matrix.from2D([[1, 5, 2, 0, -1, 3]])).toArray(); // [[5, 3]]
 */
export function maxOverPositions(filters: number): Module {
  let argmax: Int32Array | undefined;
  let inCols = 0;
  return {
    name: "max over positions",
    forward(x) {
      if (x.cols % filters !== 0) {
        throw new CourseInputError(`maxOverPositions: ${x.cols} columns do not split into ${filters} feature maps.`);
      }
      const P = x.cols / filters;
      inCols = x.cols;
      argmax = new Int32Array(x.rows * filters);
      const out = Matrix.zeros(x.rows, filters);
      for (let n = 0; n < x.rows; n++) {
        for (let f = 0; f < filters; f++) {
          let best = f * P;
          for (let p = 1; p < P; p++) if (x.data[n * x.cols + f * P + p] > x.data[n * x.cols + best]) best = f * P + p;
          argmax[n * filters + f] = best;
          out.data[n * filters + f] = x.data[n * x.cols + best];
        }
      }
      return out;
    },
    backward(dout) {
      if (!argmax) throw new CourseInputError("maxOverPositions: call forward before backward.");
      const dx = Matrix.zeros(dout.rows, inCols);
      for (let n = 0; n < dout.rows; n++) {
        for (let f = 0; f < filters; f++) dx.data[n * inCols + argmax[n * filters + f]] = dout.data[n * filters + f];
      }
      return dx;
    },
    params: () => [],
  };
}
