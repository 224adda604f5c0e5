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
