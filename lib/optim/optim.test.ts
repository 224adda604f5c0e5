import { expect } from "chai";
import { Matrix } from "../matrix";
import { numericGradient } from "../gradcheck";
import { illConditioned, lectureQuadratic, rosenbrock, saddle, type TestFunction2D } from "./testFunctions";
import { optimizePath } from "./path";
import { updateParams } from "./step";

const plainSgd = (w: Matrix, dw: Matrix, config: { learningRate: number }) => {
  const out = new Matrix(
    w.rows,
    w.cols,
    w.data.map((v, i) => v - config.learningRate * dw.data[i]),
  );
  return { w: out, config };
};

describe("2-D test functions", () => {
  const fns: TestFunction2D[] = [lectureQuadratic, illConditioned(20), saddle, rosenbrock];
  for (const fn of fns) {
    it(`${fn.name}: gradient and Hessian match centred differences`, () => {
      for (const [x, y] of [fn.start, [0.3, -0.7] as [number, number], [1.1, 0.4] as [number, number]]) {
        const p = Matrix.rowVector([x, y]);
        const g = numericGradient((m) => fn.f(m.data[0], m.data[1]), p);
        const [gx, gy] = fn.grad(x, y);
        expect(gx).to.be.closeTo(g.data[0], 1e-5 * (1 + Math.abs(gx)));
        expect(gy).to.be.closeTo(g.data[1], 1e-5 * (1 + Math.abs(gy)));
        const h = fn.hessian(x, y);
        for (let i = 0; i < 2; i++) {
          const dg = numericGradient((m) => fn.grad(m.data[0], m.data[1])[i], p);
          expect(h[i][0]).to.be.closeTo(dg.data[0], 1e-4 * (1 + Math.abs(h[i][0])));
          expect(h[i][1]).to.be.closeTo(dg.data[1], 1e-4 * (1 + Math.abs(h[i][1])));
        }
      }
    });
    if (fn.minimum) {
      it(`${fn.name}: the gradient vanishes at the minimum`, () => {
        const [gx, gy] = fn.grad(...fn.minimum!);
        expect(Math.abs(gx) + Math.abs(gy)).to.equal(0);
      });
    }
  }
});

describe("optimizePath", () => {
  it("gradient descent with α = 0.1 converges on the lecture's quadratic to (1, 3)", () => {
    const p = optimizePath(lectureQuadratic, plainSgd, { learningRate: 0.1 }, 60);
    expect(p.x).to.have.length(61);
    expect(p.x[60]).to.be.closeTo(1, 1e-4);
    expect(p.y[60]).to.be.closeTo(3, 1e-4);
    expect(p.diverged).to.equal(false);
  });

  it("stops and flags divergence for α = 0.12 > 2/18", () => {
    const p = optimizePath(lectureQuadratic, plainSgd, { learningRate: 0.12 }, 1000);
    expect(p.diverged).to.equal(true);
    expect(p.x.length).to.be.lessThan(1000);
  });

  it("noisy gradients are reproducible for a seed", () => {
    const a = optimizePath(lectureQuadratic, plainSgd, { learningRate: 0.05 }, 20, { noiseStd: 5, seed: 2 });
    const b = optimizePath(lectureQuadratic, plainSgd, { learningRate: 0.05 }, 20, { noiseStd: 5, seed: 2 });
    const clean = optimizePath(lectureQuadratic, plainSgd, { learningRate: 0.05 }, 20);
    expect(a.x).to.deep.equal(b.x);
    expect(a.x).to.not.deep.equal(clean.x);
  });

  it("a schedule overrides the learning rate at each step", () => {
    const p = optimizePath(lectureQuadratic, plainSgd, { learningRate: 1 }, 5, { learningRate: () => 0 });
    expect(p.x).to.deep.equal([-6, -6, -6, -6, -6, -6]);
  });
});

describe("updateParams", () => {
  it("updates every param in place and keeps one config per param", () => {
    const W = Matrix.from2D([[1, 2]]);
    const b = Matrix.from2D([[3]]);
    const params = [
      { name: "W1", value: W, grad: Matrix.from2D([[1, 1]]), decay: true },
      { name: "b1", value: b, grad: Matrix.from2D([[2]]), decay: false },
    ];
    const counting = (w: Matrix, dw: Matrix, c: { learningRate: number; steps?: number }) => {
      const out = plainSgd(w, dw, c);
      return { w: out.w, config: { ...c, steps: (c.steps ?? 0) + 1 } };
    };
    let state = updateParams(params, counting, {}, { learningRate: 0.5 });
    state = updateParams(params, counting, state, { learningRate: 0.5 });
    expect(W.toArray()).to.deep.equal([[0, 1]]);
    expect(b.toArray()).to.deep.equal([[1]]);
    expect(state.W1.steps).to.equal(2);
    expect(state.b1.steps).to.equal(2);
  });
});

describe("updateParams with a changing learning rate", () => {
  it("takes this call's hyperparameters from base and the state from the stored config", () => {
    const W = Matrix.from2D([[0]]);
    const params = [{ name: "W", value: W, grad: Matrix.from2D([[1]]), decay: false }];
    let state = updateParams(params, plainSgd, {}, { learningRate: 1 });
    state = updateParams(params, plainSgd, state, { learningRate: 0.25 });
    expect(W.toArray()).to.deep.equal([[-1.25]]);
    expect(state.W.learningRate).to.equal(0.25);
  });
});
