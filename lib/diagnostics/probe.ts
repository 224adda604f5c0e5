/**
 * A training probe, after makemore part 3 ("Activations & Gradients, BatchNorm"): it wraps the modules of a model so
 * that, while the Solver (or any loop of forward, backward, update) trains it, every training step records
 *   - for each activation layer: the mean and standard deviation of its outputs h, the fraction of saturated
 *     (tanh, sigmoid) or dead (ReLU) units, and the standard deviation of the gradient ∂L/∂h that reached it;
 *   - for each weight matrix: the update/weight ratio ‖ΔW‖/‖W‖ of the step's update;
 *   - at chosen steps, histograms of every activation layer's outputs and gradients.
 * The probe's model is a Sequential over the same modules and parameters: training it trains the original model.
 *
 * A step is one backward pass of the whole model. Its weights are copied then, and the update that follows is
 * measured at the next forward pass (the next batch, or the Solver's measurements after each epoch).
 */
import type { ActivationsApi } from "../api";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { Sequential, type Module, type Param } from "../nn/module";
import { norm, variance } from "../ops";
import { binValues, type Bins } from "./histogram-bins";
import { activationKind, layerStats, type ActivationKind, type LayerStats } from "./layer-stats";
import { updateRatio } from "./update-ratio";

/** How the probe records. */
export interface ProbeOptions {
  /** Record the layer statistics every `every` steps (default 1: every step). */
  every?: number;
  /** The steps (0 = the first) at which to keep histograms of the layers' outputs and gradients (default [0]). */
  histogramsAt?: number[];
  /** Bins of each histogram (default 50). */
  bins?: number;
  /** Which modules count as layers to watch (default: the modules without parameters, i.e. the activations). */
  watch?: (module: Module) => boolean;
  /** Counts dead units (default: your deadUnitFraction of exercises/activations.ts). */
  deadUnits?: ActivationsApi["deadUnitFraction"];
}

/** One watched layer's statistics over the recorded steps. */
export interface LayerTrace {
  /** e.g. "tanh 1", "tanh 2" (the module's name, numbered when it occurs more than once). */
  label: string;
  kind: ActivationKind;
  /** The steps at which the entries below were recorded. */
  steps: number[];
  mean: number[];
  std: number[];
  /** Saturated fraction (tanh, sigmoid; NaN for other kinds). */
  saturated: number[];
  /** Dead-unit fraction (ReLU, Leaky ReLU, ELU; NaN for other kinds). */
  dead: number[];
  /** Standard deviation of ∂L/∂h, the gradient arriving at the layer's outputs. */
  gradStd: number[];
}

/** One weight matrix's update/weight ratio at every step. */
export interface RatioTrace {
  /** The parameter's name, e.g. "W1". */
  name: string;
  /** ratio[t] = ‖ΔW‖/‖W‖ of step t's update (NaN while W is all zeros). */
  ratio: number[];
}

/** Histograms of every watched layer at one step. */
export interface HistogramSnapshot {
  step: number;
  layers: { label: string; kind: ActivationKind; stats: LayerStats; out: Bins; grad: Bins; gradStd: number }[];
}

/** A model whose layers are watched: train `probe.model`, then read `layers`, `ratios` and `snapshots`. */
export interface TrainingProbe {
  /** The model to train (same modules and parameters as the one given to watchTraining). */
  readonly model: Sequential;
  readonly layers: LayerTrace[];
  readonly ratios: RatioTrace[];
  readonly snapshots: HistogramSnapshot[];
  /** Training steps (backward passes) so far. */
  readonly steps: number;
}

/** The leaf modules of a model, nested Sequentials flattened. */
function leaves(module: Module): Module[] {
  return module instanceof Sequential ? module.layers.flatMap(leaves) : [module];
}

/** A module that passes everything to `inner` and remembers its last output and the last gradient it received. */
class Tap implements Module {
  lastOut: Matrix | undefined;
  lastGrad: Matrix | undefined;
  constructor(readonly inner: Module) {
    if ("mode" in inner) {
      // batch norm, dropout: the Solver switches modes through this property
      Object.defineProperty(this, "mode", {
        get: () => (inner as Module & { mode: string }).mode,
        set: (mode: string) => ((inner as Module & { mode: string }).mode = mode),
        enumerable: true,
      });
    }
  }
  get name(): string {
    return this.inner.name;
  }
  forward(x: Matrix): Matrix {
    return (this.lastOut = this.inner.forward(x));
  }
  backward(dout: Matrix): Matrix {
    this.lastGrad = dout;
    return this.inner.backward(dout);
  }
  params(): Param[] {
    return this.inner.params();
  }
}

class ProbedSequential extends Sequential {
  readonly traces: LayerTrace[];
  readonly ratios: RatioTrace[];
  readonly snapshots: HistogramSnapshot[] = [];
  steps = 0;
  private readonly watched: Tap[];
  private readonly weights: Param[];
  private before: Float64Array[] | undefined;

