/**
 * Two-variable functions for watching optimizers move (CS5330 "Sample Function to Optimize" and "Problems with
 * SGD": a high condition number, a saddle point; plus Rosenbrock's banana valley). Each comes with its exact
 * gradient and Hessian, a start point and a plotting window.
 */

/** A smooth f(x, y) with its gradient and Hessian. */
export interface TestFunction2D {
  name: string;
  /** The formula as LaTeX. */
  tex: string;
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  /** [[f_xx, f_xy], [f_yx, f_yy]] */
  hessian(x: number, y: number): [[number, number], [number, number]];
  /** A minimiser (where there is one), for reference. */
  minimum?: [number, number];
  /** A start point that shows the function's difficulty. */
  start: [number, number];
  /** The plotting window: [xmin, xmax] and [ymin, ymax]. */
  xRange: [number, number];
  yRange: [number, number];
}

/**
 * CS5330's f(x, y) = (x + 2y − 7)² + (2x + y − 5)², minimum 0 at (1, 3); constant Hessian [[10, 8], [8, 10]] with
 * eigenvalues 18 and 2.
 *
 * @example
 * lectureQuadratic.f(1, 3); // 0
 * lectureQuadratic.grad(0, 0); // [-34, -38]
 */
export const lectureQuadratic: TestFunction2D = {
  name: "(x + 2y − 7)² + (2x + y − 5)²",
  tex: "f(x,y) = (x + 2y - 7)^2 + (2x + y - 5)^2",
  f: (x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
  grad: (x, y) => {
    const a = x + 2 * y - 7;
    const b = 2 * x + y - 5;
    return [2 * a + 4 * b, 4 * a + 2 * b];
  },
  hessian: () => [
    [10, 8],
    [8, 10],
  ],
  minimum: [1, 3],
  start: [-6, 6],
  xRange: [-8, 8],
  yRange: [-6, 8],
};

/**
 * An ill-conditioned bowl f(x, y) = ½(x² + κy²) with condition number κ = `kappa` (Hessian diag(1, κ)): the loss
 * changes quickly along y and slowly along x.
 *
 * @example
 * illConditioned(20).hessian(0, 0); // [[1, 0], [0, 20]]
 */
export function illConditioned(kappa = 20): TestFunction2D {
  return {
    name: `½(x² + ${kappa}y²)`,
    tex: `f(x,y) = \\tfrac12\\,(x^2 + ${kappa}\\,y^2)`,
    f: (x, y) => 0.5 * (x * x + kappa * y * y),
    grad: (x, y) => [x, kappa * y],
    hessian: () => [
      [1, 0],
      [0, kappa],
    ],
    minimum: [0, 0],
    start: [-9, 1],
    xRange: [-10, 2],
    yRange: [-1.5, 1.5],
  };
}

/**
 * f(x, y) = x² + y⁴/4 − y²/2: a saddle point at (0, 0) (Hessian diag(2, −1)) between two minima at (0, ±1) with
 * value −¼. Started on (or very near) the line y = 0, gradient descent slides into the saddle and stalls there.
 *
 * @example
 * saddle.grad(0, 0); // [0, 0]: a stationary point that is not a minimum
 * saddle.f(0, 1); // -0.25
 */
export const saddle: TestFunction2D = {
  name: "x² + y⁴/4 − y²/2",
  tex: "f(x,y) = x^2 + \\tfrac14 y^4 - \\tfrac12 y^2",
  f: (x, y) => x * x + y ** 4 / 4 - (y * y) / 2,
  grad: (x, y) => [2 * x, y ** 3 - y],
  hessian: (_x, y) => [
    [2, 0],
    [0, 3 * y * y - 1],
  ],
  minimum: [0, 1],
  start: [-1.5, 1e-3],
  xRange: [-2, 2],
  yRange: [-1.6, 1.6],
};

/**
 * Rosenbrock's function f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1) at the end of a long curved valley.
 *
 * @example
 * rosenbrock.f(1, 1); // 0
 * rosenbrock.grad(0, 0); // [-2, 0]
 */
export const rosenbrock: TestFunction2D = {
  name: "Rosenbrock (1 − x)² + 100(y − x²)²",
  tex: "f(x,y) = (1 - x)^2 + 100\\,(y - x^2)^2",
  f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  hessian: (x, y) => [
    [2 - 400 * (y - x * x) + 800 * x * x, -400 * x],
    [-400 * x, 200],
  ],
  minimum: [1, 1],
  start: [-1.2, 1],
  xRange: [-2, 2],
  yRange: [-1, 3],
};
