/**
 * Numerical gradients for checking backprop (a gradient check): compare an analytic gradient with centred
 * differences (f(x + h) − f(x − h)) / 2h using the relative error. Relative error ≤ 1e-7 is good; > 1e-2 means
 * the analytic gradient is almost certainly wrong.
 */
import { CourseInputError } from "./errors";
import { Matrix } from "./matrix";

function shapeOf(a: Matrix): string {
  return `${a.rows}×${a.cols}`;
}

/**
 * Runs `probe` once per element of x with that element nudged by +h and by −h, and returns
 * (probe(+h) − probe(−h)) / 2h for each element. x is changed in place during the probe and every element is
 * restored to its exact original value afterwards (also when probe throws).
 */
function centredDifferences(x: Matrix, h: number, probe: () => number, name: string): Matrix {
  if (!(x instanceof Matrix)) throw new CourseInputError(`${name}: x must be a Matrix.`);
  if (!(h > 0)) throw new CourseInputError(`${name}: the step h must be a positive number, got ${h}.`);
  const grad = new Matrix(x.rows, x.cols);
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const old = data[i];
    try {
      data[i] = old + h;
      const fPlus = probe();
      data[i] = old - h;
      const fMinus = probe();
      grad.data[i] = (fPlus - fMinus) / (2 * h);
    } finally {
      data[i] = old; // exactly the saved value, not old + h − h
    }
  }
  return grad;
}

/**
 * The numerical gradient ∂f/∂x of a scalar function f at x, by centred differences.
 *
 * @example
 * const x = Matrix.from2D([[1, -2], [3, 0.5]]);
 * const f = (m: Matrix) => sum(square(m)); // f(x) = Σ x², so ∂f/∂x = 2x
 * relativeError(numericGradient(f, x), scale(x, 2)); // about 1e-11, well under 1e-7
 */
export function numericGradient(f: (x: Matrix) => number, x: Matrix, h = 1e-5): Matrix {
  return centredDifferences(
    x,
    h,
    () => {
      const y = f(x);
      if (typeof y !== "number") {
        throw new CourseInputError(
          `numericGradient: f must return a number (a scalar loss); for a function returning a Matrix use numericGradientOfOutput.`,
        );
      }
      return y;
    },
    "numericGradient",
  );
}

/**
 * The numerical gradient of Σ f(x) ⊙ dout with respect to x, for checking a layer's backward pass: given the
 * upstream gradient dout (same shape as f(x)), it is what backward(dout) should return as dx.
 *
 * @example
 * const x = Matrix.from2D([[1, -2, 3]]);
 * const dout = Matrix.from2D([[0.1, 0.2, 0.3]]);
 * const relu = (m: Matrix) => maximum(m, 0);
 * numericGradientOfOutput(relu, x, dout).toArray(); // ≈ [[0.1, 0, 0.3]]
 */
export function numericGradientOfOutput(f: (x: Matrix) => Matrix, x: Matrix, dout: Matrix, h = 1e-5): Matrix {
  if (!(dout instanceof Matrix)) throw new CourseInputError(`numericGradientOfOutput: dout must be a Matrix.`);
  return centredDifferences(
    x,
    h,
    () => {
      const y = f(x);
      if (!(y instanceof Matrix) || y.rows !== dout.rows || y.cols !== dout.cols) {
        const got = y instanceof Matrix ? shapeOf(y) : typeof y;
        throw new CourseInputError(
          `numericGradientOfOutput: f(x) is ${got} but dout is ${shapeOf(dout)}; dout must have the shape of f's output.`,
        );
      }
      let s = 0;
      for (let k = 0; k < y.data.length; k++) s += y.data[k] * dout.data[k];
      return s;
    },
    "numericGradientOfOutput",
  );
}

function asData(v: Matrix | number): { data: ArrayLike<number>; shape: string } {
  if (typeof v === "number") return { data: [v], shape: "number" };
  if (v instanceof Matrix) return { data: v.data, shape: shapeOf(v) };
  throw new CourseInputError(`relativeError: expected a Matrix or a number, got ${typeof v}.`);
}

/**
 * The largest relative error |a − b| / max(1e-8, |a| + |b|) over all elements. ≤ 1e-7 is a good gradient check;
 * > 1e-2 usually means a bug. NaN anywhere gives NaN (which fails any `< tolerance` test).
 *
 * @example
 * relativeError(1.0, 1.0000001); // ≈ 5e-8
 * relativeError(Matrix.rowVector([1, 2]), Matrix.rowVector([1, 2.2])); // ≈ 0.0476
 */
export function relativeError(a: Matrix | number, b: Matrix | number): number {
  const A = asData(a);
  const B = asData(b);
  // a number may be compared with a 1×1 matrix; otherwise shapes must match
  const compatible = A.shape === B.shape || (A.data.length === 1 && B.data.length === 1);
  if (!compatible) {
    throw new CourseInputError(
      `relativeError: a is ${A.shape} but b is ${B.shape}; compare two numbers or two matrices of the same shape.`,
    );
  }
  let worst = 0;
  for (let i = 0; i < A.data.length; i++) {
    const x = A.data[i];
    const y = B.data[i];
    if (x === y) continue; // covers equal infinities, where |a − b| would be NaN
    const r = Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y));
    if (Number.isNaN(r)) return NaN;
    if (r > worst) worst = r;
  }
  return worst;
}