  constructor(
    taps: Tap[],
    name: string,
    watch: (m: Module) => boolean,
    private readonly opts: Required<Omit<ProbeOptions, "watch" | "deadUnits">> & Pick<ProbeOptions, "deadUnits">,
  ) {
    super(taps, name);
    this.watched = taps.filter((t) => watch(t.inner));
    const seen = new Map<string, number>();
    const count = new Map<string, number>();
    for (const t of this.watched) count.set(t.name, (count.get(t.name) ?? 0) + 1);
    this.traces = this.watched.map((t) => {
      const k = (seen.get(t.name) ?? 0) + 1;
      seen.set(t.name, k);
      const label = count.get(t.name)! > 1 ? `${t.name} ${k}` : t.name;
      return {
        label,
        kind: activationKind(t.name),
        steps: [],
        mean: [],
        std: [],
        saturated: [],
        dead: [],
        gradStd: [],
      };
    });
    this.weights = this.params().filter((p) => p.decay);
    this.ratios = this.weights.map((p) => ({ name: p.name, ratio: [] }));
  }

  override forward(x: Matrix): Matrix {
    const before = this.before;
    if (before) {
      // the update of the last step has been applied by now
      this.weights.forEach((p, k) => {
        const old = new Matrix(p.value.rows, p.value.cols, before[k]);
        this.ratios[k].ratio.push(norm(old) === 0 ? NaN : updateRatio(old, p.value)); // NaN: W was all zeros
      });
      this.before = undefined;
    }
    return super.forward(x);
  }

  override backward(dout: Matrix): Matrix {
    const dx = super.backward(dout);
    this.before = this.weights.map((p) => p.value.data.slice());
    const step = this.steps++;
    const histogram = this.opts.histogramsAt.includes(step);
    if (step % this.opts.every !== 0 && !histogram) return dx;
    const snapshot: HistogramSnapshot = { step, layers: [] };
    this.watched.forEach((tap, k) => {
      const trace = this.traces[k];
      if (!tap.lastOut || !tap.lastGrad) return;
      const stats = layerStats(tap.lastOut, trace.kind, this.opts.deadUnits);
      const gradStd = Math.sqrt(variance(tap.lastGrad));
      if (step % this.opts.every === 0) {
        trace.steps.push(step);
        trace.mean.push(stats.mean);
        trace.std.push(stats.std);
        trace.saturated.push(stats.saturated ?? NaN);
        trace.dead.push(stats.dead ?? NaN);
        trace.gradStd.push(gradStd);
      }
      if (histogram) {
        const bins = this.opts.bins;
        snapshot.layers.push({
          label: trace.label,
          kind: trace.kind,
          stats,
          gradStd,
          out: binValues(tap.lastOut.data, { bins }),
          grad: binValues(tap.lastGrad.data, { bins }),
        });
      }
    });
    if (histogram) this.snapshots.push(snapshot);
    return dx;
  }
}

/**
 * Wraps `model` (a Sequential, e.g. from mlp) for watching; train the returned probe's `model`.
 *
 * @example
 * const net = mlp([2, 100, 100, 3], "tanh", rng(0));
 * const probe = watchTraining(net, { every: 10, histogramsAt: [0, 290] });
 * new Solver(probe.model, { train: spirals(100, 3, 0) }, { learningRate: 0.1, epochs: 30, batchSize: 30 }).train();
 * probe.layers[0].saturated; // fraction of saturated outputs of "tanh 1" at steps 0, 10, 20, …
 * probe.ratios[0].ratio; // ‖ΔW1‖/‖W1‖ at every step
 * showUpdateRatios(probe); // the ratios on a log scale with the 10⁻³ guide line
 */
export function watchTraining(model: Module, options: ProbeOptions = {}): TrainingProbe {
  if (!model || typeof model.forward !== "function" || typeof model.backward !== "function") {
    throw new CourseInputError("watchTraining: the model must be a Module (forward, backward, params), e.g. mlp(…).");
  }
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) {
    throw new CourseInputError(
      `watchTraining: every must be a whole number ≥ 1 (record every n-th step), got ${every}.`,
    );
  }
  const histogramsAt = options.histogramsAt ?? [0];
  if (!Array.isArray(histogramsAt) || histogramsAt.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new CourseInputError(
      "watchTraining: histogramsAt must list step numbers (whole numbers ≥ 0), e.g. [0, 500].",
    );
  }
  const watch = options.watch ?? ((m: Module) => m.params().length === 0);
  const taps = leaves(model).map((m) => new Tap(m));
  const probed = new ProbedSequential(taps, `${model.name} (watched)`, watch, {
    every,
    histogramsAt,
    bins: options.bins ?? 50,
    deadUnits: options.deadUnits, // undefined: layerStats calls your deadUnitFraction (reloaded when you save)
  });
  return {
    get model() {
      return probed;
    },
    get layers() {
      return probed.traces;
    },
    get ratios() {
      return probed.ratios;
    },
    get snapshots() {
      return probed.snapshots;
    },
    get steps() {
      return probed.steps;
    },
  };
}
