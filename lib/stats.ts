/**
 * Summaries of a measurement repeated over several seeds: an experiment's effect is only an effect when it is
 * larger than the spread between seeds.
 *
 * @example
 * meanStd([0.94, 0.92, 0.97]); // { mean: 0.943…, std: 0.0251… }
 * lowerBeyondSpread([0.83, 0.85], [1.09, 1.12]); // true: even the worse end of a is below the better end of b
 */
import { CourseInputError } from "./errors";

/** The mean and the sample standard deviation (divided by n − 1; 0 for one value). */
export function meanStd(xs: readonly number[]): { mean: number; std: number } {
  if (xs.length === 0) throw new CourseInputError("meanStd: no values given; pass one measurement per seed.");
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const squares = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: xs.length > 1 ? Math.sqrt(squares / (xs.length - 1)) : 0 };
}

/** True when a's mean + std is below b's mean − std: a is lower than b by more than the seeds' spread. */
export function lowerBeyondSpread(a: readonly number[], b: readonly number[]): boolean {
  const sa = meanStd(a);
  const sb = meanStd(b);
  return sa.mean + sa.std < sb.mean - sb.std;
}

/** The last value of a series, e.g. the final epoch's loss of a training history. */
export function lastOf(xs: readonly number[]): number {
  if (xs.length === 0) throw new CourseInputError("lastOf: the series is empty (did the run record anything?).");
  return xs[xs.length - 1];
}
