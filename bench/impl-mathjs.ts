/**
 * The workloads in mathjs (dense matrices, its own multiply/map/sum), written as a mathjs user would.
 */
import * as math from "mathjs";
import type { Impl } from "./impl";
import type { Dense, Inputs } from "./workloads";

type M = math.Matrix;

const toMathjs = (d: Dense): M =>
  math.matrix(Array.from({ length: d.rows }, (_, i) => Array.from(d.data.subarray(i * d.cols, (i + 1) * d.cols))));

export const mathjsImpl: Impl = {
  name: "mathjs",
  prepare(inputs: Inputs) {
    if (inputs.kind === "matmul") {
      const A = toMathjs(inputs.A);
      const B = toMathjs(inputs.B);
      return () => math.sum(math.multiply(A, B)) as number;
    }
    if (inputs.kind === "init") {
      const X = toMathjs(inputs.X);
      const Ws = inputs.Ws.map(toMathjs);
      return () => {
        let H = X;
        let std = 0;
        for (const W of Ws) {
          H = math.map(math.multiply(H, W), (x: number) => Math.tanh(x));
          math.mean(H);
          std = math.std(H, "uncorrected") as unknown as number;
        }
        return std;
      };
    }
    const X = toMathjs(inputs.X);
    const Y = toMathjs(inputs.Y);
    const { lr } = inputs;
    let [W1, b1, W2, b2] = [inputs.W1, inputs.b1, inputs.W2, inputs.b2].map(toMathjs);
    const batch = inputs.X.rows;
    return () => {
      const Z1 = math.add(math.multiply(X, W1), b1) as M; // b1 (1×hidden) broadcasts over the rows
      const H = math.map(Z1, (x: number) => Math.max(x, 0));
      const S = math.add(math.multiply(H, W2), b2) as M;
      const rowMax = math.max(S, 1) as unknown as M;
      const E = math.map(math.subtract(S, math.reshape(rowMax, [batch, 1])) as M, (x: number) => Math.exp(x));
      const P = math.dotDivide(E, math.reshape(math.sum(E, 1) as unknown as M, [batch, 1])) as M;
      const loss =
        -(math.sum(
          math.dotMultiply(
            Y,
            math.map(P, (p: number) => Math.log(p)),
          ),
        ) as number) / batch;
      const dS = math.divide(math.subtract(P, Y), batch) as M;
      const dW2 = math.multiply(math.transpose(H), dS);
      const db2 = math.reshape(math.sum(dS, 0) as unknown as M, [1, -1]);
      const dZ1 = math.dotMultiply(
        math.multiply(dS, math.transpose(W2)),
        math.map(H, (h: number) => (h > 0 ? 1 : 0)),
      ) as M;
      const dW1 = math.multiply(math.transpose(X), dZ1);
      const db1 = math.reshape(math.sum(dZ1, 0) as unknown as M, [1, -1]);
      W1 = math.subtract(W1, math.multiply(dW1, lr)) as M;
      b1 = math.subtract(b1, math.multiply(db1, lr)) as M;
      W2 = math.subtract(W2, math.multiply(dW2, lr)) as M;
      b2 = math.subtract(b2, math.multiply(db2, lr)) as M;
      return loss;
    };
  },
};
