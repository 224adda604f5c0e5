/**
 * The API of exercises/normalization.ts: data preprocessing and batch normalisation.
 *
 * One example per row: X is N×D; per-feature statistics are 1×D rows. Batch norm is in cs231n style: the running
 * averages live in the plain object bnParam, which batchnormForward returns updated (the one passed in is not
 * changed).
 */
import type { Matrix } from "../matrix";

/** The training-set statistics of each feature, stored to normalise test data the same way. */
export interface StandardizeStats {
  /** 1×D: the mean of each feature over the training examples. */
  mean: Matrix;
  /** 1×D: the (biased) standard deviation of each feature over the training examples. */
  std: Matrix;
}

/** Batch-norm settings and state: the mode, ε, the momentum of the running averages and the averages themselves. */
export interface BatchnormParam {
  /** "train": normalise with the statistics of this mini-batch; "test": with the running averages. */
  mode: "train" | "test";
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** The momentum of the running averages (default 0.9). */
  momentum?: number;
  /** 1×D running average of the batch means (zeros before the first training batch). */
  runningMean?: Matrix;
  /** 1×D running average of the batch variances (zeros before the first training batch). */
  runningVar?: Matrix;
}

/** What batchnormForward keeps for batchnormBackward. */
export interface BatchnormCache {
  mode: "train" | "test";
  /** N×D normalised input x̂. */
  xhat: Matrix;
  /** 1×D: one over the standard deviation (with ε) of the statistics used (batch or running). */
  invStd: Matrix;
  /** 1×D scale γ. */
  gamma: Matrix;
}

/** The mean and standard deviation of each feature (column) of the training data X. */
export declare function standardizeFit(X: Matrix): StandardizeStats;

/** X standardised with stored training statistics: a matrix of X's shape. */
export declare function standardizeTransform(X: Matrix, stats: StandardizeStats): Matrix;

/**
 * Batch normalisation of x (N×D) with scale gamma and shift beta (1×D each): the output (N×D), the cache for
 * batchnormBackward and the updated bnParam.
 */
export declare function batchnormForward(
  x: Matrix,
  gamma: Matrix,
  beta: Matrix,
  bnParam: BatchnormParam,
): { out: Matrix; cache: BatchnormCache; bnParam: BatchnormParam };

/** Batch norm's backward pass, through the computational graph node by node: dx (N×D), dgamma and dbeta (1×D). */
export declare function batchnormBackward(
  dout: Matrix,
  cache: BatchnormCache,
): { dx: Matrix; dgamma: Matrix; dbeta: Matrix };

/** Batch norm's backward pass from the simplified closed form: the same dx, dgamma and dbeta as batchnormBackward. */
export declare function batchnormBackwardAlt(
  dout: Matrix,
  cache: BatchnormCache,
): { dx: Matrix; dgamma: Matrix; dbeta: Matrix };
