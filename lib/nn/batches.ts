/**
 * Mini-batches for SGD: one pass over a shuffled data set (one epoch).
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { sliceRows } from "../ops";
import type { Rng } from "../random";

/**
 * The examples of (X, y) in a random order drawn from `r`, batchSize rows at a time (the last batch may be
 * smaller). Every example appears exactly once per epoch.
 *
 * @example
 * for (const batch of miniBatches(X, y, 32, rng(0))) train(batch.x, batch.y);
 */
export function* miniBatches(
  X: Matrix,
  y: readonly number[],
  batchSize: number,
  r: Rng,
): Generator<{ x: Matrix; y: number[] }> {
  if (y.length !== X.rows) {
    throw new CourseInputError(
      `miniBatches: X has ${X.rows} rows but y has ${y.length} labels; give one label per row.`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CourseInputError(`miniBatches: batchSize must be a whole number ≥ 1, got ${batchSize}.`);
  }
  const order = r.permutation(X.rows);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    yield { x: sliceRows(X, idx), y: idx.map((i) => y[i]) };
  }
}
