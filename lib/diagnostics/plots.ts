/**
 * The probe's figures, after makemore part 3: one curve per layer for the histograms of the outputs and of the
 * gradients, a statistic of every layer over the training steps, and the update/weight ratio of every weight matrix
 * over the steps on a log scale with the 10⁻³ guide line. Each figure has a pure `…Traces` function (plotly traces,
 * used for sliders over several runs) and a `show…` function that draws it.
 */
import { plot } from "../display";
import { CourseInputError } from "../errors";
import type { HistogramSnapshot, LayerTrace, TrainingProbe } from "./probe";

/** A percentage with one decimal, e.g. "4.1 %". */
const percent = (x: number | null) => (x === null || Number.isNaN(x) ? "" : `${(100 * x).toFixed(1)} %`);
const short = (x: number) =>
  x === 0 ? "0" : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(2) : x.toFixed(3);

function snapshotAt(
  source: TrainingProbe | HistogramSnapshot,
  step: number | undefined,
  fn: string,
): HistogramSnapshot {
  if ("layers" in source && "step" in source) return source as HistogramSnapshot;
  const probe = source as TrainingProbe;
  if (!probe || !Array.isArray(probe.snapshots)) {
    throw new CourseInputError(`${fn}: pass the probe returned by watchTraining, or one of its snapshots.`);
  }
  const want = step ?? probe.snapshots[0]?.step;
  const found = probe.snapshots.find((s) => s.step === want);
  if (!found) {
    const have = probe.snapshots.map((s) => s.step).join(", ") || "none yet (train the probe's model first)";
    throw new CourseInputError(
      `${fn}: no histograms were kept at step ${want}; kept at: ${have}. Add the step to watchTraining's histogramsAt.`,
    );
  }
  return found;
}

/**
 * Line traces of the histograms of one snapshot: the layers' outputs ("out") or the gradients reaching them
 * ("grad"), one curve per layer, each named with its mean, std and saturated / dead share (makemore's legend).
 *
 * @example
 * const traces = histogramTraces(probe.snapshots[0], "out"); // [{ type: "scatter", name: "tanh 1: mean 0.002, std 0.63, saturated 3.2 %", … }, …]
 */
export function histogramTraces(snapshot: HistogramSnapshot, which: "out" | "grad"): object[] {
  if (which !== "out" && which !== "grad") {
    throw new CourseInputError(
      `histogramTraces: which must be "out" (the outputs) or "grad" (their gradients), got ${which}.`,
    );
  }
  return snapshot.layers.map((l) => {
    const bins = l[which];
    let name: string;
    if (which === "out") {
      const share =
        l.stats.saturated !== null
          ? `, saturated ${percent(l.stats.saturated)}`
          : l.stats.dead !== null
            ? `, dead ${percent(l.stats.dead)}`
            : "";
      name = `${l.label}: mean ${short(l.stats.mean)}, std ${short(l.stats.std)}${share}`;
    } else name = `${l.label}: std ${short(l.gradStd)}`;
    return { type: "scatter", mode: "lines", name, x: bins.centres, y: bins.density };
  });
}

/**
 * Axis ranges that fit the histogram curves of a snapshot, for the frames of a slider (plotly keeps an animation
 * frame's axes as the frame sets them, so each frame needs its own ranges when the scales differ).
 *
 * @example
 * frames: snapshots.map((s, i) => ({ name: `f${i}`, data: histogramTraces(s, "grad"), layout: histogramRanges(s, "grad") }))
 */
export function histogramRanges(snapshot: HistogramSnapshot, which: "out" | "grad"): object {
  let lo = Infinity;
  let hi = -Infinity;
  let top = 0;
  for (const l of snapshot.layers) {
    const bins = l[which];
    lo = Math.min(lo, bins.lo);
    hi = Math.max(hi, bins.hi);
    for (const d of bins.density) top = Math.max(top, d);
  }
  if (!(hi > lo)) throw new CourseInputError("histogramRanges: the snapshot has no histograms (no watched layers).");
  return { xaxis: { range: [lo, hi] }, yaxis: { range: [0, 1.05 * top] } };
}

/**
 * Draws the histograms of the outputs ("out") or gradients ("grad") of every watched layer at one step (default: the
 * first step the probe kept histograms at).
 *
 * @example
 * showHistograms(probe, "out"); // activation distribution at step 0
 * showHistograms(probe, "grad", { step: 290, title: "Gradients after 290 steps" });
 */
