/**
 * Small transforms of image data sets (one square image per row, pixels row by row), for experiments that need a
 * cheaper input, corrupted labels or augmented images.
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";

function sideOf(X: Matrix, fn: string): number {
  const side = Math.round(Math.sqrt(X.cols));
  if (!(X instanceof Matrix) || side * side !== X.cols) {
    throw new CourseInputError(`${fn}: X must hold one square image per row (e.g. 784 = 28 × 28 columns).`);
  }
  return side;
}

/**
 * Each image shrunk by averaging `factor` × `factor` blocks of pixels: 28 × 28 images and factor 2 give 14 × 14.
 *
 * @example
 * averagePool(loadMnist({ perDigit: 10 }).X, 2).cols; // 196
 */
export function averagePool(X: Matrix, factor: number): Matrix {
  const side = sideOf(X, "averagePool");
  if (!Number.isInteger(factor) || factor < 1 || side % factor !== 0) {
    throw new CourseInputError(
      `averagePool: factor must be a whole number that divides the side ${side}; got ${factor}.`,
    );
  }
  const s = side / factor;
  const out = new Matrix(X.rows, s * s);
  for (let n = 0; n < X.rows; n++) {
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < s; j++) {
        let acc = 0;
        for (let a = 0; a < factor; a++) {
          for (let b = 0; b < factor; b++) acc += X.data[n * X.cols + side * (factor * i + a) + factor * j + b];
        }
        out.data[n * s * s + s * i + j] = acc / (factor * factor);
      }
    }
  }
  return out;
}

/**
 * A copy of the labels with about `fraction` of them replaced (seeded) by a different class, drawn uniformly from
 * the other numClasses − 1: label noise.
 *
 * @example
 * corruptLabels([0, 1, 2, 3], 0.5, 10, 1); // e.g. [0, 7, 2, 5]: about half changed
 */
export function corruptLabels(y: readonly number[], fraction: number, numClasses: number, seed: number): number[] {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new CourseInputError(`corruptLabels: fraction is a share of the labels, in [0, 1]; got ${fraction}.`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new CourseInputError(`corruptLabels: numClasses must be a whole number ≥ 2, got ${numClasses}.`);
  }
  const r = rng(seed);
  return y.map((c) => (r.uniform() < fraction ? (c + 1 + r.int(0, numClasses - 1)) % numClasses : c));
}

/**
 * Each image moved by a random whole number of pixels, from −maxShift to maxShift in each direction (seeded); the
 * pixels moved in from outside the image take the value `background` (a number, or a row of one value per pixel,
 * e.g. −μ for centred data).
 *
 * @example
 * shiftImages(X, 2, 7); // every digit moved by up to 2 pixels left/right and up/down
 */
export function shiftImages(X: Matrix, maxShift: number, seed: number, background: number | Matrix = 0): Matrix {
  const side = sideOf(X, "shiftImages");
  if (!Number.isInteger(maxShift) || maxShift < 0 || maxShift >= side) {
    throw new CourseInputError(`shiftImages: maxShift must be a whole number from 0 to ${side - 1}, got ${maxShift}.`);
  }
  if (background instanceof Matrix && background.size !== X.cols) {
    throw new CourseInputError(
      `shiftImages: a background row needs ${X.cols} values, one per pixel; got ${background.size}.`,
    );
  }
  const bg = (p: number) => (typeof background === "number" ? background : background.data[p]);
  const r = rng(seed);
  const shifted = new Matrix(X.rows, X.cols);
  for (let n = 0; n < X.rows; n++) {
    const dx = r.int(-maxShift, maxShift + 1);
    const dy = r.int(-maxShift, maxShift + 1);
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const si = i - dy;
        const sj = j - dx;
        const inside = si >= 0 && si < side && sj >= 0 && sj < side;
        shifted.data[n * X.cols + side * i + j] = inside ? X.data[n * X.cols + side * si + sj] : bg(side * i + j);
      }
    }
  }
  return shifted;
}
