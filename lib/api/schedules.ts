/**
 * The API of exercises/schedules.ts: learning-rate schedules.
 *
 * Every schedule is a pure function of the update (or epoch) number t = 0, 1, 2, … and returns the learning rate
 * α_t, with α_0 = `lr0`.
 */

/** Step decay: the rate is multiplied by `factor` (in (0, 1], default 0.5) every `every` steps. */
export declare function stepDecay(t: number, lr0: number, every: number, factor?: number): number;

/** Exponential decay with rate constant k ≥ 0. */
export declare function exponentialDecay(t: number, lr0: number, k: number): number;

/** 1/t decay with decrease constant k ≥ 0. */
export declare function inverseTimeDecay(t: number, lr0: number, k: number): number;

/** Cosine decay from lr0 to 0 over T > 0 steps (0 after T). */
export declare function cosineDecay(t: number, lr0: number, T: number): number;

/** Linear warm-up over `warmupSteps` ≥ 1 steps to lr0, then lr0. */
export declare function linearWarmup(t: number, lr0: number, warmupSteps: number): number;

/** The rate for the next epoch, given the validation losses so far: reduced by `factor` on a plateau. */
export declare function reduceOnPlateau(valLosses: number[], lr0: number, factor?: number, patience?: number): number;

/** The rate of step t (0 ≤ t < steps) of a learning-rate range test from lrMin to lrMax. */
export declare function lrRangeRate(t: number, lrMin: number, lrMax: number, steps: number): number;

/** The learning rate a range test's (rate, loss) record suggests. */
export declare function rangeTestSuggestion(rates: number[], losses: number[]): number;
