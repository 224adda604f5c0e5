/**
 * Histograms as numbers: the values of a layer (500 000 outputs, say) binned in the kernel, so a figure carries a
 * curve of a few dozen points instead of every value (makemore part 3 plots `torch.histogram(t, density=True)` the
 * same way).
 */
import { CourseInputError } from "../errors";

/** A binned histogram: bin centres and the density in each bin (fraction of the values per unit of x). */
export interface Bins {
  /** The centre of each bin. */
  centres: number[];
  /** Fraction of the values in the bin divided by the bin width, so that the curve's area is the fraction inside [lo, hi]. */
  density: number[];
  /** Fraction of the values in each bin. */
  fraction: number[];
  lo: number;
  hi: number;
  /** Fraction of the values outside [lo, hi] (not counted in any bin). */
  outside: number;
}

/**
 * Bins `values` into `bins` equal bins over [lo, hi] (default: the smallest and the largest value). The last bin
 * includes hi. When all values are equal the range is widened to value ± 0.5.
 *
 * @example
 * const b = binValues([0, 0.1, 0.6, 1], { bins: 2 });
 * b.centres; // [0.25, 0.75]
 * b.fraction; // [0.5, 0.5]
 * b.density; // [1, 1]
 */
export function binValues(values: ArrayLike<number>, opts: { bins?: number; lo?: number; hi?: number } = {}): Bins {
  const bins = opts.bins ?? 50;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new CourseInputError(`binValues: bins must be a whole number ≥ 1, got ${bins}.`);
  }
  if (!values || typeof values.length !== "number" || values.length === 0) {
    throw new CourseInputError("binValues: values must be a non-empty array (or Float64Array) of numbers.");
  }
  let lo = opts.lo ?? Infinity;
  let hi = opts.hi ?? -Infinity;
  if (opts.lo === undefined || opts.hi === undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (opts.lo === undefined && v < lo) lo = v;
      if (opts.hi === undefined && v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new CourseInputError(
      `binValues: the range must be finite, got [${lo}, ${hi}] (NaN or ±∞ among the values?).`,
    );
  }
  if (hi < lo) throw new CourseInputError(`binValues: lo must not exceed hi, got lo = ${lo}, hi = ${hi}.`);
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) {
      outside++;
      continue;
    }
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  const n = values.length;
  return {
    centres: counts.map((_, b) => lo + (b + 0.5) * width),
    fraction: counts.map((c) => c / n),
    density: counts.map((c) => c / n / width),
    lo,
    hi,
    outside: outside / n,
  };
}
