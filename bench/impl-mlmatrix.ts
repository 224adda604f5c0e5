/**
 * The workloads in ml-matrix (a well-known JS matrix library: rows of Float64Arrays, in-place ops), as its docs use it.
 */
import { Matrix } from "ml-matrix";
import type { Impl } from "./impl";
import type { Dense, Inputs } from "./workloads";

const toMl = (d: Dense): Matrix => Matrix.from1DArray(d.rows, d.cols, Array.from(d.data));
/** ml-matrix has in-place elementwise Math functions that its type declarations do not list. */
const tanh = (m: Matrix): Matrix => (m as unknown as { tanh(): Matrix }).tanh();

export const mlMatrixImpl: Impl = {
  name: "ml-matrix",
  prepare(inputs: Inputs) {
    if (inputs.kind === "matmul") {
      const A = toMl(inputs.A);
      const B = toMl(inputs.B);
      return () => A.mmul(B).sum();
    }
    if (inputs.kind === "init") {
      const X = toMl(inputs.X);
      const Ws = inputs.Ws.map(toMl);
      return () => {
        let H = X;
        let std = 0;
        for (const W of Ws) {
          H = tanh(H.mmul(W));
          H.mean();
          std = H.standardDeviation({ unbiased: false });
        }
        return std;
      };
    }
    const X = toMl(inputs.X);
    const Y = toMl(inputs.Y);
    const { lr } = inputs;
    const [W1, W2] = [toMl(inputs.W1), toMl(inputs.W2)];
    const [b1, b2] = [Array.from(inputs.b1.data), Array.from(inputs.b2.data)];
    const batch = X.rows;
    return () => {
      const Z1 = X.mmul(W1).addRowVector(b1);
      const H = Z1.clone();
      H.apply((i, j) => H.set(i, j, Math.max(H.get(i, j), 0))); // ReLU
      const S = H.mmul(W2).addRowVector(b2);
      const P = S.clone();
      for (let i = 0; i < batch; i++) {
        const row = P.getRow(i);
        const top = Math.max(...row);
        const e = row.map((x) => Math.exp(x - top));
        const total = e.reduce((a, b) => a + b, 0);
        P.setRow(
          i,
          e.map((x) => x / total),
        );
      }
      const loss = -Matrix.log(P).mul(Y).sum() / batch;
      const dS = P.clone().sub(Y).div(batch);
      const dW2 = H.transpose().mmul(dS);
      const db2 = dS.sum("column");
      const dZ1 = dS.mmul(W2.transpose());
      dZ1.apply((i, j) => {
        if (H.get(i, j) <= 0) dZ1.set(i, j, 0); // ReLU passes the gradient where H > 0
      });
      const dW1 = X.transpose().mmul(dZ1);
      const db1 = dZ1.sum("column");
      W1.sub(dW1.mul(lr));
      W2.sub(dW2.mul(lr));
      db1.forEach((g, j) => (b1[j] -= lr * g));
      db2.forEach((g, j) => (b2[j] -= lr * g));
      return loss;
    };
  },
};
