/**
 * Training diagnostics (makemore part 3's "Activations & Gradients"): watch a model while it trains — activation
 * and gradient statistics and histograms per layer, saturated and dead units, the update/weight ratio per weight
 * matrix — and draw them.
 */
export * from "./saturation";
export * from "./histogram-bins";
export * from "./update-ratio";
export * from "./layer-stats";
export * from "./probe";
export * from "./plots";
