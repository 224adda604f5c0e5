/**
 * Graded tests for exercises/layers.ts (linear and activation layers, the two-layer network, the SGD step).
 *
 * Known values were computed independently (by hand for the small cases, with numpy for the two-layer network).
 * Every backward pass is also checked against centred differences: relative error < 1e-7.
 */
import { layers } from "nn-course/exercises";
import { Matrix } from "../../lib/matrix";
import { rng } from "../../lib/random";
import { numericGradient, numericGradientOfOutput } from "../../lib/gradcheck";
import { graded, expectClose, expectMatrixClose, expectThrowsNamed, show, expectGradientClose } from "./graded";

/** A seeded N×D matrix with no entry closer than 0.01 to 0 (so ReLU's kink is never inside a numerical probe). */
function awayFromZero(seed: number, rows: number, cols: number): Matrix {
  const m = rng(seed).randn(rows, cols);
  for (let i = 0; i < m.size; i++) if (Math.abs(m.data[i]) < 0.01) m.data[i] += 0.05;
  return m;
}

// The two-layer network example (values checked with numpy).
const NET_X = Matrix.from2D([
  [1, 2],
  [-1, 0.5],
  [0.3, -2],
]);
const NET_LABELS = [0, 2, 1];
function netParams() {
  return {
    W1: Matrix.from2D([
      [0.2, -0.5, 1.0, 0.3],
      [0.7, 0.1, -0.4, -0.6],
    ]),
    b1: Matrix.from2D([[0.1, 0.0, -0.25, 0.05]]),
    W2: Matrix.from2D([
      [1.0, -0.3, 0.2],
      [0.5, 0.4, -1.0],
      [-0.6, 0.9, 0.3],
      [0.2, -0.1, 0.8],
    ]),
    b2: Matrix.from2D([[0.0, 0.1, -0.1]]),
  };
}

