/**
 * The workloads on this library: its ops as a notebook uses them. Three variants: the fast `matmul` (default: two
 * threads for large products), the same on one thread, and `matmulReference` (the readable loop) for every product.
 */
import { Matrix } from "../lib/matrix";
import { add, div, mul, sub } from "../lib/ops/arithmetic";
import { map } from "../lib/ops/map";
import {
  matmul,
  matmulReference,
  matmulTransA,
  matmulTransAReference,
  matmulTransB,
  matmulTransBReference,
} from "../lib/ops/matmul";
import { setMatmulThreads } from "../lib/ops/matmul-kernel";
import { max, mean, sum, variance } from "../lib/ops/reduce";
import { exp, log, maximum, scale, sign } from "../lib/ops/unary";
import type { Impl } from "./impl";
import type { Dense, Inputs } from "./workloads";

type Product = (a: Matrix, b: Matrix) => Matrix;

/** The three products a training step uses (as the course's linear layer does): a·b, aᵀ·b and a·bᵀ. */
interface Products {
  ab: Product;
  aTb: Product;
  abT: Product;
}

const FAST: Products = { ab: matmul, aTb: matmulTransA, abT: matmulTransB };
const REFERENCE: Products = { ab: matmulReference, aTb: matmulTransAReference, abT: matmulTransBReference };

const toMatrix = (d: Dense): Matrix => new Matrix(d.rows, d.cols, d.data.slice());

function prepareWith({ ab: product, aTb, abT }: Products, inputs: Inputs): () => number {
  if (inputs.kind === "matmul") {
    const A = toMatrix(inputs.A);
    const B = toMatrix(inputs.B);
    return () => sum(product(A, B));
  }
  if (inputs.kind === "init") {
    const X = toMatrix(inputs.X);
    const Ws = inputs.Ws.map(toMatrix);
    return () => {
      let H = X;
      const means: number[] = [];
      const stds: number[] = [];
      for (const W of Ws) {
        H = map(product(H, W), Math.tanh);
        means.push(mean(H));
        stds.push(Math.sqrt(variance(H)));
      }
      return stds[stds.length - 1];
    };
  }
  const { X, Y, lr } = { X: toMatrix(inputs.X), Y: toMatrix(inputs.Y), lr: inputs.lr };
  let [W1, b1, W2, b2] = [inputs.W1, inputs.b1, inputs.W2, inputs.b2].map(toMatrix);
  const batch = X.rows;
  return () => {
    const Z1 = add(product(X, W1), b1);
    const H = maximum(Z1, 0); // ReLU
    const S = add(product(H, W2), b2);
    const E = exp(sub(S, max(S, 1))); // softmax, shifted by the row maximum for stability
    const P = div(E, sum(E, 1));
    const loss = -sum(mul(Y, log(P))) / batch;
    const dS = scale(sub(P, Y), 1 / batch);
    const dW2 = aTb(H, dS); // Hᵀ·dS
    const db2 = sum(dS, 0);
    const dZ1 = mul(abT(dS, W2), sign(H)); // ReLU passes the gradient where H > 0
    const dW1 = aTb(X, dZ1); // Xᵀ·dZ1
    const db1 = sum(dZ1, 0);
    W1 = sub(W1, scale(dW1, lr));
    b1 = sub(b1, scale(db1, lr));
    W2 = sub(W2, scale(dW2, lr));
    b2 = sub(b2, scale(db2, lr));
    return loss;
  };
}

export const courseFast: Impl = { name: "nn-course", prepare: (inputs) => prepareWith(FAST, inputs) };

export const courseOneThread: Impl = {
  name: "nn-course 1 thread",
  prepare(inputs) {
    const run = prepareWith(FAST, inputs);
    return () => {
      const previous = setMatmulThreads(1);
      try {
        return run();
      } finally {
        setMatmulThreads(previous);
      }
    };
  },
};

export const courseReference: Impl = {
  name: "nn-course reference loop",
  prepare: (inputs) => prepareWith(REFERENCE, inputs),
};
