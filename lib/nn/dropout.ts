/**
 * A dropout module (see module.ts): inverted dropout of its input in "train" mode, the identity in "test" mode. The
 * computations are the exercise functions of exercises/regularization.ts, reached through the course loader (or any
 * functions of the same API, ../api/regularization.ts, passed as `fns`).
 */
import type { DropoutCache, RegularizationApi } from "../api";
import { CourseInputError } from "../errors";
import { regularization as exerciseRegularization } from "../exercises";
import type { Matrix } from "../matrix";
import type { Module } from "./module";

/** The exercise functions the dropout module calls. */
export type DropoutFunctions = Pick<RegularizationApi, "dropoutForward" | "dropoutBackward">;

/** A dropout module: a Module with a train/test switch. */
export interface DropoutModule extends Module {
  /** "train" (a fresh random mask for every forward pass) or "test" (every unit kept, nothing scaled). */
  mode: "train" | "test";
}

/**
 * Inverted dropout with keep probability `keepProb`: in "train" mode each forward pass draws a new mask from the seed
 * `seed + k` (k counts the forward passes in train mode), so a run is reproducible; in "test" mode it passes its
 * input through. The Solver switches it to "test" to measure and back to "train" to train.
 *
 * @example
 * const net = new Sequential([linear(W1, b1, "1"), activation("relu"), dropout(0.5, 7), linear(W2, b2, "2")]);
 * const d = dropout(0.5, 7);
 * d.forward(Matrix.ones(1, 4)).toArray(); // e.g. [[2, 0, 2, 2]]: kept units divided by 0.5
 */
export function dropout(keepProb: number, seed = 0, fns: DropoutFunctions = exerciseRegularization): DropoutModule {
  if (!(keepProb > 0 && keepProb <= 1)) {
    throw new CourseInputError(`dropout: keepProb is the probability of keeping a unit, in (0, 1]; got ${keepProb}.`);
  }
  if (!Number.isInteger(seed) || seed < 0) {
    throw new CourseInputError(`dropout: seed must be a whole number ≥ 0, got ${seed}.`);
  }
  let calls = 0;
  let cache: DropoutCache | undefined;
  return {
    name: `dropout p=${keepProb}`,
    mode: "train",
    forward(x: Matrix) {
      const r = fns.dropoutForward(x, keepProb, this.mode, this.mode === "train" ? seed + calls++ : 0);
      cache = r.cache;
      return r.out;
    },
    backward(dout: Matrix) {
      if (!cache) throw new CourseInputError(`dropout: backward was called before forward; run forward(x) first.`);
      return fns.dropoutBackward(dout, cache);
    },
    params: () => [],
  };
}
