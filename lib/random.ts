/**
 * Seeded randomness. Every random number in the course comes from an `Rng`, so results are reproducible:
 * the same seed always gives the same sequence.
 */
import seedrandom from "seedrandom";
import { CourseInputError } from "./errors";
import { Matrix } from "./matrix";

function checkSize(rows: number, cols: number, name: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new CourseInputError(`${name}: size must be two whole numbers ≥ 0, got ${rows}×${cols}.`);
  }
}

/**
 * A seeded random number generator (seedrandom's ARC4 generator; `rng(42)` and `rng("42")` are the same stream).
 *
 * @example
 * const r = new Rng(0);
 * const W = r.randn(3, 2, 0.01); // 3×2 weights with standard deviation 0.01
 * const batch = r.permutation(10).slice(0, 4); // 4 distinct example indices
 */
export class Rng {
  private readonly prng: seedrandom.PRNG;
  /** Box–Muller makes normals in pairs; the second one is kept here for the next call (NaN: none kept). */
  private spare = NaN; // always a number (not null), so the engine stores it unboxed

  constructor(seed: number | string) {
    if (typeof seed !== "number" && typeof seed !== "string") {
      throw new CourseInputError(`Rng: the seed must be a number or a string, got ${typeof seed}.`);
    }
    this.prng = seedrandom(String(seed));
  }

  /**
   * A uniform float64 in [0, 1).
   *
   * @example
   * rng(1).next(); // the same number every run
   */
  next(): number {
    return this.prng();
  }

  /**
   * A uniform number in [lo, hi).
   *
   * @example
   * rng(1).uniform(-1, 1);
   */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.prng();
  }

  /**
   * A normal (Gaussian) sample with the given mean and standard deviation, by the Box–Muller transform.
   *
   * @example
   * rng(1).gaussian(0, 0.01);
   */
  gaussian(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mean + std * z;
    }
    const u1 = 1 - this.prng(); // in (0, 1], so log(u1) is finite
    const u2 = this.prng();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /**
   * A uniform whole number in lo, lo + 1, …, hiExclusive − 1.
   *
   * @example
   * rng(1).int(0, 6) + 1; // a die roll
   */
  int(lo: number, hiExclusive: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hiExclusive) || hiExclusive <= lo) {
      throw new CourseInputError(
        `Rng.int: needs whole numbers lo < hiExclusive, got lo = ${lo}, hiExclusive = ${hiExclusive}.`,
      );
    }
    return lo + Math.floor(this.prng() * (hiExclusive - lo));
  }

  /**
   * A shuffled copy of arr (Fisher–Yates); arr itself is not changed.
   *
   * @example
   * rng(1).shuffle(["a", "b", "c"]); // e.g. ["c", "a", "b"]
   */
  shuffle<T>(arr: readonly T[]): T[] {
    const out = arr.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1)); // uniform in 0..i
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /**
   * 0, 1, …, n − 1 in random order: shuffle a data set's indices once per epoch.
   *
   * @example
   * rng(1).permutation(5); // e.g. [3, 0, 4, 1, 2]
   */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) {
      throw new CourseInputError(`Rng.permutation: n must be a whole number ≥ 0, got ${n}.`);
    }
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /**
   * k elements of arr picked at random: distinct positions when replace = false (so k ≤ arr.length),
   * independent draws when replace = true.
   *
   * @example
   * rng(1).choice([10, 20, 30, 40], 2); // e.g. [30, 10]
   */
  choice<T>(arr: readonly T[], k: number, replace = false): T[] {
    if (!Number.isInteger(k) || k < 0) {
      throw new CourseInputError(`Rng.choice: k must be a whole number ≥ 0, got ${k}.`);
    }
    if (k > 0 && arr.length === 0) {
      throw new CourseInputError(`Rng.choice: cannot pick ${k} elements from an empty array.`);
    }
    if (replace) {
      const out: T[] = [];
      for (let i = 0; i < k; i++) out.push(arr[Math.floor(this.prng() * arr.length)]);
      return out;
    }
    if (k > arr.length) {
      throw new CourseInputError(
        `Rng.choice: cannot pick ${k} distinct elements from an array of ${arr.length}; use replace = true or a smaller k.`,
      );
    }
    // the first k steps of a Fisher–Yates shuffle from the front
    const pool = arr.slice();
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.prng() * (pool.length - i));
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return pool.slice(0, k);
  }

  /**
   * A rows×cols matrix of normal samples with standard deviation std and the given mean (weight initialisation).
   *
   * @example
   * rng(0).randn(784, 100, 0.05); // 784 × 100 weights, N(0, 0.05²)
   */
  randn(rows: number, cols: number, std = 1, mean = 0): Matrix {
    checkSize(rows, cols, "Rng.randn");
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = this.gaussian(mean, std);
    return m;
  }

  /**
   * A rows×cols matrix of uniform samples in [lo, hi).
   *
   * @example
   * rng(0).rand(2, 3, -1, 1);
   */
  rand(rows: number, cols: number, lo = 0, hi = 1): Matrix {
    checkSize(rows, cols, "Rng.rand");
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = this.uniform(lo, hi);
    return m;
  }
}

/**
 * A new seeded generator, the same as `new Rng(seed)`.
 *
 * @example
 * const r = rng(42);
 * r.gaussian(); // the same number every run
 */
export function rng(seed: number | string): Rng {
  return new Rng(seed);
}
