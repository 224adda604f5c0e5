/**
 * The workloads in plain JavaScript: nested arrays (number[][]) and the textbook loops, no library, no typed arrays.
 */
import type { Impl } from "./impl";
import type { Dense, Inputs } from "./workloads";

type M = number[][];

const toArrays = (d: Dense): M =>
  Array.from({ length: d.rows }, (_, i) => Array.from(d.data.subarray(i * d.cols, (i + 1) * d.cols)));

/** C[i][j] = Σₚ A[i][p]·B[p][j], the i-j-k triple loop. */
function matmul(A: M, B: M): M {
  const n = A.length;
  const k = B.length;
  const m = B[0].length;
  const C: M = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i][p] * B[p][j];
      row[j] = s;
    }
    C.push(row);
  }
  return C;
}

const transpose = (A: M): M => A[0].map((_, j) => A.map((row) => row[j]));
const mapM = (A: M, f: (x: number, i: number, j: number) => number): M =>
  A.map((row, i) => row.map((x, j) => f(x, i, j)));
const sumAll = (A: M): number => A.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
const columnSums = (A: M): number[] => A[0].map((_, j) => A.reduce((s, row) => s + row[j], 0));

export const plainJs: Impl = {
  name: "plain JS",
  prepare(inputs: Inputs) {
    if (inputs.kind === "matmul") {
      const A = toArrays(inputs.A);
      const B = toArrays(inputs.B);
      return () => sumAll(matmul(A, B));
    }
    if (inputs.kind === "init") {
      const X = toArrays(inputs.X);
      const Ws = inputs.Ws.map(toArrays);
      return () => {
        let H = X;
        let std = 0;
        for (const W of Ws) {
          H = mapM(matmul(H, W), Math.tanh);
          const count = H.length * H[0].length;
          const mean = sumAll(H) / count;
          std = Math.sqrt(sumAll(mapM(H, (x) => (x - mean) * (x - mean))) / count);
        }
        return std;
      };
    }
    const X = toArrays(inputs.X);
    const Y = toArrays(inputs.Y);
    const { lr } = inputs;
    let [W1, W2] = [toArrays(inputs.W1), toArrays(inputs.W2)];
    let [b1, b2] = [Array.from(inputs.b1.data), Array.from(inputs.b2.data)];
    const batch = X.length;
    return () => {
      const Z1 = mapM(matmul(X, W1), (x, _i, j) => x + b1[j]);
      const H = mapM(Z1, (x) => Math.max(x, 0));
      const S = mapM(matmul(H, W2), (x, _i, j) => x + b2[j]);
      const P = S.map((row) => {
        const top = Math.max(...row);
        const e = row.map((x) => Math.exp(x - top));
        const total = e.reduce((a, b) => a + b, 0);
        return e.map((x) => x / total);
      });
      const loss = -sumAll(mapM(P, (p, i, j) => Y[i][j] * Math.log(p))) / batch;
      const dS = mapM(P, (p, i, j) => (p - Y[i][j]) / batch);
      const dW2 = matmul(transpose(H), dS);
      const db2 = columnSums(dS);
      const dZ1 = mapM(matmul(dS, transpose(W2)), (g, i, j) => (H[i][j] > 0 ? g : 0));
      const dW1 = matmul(transpose(X), dZ1);
      const db1 = columnSums(dZ1);
      W1 = mapM(W1, (w, i, j) => w - lr * dW1[i][j]);
      W2 = mapM(W2, (w, i, j) => w - lr * dW2[i][j]);
      b1 = b1.map((b, j) => b - lr * db1[j]);
      b2 = b2.map((b, j) => b - lr * db2[j]);
      return loss;
    };
  },
};