export function showHistograms(
  source: TrainingProbe | HistogramSnapshot,
  which: "out" | "grad",
  opts: { step?: number; title?: string } = {},
): void {
  const snap = snapshotAt(source, opts.step, "showHistograms");
  const what = which === "out" ? "Outputs h of each layer" : "Gradients ∂L/∂h reaching each layer";
  plot(histogramTraces(snap, which), {
    title: { text: opts.title ?? `${what} (step ${snap.step})` },
    xaxis: { title: { text: which === "out" ? "h" : "∂L/∂h" } },
    yaxis: { title: { text: "density" } },
  });
}

/** The statistics of a layer that can be drawn over the steps. */
export type LayerStatName = "mean" | "std" | "saturated" | "dead" | "gradStd";

const statTitles: Record<LayerStatName, string> = {
  mean: "mean of the outputs",
  std: "std of the outputs",
  saturated: "saturated outputs (fraction)",
  dead: "dead units (fraction)",
  gradStd: "std of ∂L/∂h",
};

/**
 * Line traces of one statistic of every watched layer over the recorded steps (layers without that statistic, e.g.
 * ReLU layers for "saturated", are left out). `prefix` goes before each layer's name, to tell runs apart.
 *
 * @example
 * statTraces(probe, "saturated"); // one line per tanh / sigmoid layer
 */
export function statTraces(probe: TrainingProbe, stat: LayerStatName, prefix = ""): object[] {
  if (!(stat in statTitles)) {
    throw new CourseInputError(`statTraces: stat must be one of ${Object.keys(statTitles).join(", ")}, got ${stat}.`);
  }
  return probe.layers
    .filter((l: LayerTrace) => l[stat].some((v) => !Number.isNaN(v)))
    .map((l: LayerTrace) => ({ type: "scatter", mode: "lines", name: `${prefix}${l.label}`, x: l.steps, y: l[stat] }));
}

/**
 * Draws one statistic of every watched layer over the training steps.
 *
 * @example
 * showLayerStat(probe, "dead"); // fraction of dead ReLU units per layer, step by step
 */
export function showLayerStat(
  probe: TrainingProbe,
  stat: LayerStatName,
  opts: { title?: string; log?: boolean } = {},
): void {
  const traces = statTraces(probe, stat);
  plot(traces, {
    title: { text: opts.title ?? statTitles[stat][0].toUpperCase() + statTitles[stat].slice(1) },
    xaxis: { title: { text: "training step" } },
    yaxis: { title: { text: statTitles[stat] }, ...(opts.log ? { type: "log", exponentformat: "power" } : {}) },
  });
}

/**
 * Line traces of the update/weight ratio ‖ΔW‖/‖W‖ of every weight matrix over the steps.
 *
 * @example
 * ratioTraces(probe); // [{ type: "scatter", name: "W1", x: [0, 1, …], y: [ratios] }, …]
 */
export function ratioTraces(probe: TrainingProbe, prefix = ""): object[] {
  return probe.ratios.map((r) => ({
    type: "scatter",
    mode: "lines",
    name: `${prefix}${r.name}`,
    x: r.ratio.map((_, t) => t),
    y: r.ratio,
  }));
}

/**
 * The layout of an update/weight-ratio figure: a log y axis and a dotted line at the rule of thumb, 10⁻³. Given
 * probes, the y axis is fixed to fit all their ratios (for a slider whose frames show different runs).
 *
 * @example
 * plot(ratioTraces(probes[0]), ratioLayout("Update ratios", probes), { frames: probes.map((p, i) => ({ name: `r${i}`, data: ratioTraces(p) })) });
 */
export function ratioLayout(title = "Update/weight ratio ‖ΔW‖/‖W‖ per step", fitTo: TrainingProbe[] = []): object {
  let lo = Infinity;
  let hi = 0;
  for (const probe of fitTo) {
    for (const r of probe.ratios) {
      for (const v of r.ratio) {
        if (v > 0 && v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const range = hi > 0 ? { range: [Math.log10(lo) - 0.1, Math.log10(hi) + 0.1] } : {};
  return {
    title: { text: title },
    xaxis: { title: { text: "training step" } },
    yaxis: { title: { text: "‖ΔW‖ / ‖W‖ (log scale)" }, type: "log", exponentformat: "power", ...range },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 1e-3, y1: 1e-3, line: { dash: "dot", color: "black" } }],
  };
}

/**
 * Draws the update/weight ratio of every weight matrix over the steps on a log scale, with the 10⁻³ guide line.
 *
 * @example
 * showUpdateRatios(probe);
 */
export function showUpdateRatios(probe: TrainingProbe, opts: { title?: string } = {}): void {
  if (!probe || !Array.isArray(probe.ratios)) {
    throw new CourseInputError("showUpdateRatios: pass the probe returned by watchTraining.");
  }
  plot(ratioTraces(probe), ratioLayout(opts.title));
}
