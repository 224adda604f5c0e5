/**
 * The API of exercises/activations.ts: ReLU variants that do not die, and a monitor for dead ReLU units.
 *
 * One example per row; `xxxForward(x, …)` returns `{ out, cache }`, `xxxBackward(dout, cache)` returns dx (the
 * shape of x).
 */
import type { Matrix } from "../matrix";

/** What leakyReluForward keeps for leakyReluBackward: its input and the slope for x < 0. */
export interface LeakyReluCache {
  x: Matrix;
  alpha: number;
}

/** What eluForward keeps for eluBackward: its input, its output and α. */
export interface EluCache {
  x: Matrix;
  out: Matrix;
  alpha: number;
}

/** What preluForward keeps for preluBackward: its input and the slopes α (1×H) it used. */
export interface PreluCache {
  x: Matrix;
  alpha: Matrix;
}

/** What maxoutForward keeps for maxoutBackward: x, W, k and which piece won for each output (N·M, row by row). */
export interface MaxoutCache {
  x: Matrix;
  W: Matrix;
  pieces: number;
  argmax: number[];
}

/** Leaky ReLU, element-wise, with slope alpha (0 ≤ α < 1, default 0.01) for x < 0. */
export declare function leakyReluForward(x: Matrix, alpha?: number): { out: Matrix; cache: LeakyReluCache };

/** Leaky ReLU's backward pass: dx. */
export declare function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix;

/** ELU, element-wise, with α ≥ 0 (default 1). */
export declare function eluForward(x: Matrix, alpha?: number): { out: Matrix; cache: EluCache };

/** ELU's backward pass: dx. */
export declare function eluBackward(dout: Matrix, cache: EluCache): Matrix;

/** The fraction (0 … 1) of the units (columns of the N×H activations h) that are 0 for every example. */
export declare function deadUnitFraction(h: Matrix): number;

/** Parametric ReLU of x (N×H) with one learned slope per unit, alpha (1×H). */
export declare function preluForward(x: Matrix, alpha: Matrix): { out: Matrix; cache: PreluCache };

/** PReLU's backward pass: dx (N×H) and dalpha (1×H). */
export declare function preluBackward(dout: Matrix, cache: PreluCache): { dx: Matrix; dalpha: Matrix };

/** A Maxout layer: M units of k linear pieces each (W is D×(M·k), b is 1×(M·k)); out is N×M. */
export declare function maxoutForward(
  x: Matrix,
  W: Matrix,
  b: Matrix,
  pieces: number,
): { out: Matrix; cache: MaxoutCache };

/** The Maxout layer's backward pass: dx (N×D), dW (D×(M·k)) and db (1×(M·k)). */
export declare function maxoutBackward(dout: Matrix, cache: MaxoutCache): { dx: Matrix; dW: Matrix; db: Matrix };
