/**
 * What a layer's outputs look like on one batch: mean, standard deviation, and the share of units that have stopped
 * passing gradients back — saturated tanh/sigmoid outputs, dead (or, for Leaky ReLU and ELU, inactive) ReLU units.
 * The dead-unit count is your `deadUnitFraction` of exercises/activations.ts (notebook 04).
 */
import type { ActivationsApi } from "../api";
import { CourseInputError } from "../errors";
import { activations as exerciseActivations } from "../exercises";
import { Matrix } from "../matrix";
import { mean, variance } from "../ops";
import { saturatedFraction } from "./saturation";

/** The kinds of layer output the statistics tell apart. */
export type ActivationKind = "tanh" | "sigmoid" | "relu" | "leaky relu" | "elu" | "other";

/**
 * The kind of a module's output, from its name as the library's modules give it ("tanh", "relu",
 * "leaky relu (α = 0.01)", "elu (α = 1)", …); anything else (linear, batch norm) is "other".
 *
 * @example
 * activationKind("leaky relu (α = 0.01)"); // "leaky relu"
 * activationKind("linear2"); // "other"
 */
export function activationKind(moduleName: string): ActivationKind {
  const name = String(moduleName).toLowerCase();
  for (const kind of ["tanh", "sigmoid", "leaky relu", "relu", "elu"] as const) {
    if (name === kind || name.startsWith(`${kind} `)) return kind;
  }
  return "other";
}

/** Statistics of one layer's outputs on one batch. */
export interface LayerStats {
  mean: number;
  /** Standard deviation (1/N) of all outputs. */
  std: number;
  /** tanh and sigmoid: the fraction of saturated outputs (see saturation.ts); null for other kinds. */
  saturated: number | null;
  /** ReLU, Leaky ReLU, ELU: the fraction of units (columns) that are ≤ 0 for every example of the batch; null otherwise. */
  dead: number | null;
}

/**
 * The statistics of a layer's outputs h (one example per row, one unit per column) for an activation of `kind`.
 * `deadUnits` counts the dead units (default: your deadUnitFraction).
 *
 * @example
 * layerStats(Matrix.from2D([[0, 1], [0, 3]]), "relu"); // { mean: 1, std: 1.2247, saturated: null, dead: 0.5 }
 */
export function layerStats(
  h: Matrix,
  kind: ActivationKind,
  deadUnits: ActivationsApi["deadUnitFraction"] = exerciseActivations.deadUnitFraction,
): LayerStats {
  if (!(h instanceof Matrix) || h.size === 0) {
    throw new CourseInputError(
      "layerStats: h must be a non-empty N×H Matrix of a layer's outputs (one example per row).",
    );
  }
  const stats: LayerStats = { mean: mean(h), std: Math.sqrt(variance(h)), saturated: null, dead: null };
  if (kind === "tanh" || kind === "sigmoid") stats.saturated = saturatedFraction(h, kind);
  else if (kind === "relu" || kind === "leaky relu" || kind === "elu") stats.dead = deadUnits(h);
  else if (kind !== "other") {
    throw new CourseInputError(
      `layerStats: kind must be tanh, sigmoid, relu, leaky relu, elu or other, got ${JSON.stringify(kind)}.`,
    );
  }
  return stats;
}
