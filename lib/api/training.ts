/**
 * The API of exercises/training.ts: the training loop's decisions, when to stop and which hyperparameters to try.
 */

/** The decision of earlyStopping after the latest validation error. */
export interface EarlyStoppingDecision {
  /** True when the last `patience` evaluations brought no improvement: stop training. */
  stop: boolean;
  /** The evaluation (0-based index into the history) with the lowest validation error so far: restore this model. */
  bestStep: number;
  bestValue: number;
  /** How many evaluations have passed since bestStep. */
  sinceBest: number;
}

/** A hyperparameter's range for randomSearch: a continuous interval (log or linear scale) or a list of choices. */
export type SearchRange =
  { min: number; max: number; scale?: "log" | "linear"; integer?: boolean } | { choices: number[] };

/**
 * Early stopping with patience (a whole number ≥ 1), given the validation errors so far (one per evaluation);
 * an improvement must be larger than minDelta (default 0).
 */
export declare function earlyStopping(valErrors: number[], patience: number, minDelta?: number): EarlyStoppingDecision;

/** `count` random settings of the hyperparameters in `space`, one number per key, the same for the same seed. */
export declare function randomSearch(
  space: Record<string, SearchRange>,
  count: number,
  seed: number,
): Record<string, number>[];
