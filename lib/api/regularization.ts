/**
 * The API of exercises/regularization.ts: dropout, soft targets, Gaussian input noise and bootstrap samples.
 *
 * One example per row. Randomness comes from a numeric seed (drawn with `rng(seed)`, row-major) or a mask the
 * caller made, so a call gives the same result every time. `keepProb` is the probability that a unit is kept.
 */
import type { Matrix } from "../matrix";

/** What dropoutForward keeps for dropoutBackward: the scaled mask used in training (none at test time). */
export interface DropoutCache {
  mode: "train" | "test";
  scaledMask?: Matrix;
}

/** A rows×cols mask of 0s and 1s, each entry 1 with probability keepProb. */
export declare function dropoutMask(rows: number, cols: number, keepProb: number, seed: number): Matrix;

/**
 * Inverted dropout of x in "train" mode (with a 0/1 mask the shape of x, or a seed to draw one), the identity in
 * "test" mode: the output (the shape of x) and the cache for dropoutBackward.
 */
export declare function dropoutForward(
  x: Matrix,
  keepProb: number,
  mode: "train" | "test",
  maskOrSeed: Matrix | number,
): { out: Matrix; cache: DropoutCache };

/** Dropout's backward pass: dx, the shape of dout. */
export declare function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix;

/** Soft targets for the labels: N×numClasses, each row a probability distribution; epsilon = 0 gives one-hot. */
export declare function labelSmoothing(labels: number[], numClasses: number, epsilon: number): Matrix;

/** Cross-entropy of N×C scores against N×C soft targets, averaged over the rows, and dscores (N×C). */
export declare function softCrossEntropy(scores: Matrix, targets: Matrix): { loss: number; dscores: Matrix };

/** x plus independent Gaussian noise of standard deviation `std`: a matrix of x's shape. */
export declare function addGaussianNoise(x: Matrix, std: number, seed: number): Matrix;

/** A bootstrap sample: n row indices drawn from 0 … n − 1 with replacement. */
export declare function bootstrapIndices(n: number, seed: number): number[];

/**
 * The λ of the L2 penalty λ Σᵢ wᵢ² that Gaussian input noise of standard deviation `std` adds, in expectation over
 * the noise, to the squared error (ŷ − y)² of a linear model ŷ = Σᵢ wᵢ xᵢ (a derivation exercise).
 */
export declare function inputNoiseL2(std: number): number;