describe("graded: layers", () => {
  describe("linear layer", () => {
    const x = Matrix.from2D([
      [1, 2, 3],
      [-1, 0, 2],
    ]);
    const W = Matrix.from2D([
      [0.5, -1],
      [2, 0],
      [-0.5, 1],
    ]);
    const b = Matrix.from2D([[0.1, -0.2]]);

    graded("linearForward: out = x·W + b (2×3 input, 3×2 weights)", 2, () => {
      const { out } = layers.linearForward(x, W, b);
      expectMatrixClose(
        out,
        [
          [3.1, 1.8],
          [-1.4, 2.8],
        ],
        1e-12,
        `linearForward(x = ${show(x)}, W = ${show(W)}, b = ${show(b)}).out`,
      );
    });

    graded("linearForward: wrong shapes → CourseInputError", 1, () => {
      const { out } = layers.linearForward(Matrix.from2D([[1, 1, 1]]), W, b);
      expectMatrixClose(out, [[2.1, -0.2]], 1e-12, `linearForward([[1, 1, 1]], W, b).out`);
      expectThrowsNamed(() => layers.linearForward(W, W, b), "CourseInputError", `linearForward(x 3×2, W 3×2, b)`);
      expectThrowsNamed(
        () => layers.linearForward(x, W, Matrix.from2D([[1, 2, 3]])),
        "CourseInputError",
        `linearForward(x, W 3×2, b 1×3)`,
      );
    });

    graded("linearBackward: dx = dout·Wᵀ, dW = xᵀ·dout, db = column sums of dout", 2, () => {
      const { cache } = layers.linearForward(x, W, b);
      const dout = Matrix.from2D([
        [1, 0],
        [0, 1],
      ]);
      const { dx, dW, db } = layers.linearBackward(dout, cache);
      const what = `linearBackward(dout = ${show(dout)}) after linearForward(x = ${show(x)}, W = ${show(W)})`;
      expectMatrixClose(
        dx,
        [
          [0.5, 2, -0.5],
          [-1, 0, 1],
        ],
        1e-12,
        `${what}.dx`,
      );
      expectMatrixClose(
        dW,
        [
          [1, -1],
          [2, 0],
          [3, 2],
        ],
        1e-12,
        `${what}.dW`,
      );
      expectMatrixClose(db, [[1, 1]], 1e-12, `${what}.db`);
    });

    graded("linearBackward: dx, dW, db match numerical gradients (seeded random 4×5 → 3)", 3, () => {
      const r = rng(31);
      const xs = r.randn(4, 5);
      const Ws = r.randn(5, 3);
      const bs = r.randn(1, 3);
      const dout = r.randn(4, 3);
      const { cache } = layers.linearForward(xs, Ws, bs);
      const { dx, dW, db } = layers.linearBackward(dout, cache);
      const out = (xx: Matrix, WW: Matrix, bb: Matrix) => layers.linearForward(xx, WW, bb).out;
      expectGradientClose(
        dx,
        numericGradientOfOutput((m) => out(m, Ws, bs), xs, dout),
        "linearBackward dx",
        xs,
      );
      expectGradientClose(
        dW,
        numericGradientOfOutput((m) => out(xs, m, bs), Ws, dout),
        "linearBackward dW",
        Ws,
      );
      expectGradientClose(
        db,
        numericGradientOfOutput((m) => out(xs, Ws, m), bs, dout),
        "linearBackward db",
        bs,
      );
    });
  });

  describe("activations", () => {
    graded("sigmoidForward/sigmoidBackward: σ(a) and dout ⊙ σ(1 − σ)", 2, () => {
      const a = Matrix.from2D([[0, 1, -2]]);
      const { out, cache } = layers.sigmoidForward(a);
      expectMatrixClose(out, [[0.5, 0.7310585786300049, 0.11920292202211755]], 1e-12, `sigmoidForward(${show(a)}).out`);
      const dout = Matrix.from2D([[1, 2, 3]]);
      expectMatrixClose(
        layers.sigmoidBackward(dout, cache),
        [[0.25, 0.3932238664829637, 0.3149807562105195]],
        1e-12,
        `sigmoidBackward(${show(dout)}) after sigmoidForward(${show(a)})`,
      );
    });

    graded("tanhForward/tanhBackward: tanh(a) and dout ⊙ (1 − tanh²)", 2, () => {
      const a = Matrix.from2D([[0, 0.5, -1]]);
      const { out, cache } = layers.tanhForward(a);
      expectMatrixClose(out, [[0, 0.46211715726000974, -0.7615941559557649]], 1e-12, `tanhForward(${show(a)}).out`);
      const dout = Matrix.from2D([[2, 1, -1]]);
      expectMatrixClose(
        layers.tanhBackward(dout, cache),
        [[2, 0.7864477329659274, -0.41997434161402614]],
        1e-12,
        `tanhBackward(${show(dout)}) after tanhForward(${show(a)})`,
      );
    });

    graded("reluForward/reluBackward: max(0, a) and dout ⊙ 1[a > 0] (0 at the kink a = 0)", 2, () => {
      const a = Matrix.from2D([[-2, 0, 3, -0.5, 1e-3]]);
      const { out, cache } = layers.reluForward(a);
      expectMatrixClose(out, [[0, 0, 3, 0, 1e-3]], 0, `reluForward(${show(a)}).out`);
      const dout = Matrix.full(1, 5, 7);
      expectMatrixClose(
        layers.reluBackward(dout, cache),
        [[0, 0, 7, 0, 7]],
        0,
        `reluBackward(${show(dout)}) after reluForward(${show(a)})`,
      );
    });

    const cases: [string, number][] = [
      ["sigmoid", 41],
      ["tanh", 42],
      ["relu", 43],
    ];
    for (const [name, seed] of cases) {
      graded(`${name}Backward matches the numerical gradient (seeded random 5×4 input and dout)`, 2, () => {
        const a = awayFromZero(seed, 5, 4);
        const dout = rng(seed + 100).randn(5, 4);
        const forward = (m: Matrix) =>
          name === "sigmoid"
            ? layers.sigmoidForward(m)
            : name === "tanh"
              ? layers.tanhForward(m)
              : layers.reluForward(m);
        const { cache } = forward(a);
        const dx =
          name === "sigmoid"
            ? layers.sigmoidBackward(dout, cache)
            : name === "tanh"
              ? layers.tanhBackward(dout, cache)
              : layers.reluBackward(dout, cache);
        expectGradientClose(
          dx,
          numericGradientOfOutput((m) => forward(m).out, a, dout),
          `${name}Backward dx`,
          a,
        );
      });
    }
  });

  describe("twoLayerNetLoss", () => {
    graded("twoLayerNetLoss: all-zero weights give scores 0 and loss ln C (= ln 4)", 1, () => {
      const params = {
        W1: Matrix.zeros(2, 3),
        b1: Matrix.zeros(1, 3),
        W2: Matrix.zeros(3, 4),
        b2: Matrix.zeros(1, 4),
      };
      const { loss, scores } = layers.twoLayerNetLoss(params, NET_X, [0, 3, 1], 0.5);
      expectClose(loss, Math.log(4), 1e-12, "twoLayerNetLoss(zero weights, x 3×2, C = 4, λ = 0.5).loss");
      expectMatrixClose(
        scores,
        [0, 1, 2].map(() => [0, 0, 0, 0]),
        0,
        "twoLayerNetLoss(zero weights).scores",
      );
    });

    graded("twoLayerNetLoss: scores and loss (λ = 0 and λ = 0.1) on a fixed 3×2 batch", 2, () => {
      const p = netParams();
      const { loss, scores } = layers.twoLayerNetLoss(p, NET_X, NET_LABELS, 0);
      const what = `twoLayerNetLoss(x = ${show(NET_X)}, labels ${show(NET_LABELS)}`;
      expectMatrixClose(
        scores,
        [
          [1.7, -0.41, 0.24],
          [0.525, 0.245, -0.6],
          [-0.242, 0.731, 1.227],
        ],
        1e-12,
        `${what}).scores`,
      );
      expectClose(loss, 1.088512680637218, 1e-12, `${what}, λ = 0).loss`);
      expectClose(
        layers.twoLayerNetLoss(p, NET_X, NET_LABELS, 0.1).loss,
        1.7775126806372181,
        1e-12,
        `${what}, λ = 0.1).loss (data loss + λ(‖W1‖² + ‖W2‖²))`,
      );
    });

    graded(
      "twoLayerNetLoss: gradients of W1, b1, W2, b2 on the fixed batch (λ = 0.1, decay on weights only)",
      3,
      () => {
        const { grads } = layers.twoLayerNetLoss(netParams(), NET_X, NET_LABELS, 0.1);
        const what = `twoLayerNetLoss(x = ${show(NET_X)}, labels ${show(NET_LABELS)}, λ = 0.1).grads`;
        expectMatrixClose(
          grads.W1,
          [
            [-0.11220342543336945, -0.5098655251881407, 0.1486039657722317, 0.11269086033363054],
            [0.004671524573554936, 0.22493276259407036, 0.262640228185122, -0.47127240222420363],
          ],
          1e-12,
          `${what}.W1`,
        );
        expectMatrixClose(
          grads.b1,
          [[-0.01694072508113438, 0.4098655251881407, -0.171320114092561, 0.17563620111210182]],
          1e-12,
          `${what}.b1`,
        );
        expectMatrixClose(
          grads.W2,
          [
            [0.09206465528453467, 0.02103282924185322, 0.0669025154736122],
            [0.1881225449531279, 0.14660158673127538, -0.3547241316844033],
            [-0.08454237203962628, -0.009517053023900851, 0.21405942506352715],
            [0.09589790760811859, -0.31876806006120845, 0.4028701524530899],
          ],
          1e-12,
          `${what}.W2`,
        );
        expectMatrixClose(
          grads.b2,
          [[0.11488410839031082, -0.07200898554323248, -0.042875122847078284]],
          1e-12,
          `${what}.b2`,
        );
      },
    );

    graded(
      "twoLayerNetLoss: every gradient matches the numerical gradient (seeded random net 5→7→4, λ = 0.05)",
      3,
      () => {
        const r = rng(77);
        const x = r.randn(6, 5);
        const labels = [0, 3, 1, 2, 3, 0];
        const params = {
          W1: r.randn(5, 7, 0.5),
          b1: r.randn(1, 7, 0.1),
          W2: r.randn(7, 4, 0.5),
          b2: r.randn(1, 4, 0.1),
        };
        const { grads } = layers.twoLayerNetLoss(params, x, labels, 0.05);
        for (const name of ["W1", "b1", "W2", "b2"] as const) {
          const numeric = numericGradient(() => layers.twoLayerNetLoss(params, x, labels, 0.05).loss, params[name]);
          expectGradientClose(grads[name], numeric, `twoLayerNetLoss grads.${name}`, params[name]);
        }
      },
    );
  });

  describe("sgdStep", () => {
    graded("sgdStep: θ − α·grad without weight decay; the input is not changed", 1, () => {
      const theta = Matrix.from2D([[1, -2, 0.5]]);
      const grad = Matrix.from2D([[0.5, 0.5, -1]]);
      const next = layers.sgdStep(theta, grad, 0.1);
      expectMatrixClose(next, [[0.95, -2.05, 0.6]], 1e-12, `sgdStep(${show(theta)}, ${show(grad)}, α = 0.1)`);
      expectMatrixClose(theta, [[1, -2, 0.5]], 0, "sgdStep must return a new matrix and leave param unchanged");
    });

    graded("sgdStep: L2 weight decay λ adds 2λθ to the gradient: θ − α(grad + 2λθ)", 2, () => {
      const theta = Matrix.from2D([
        [1, -2],
        [0, 4],
      ]);
      const grad = Matrix.from2D([
        [0, 1],
        [1, 0],
      ]);
      expectMatrixClose(
        layers.sgdStep(theta, grad, 0.1, 0.5),
        [
          [0.9, -1.9],
          [-0.1, 3.6],
        ],
        1e-12,
        `sgdStep(${show(theta)}, ${show(grad)}, α = 0.1, λ = 0.5)`,
      );
      expectThrowsNamed(
        () => layers.sgdStep(theta, Matrix.zeros(1, 2), 0.1),
        "CourseInputError",
        "sgdStep(param 2×2, grad 1×2)",
      );
    });
  });
});
