/**
 * One training loop for all notebooks, after the Solver of cs231n's assignments: you bring the model (your layers,
 * put together with Sequential or mlp), the data and an update rule (one of your optimizers), and the solver runs
 * mini-batch gradient descent and records what there is to watch.
 *
 * Each epoch shuffles the training set (seeded) and, for every mini-batch (x, y):
 *   1. scores = model.forward(x)                      (x passed through `augment` first, if given)
 *   2. L = loss(scores, y) + λ Σ_W R(W)               (the penalty R on the weights only, not the biases)
 *   3. model.backward(∂L/∂scores); each weight's gradient gets λ ∂R/∂W added
 *   4. with decoupled weight decay μ (AdamW): each weight W ← (1 − α μ) W, outside the gradient
 *   5. every parameter ← update rule(parameter, gradient, config at this epoch's learning rate α)
 * then measures loss and accuracy (or another metric) on the whole training set and on the validation set, with
 * every module that has a `mode` (batch norm, dropout) in "test" mode, and, with `patience`, asks earlyStopping
 * whether to stop (on the validation error, or on the validation loss).
 *
 * Real-valued targets (regression) work too: y holds one number per example, the model has one output, and the
 * loss is e.g. `squaredError` (below) with `metric: null`.
 */
import type { LayersApi, TrainingApi } from "../api";
import { progressBar, type ProgressBar } from "../display";
import { CourseInputError } from "../errors";
import { layers as exerciseLayers, losses as exerciseLosses, training as exerciseTraining } from "../exercises";
import { Matrix } from "../matrix";
import { add, scale } from "../ops";
import { updateParams, type UpdateRule } from "../optim";
import { rng } from "../random";
import { accuracy } from "./accuracy";
import { miniBatches } from "./batches";
import { Sequential, type Module, type Param } from "./module";

/** Examples (one per row of X) and their class labels. */
export interface LabelledData {
  X: Matrix;
  y: number[];
}

/** The loss of a batch: its value and ∂loss/∂scores (the signature of your softmaxCrossEntropy). */
export type LossFunction = (scores: Matrix, y: number[]) => { loss: number; dscores: Matrix };

/** A penalty R(W) on one weight matrix and its gradient (the signature of your l2Regularization). */
export type Penalty = (W: Matrix) => { value: number; grad: Matrix };

/** A score of the model's predictions on a data set, higher is better (the default: accuracy). */
export type Metric = (scores: Matrix, y: number[]) => number;

/**
 * The squared error for regression, L = (1/N) Σᵢ ½ (sᵢ − yᵢ)², of N×1 predictions s and N real targets y, and
 * ∂L/∂s = (s − y)/N: a LossFunction for the Solver.
 *
 * @example
 * squaredError(Matrix.from2D([[1], [3]]), [0, 1]).loss; // (½·1 + ½·4) / 2 = 1.25
 */
export function squaredError(scores: Matrix, y: number[]): { loss: number; dscores: Matrix } {
  if (!(scores instanceof Matrix) || scores.cols !== 1 || !Array.isArray(y) || y.length !== scores.rows) {
    const shape = scores instanceof Matrix ? `${scores.rows}×${scores.cols}` : typeof scores;
    throw new CourseInputError(
      `squaredError: give N×1 predictions and N targets; got ${shape} predictions and ${Array.isArray(y) ? y.length : typeof y} targets.`,
    );
  }
  const n = scores.rows;
  const dscores = new Matrix(n, 1);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const r = scores.data[i] - y[i];
    loss += (0.5 * r * r) / n;
    dscores.data[i] = r / n;
  }
  return { loss, dscores };
}

/** How the solver trains; every option has a default. */
export interface SolverOptions<C extends object> {
  /** Passes over the training set (default 10). */
  epochs?: number;
  /** Examples per mini-batch (default 64); the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** Seeds the order of the examples (default 0): the same seed and the same model give the same numbers. */
  seed?: number;
  /** The update rule `update(w, dw, config) → { w, config }`, e.g. optimizers.adam; default: SGD with your sgdStep. */
  update?: UpdateRule<C>;
  /** The rule's other hyperparameters, e.g. { momentum: 0.9 } (default: the rule's own defaults). */
  optimConfig?: Partial<C>;
  /** A constant learning rate, or a schedule: epoch (0, 1, …) → learning rate (default 0.01). */
  learningRate?: number | ((epoch: number) => number);
  /** λ, the strength of the penalty on the weights (default 0: none). */
  weightDecay?: number;
  /** The penalty R(W) that λ multiplies (default: your l2Regularization, R = Σ W²); e.g. your l1Regularization. */
  penalty?: Penalty;
  /**
   * μ, decoupled weight decay (Loshchilov & Hutter's AdamW): before each update every weight is multiplied by
   * (1 − α μ), α the learning rate, whatever the update rule does with the gradient (default 0: none). Under plain
   * SGD this is the L2 penalty with λ = μ/2 (R = Σ W² has gradient 2W); under Adam it is not.
   */
  decoupledWeightDecay?: number;
  /** The loss of a batch (default: your softmaxCrossEntropy); e.g. cross-entropy to smoothed labels. */
  loss?: LossFunction;
  /** The loss measured after each epoch (default: `loss`); e.g. the plain cross-entropy when training on soft targets. */
  evalLoss?: LossFunction;
  /** What trainAcc/valAcc record (default: accuracy); null records NaN (regression). */
  metric?: Metric | null;
  /** What early stopping watches: "error" (1 − valAcc, the default) or "loss" (valLoss). */
  monitor?: "error" | "loss";
  /** Changes each training batch before the forward pass (input noise, augmentation); `step` counts the batches. */
  augment?: (x: Matrix, step: number) => Matrix;
  /** Early stopping: stop after `patience` epochs without a lower validation error, restore the best epoch. */
  patience?: number;
  /** An improvement must lower the validation error by more than this (default 0). */
  minDelta?: number;
  /** The early-stopping decision (default: your earlyStopping of exercises/training.ts). */
  earlyStopping?: TrainingApi["earlyStopping"];
  /** Stop when a batch loss exceeds this factor times the first one (default: only when it is NaN or ±∞). */
  divergenceFactor?: number;
  /** Called after every epoch's measurements, e.g. to monitor something else. */
  onEpoch?: (epoch: number, history: TrainingHistory) => void;
  /** A label shows a progress bar over all iterations; a function is called as (done, total) after each one. */
  progress?: string | ((done: number, total: number) => void);
}

/** What the solver records. Epoch numbers start at 0. */
export interface TrainingHistory {
  /** The objective L (loss + penalty) of each mini-batch, one entry per iteration. */
  batchLoss: number[];
  /** ‖ΔW‖ / ‖W‖ of the first weight matrix at each iteration, the lectures' update/weight ratio (want ≈ 1e-3). */
  updateRatio: number[];
  /** The learning rate of each epoch. */
  learningRate: number[];
  /** After each epoch, on the whole training set (test mode, no augmentation): loss without penalty, accuracy. */
  trainLoss: number[];
  trainAcc: number[];
  /** The same on the validation set (empty without one). */
  valLoss: number[];
  valAcc: number[];
  /** λ Σ_W R(W) after each epoch (0 without weightDecay): trainLoss + penalty is the objective SGD minimises. */
  penalty: number[];
  /** The epoch whose parameters the model holds at the end: the best one with `patience`, otherwise the last. */
  bestEpoch: number;
  /** Why training ended: "all epochs", "early stopping after 8 epochs (…)", "loss became NaN at iteration 12", … */
  stoppedBy: string;
  /** True when the loss became NaN or ±∞, or grew past divergenceFactor × its first value. */
  diverged: boolean;
}

/** Plain SGD, θ ← θ − α·∂L/∂θ, through your sgdStep of exercises/layers.ts (notebook 03), as an update rule. */
export function sgdStepRule(step: LayersApi["sgdStep"] = exerciseLayers.sgdStep): UpdateRule<{ learningRate: number }> {
  return (w, dw, config) => ({ w: step(w, dw, config.learningRate, 0), config });
}

/** Switches every module that has a `mode` (batch norm, dropout), inside Sequentials too, to "train" or "test". */
/**
 * ‖after − before‖ / ‖before‖, the relative size of an update: what `norm(sub(after, before)) / norm(before)`
 * computes (the same sums in the same order), without the difference matrix.
 *
 * @example
 * changeRatio(Float64Array.of(3, 4.5), Float64Array.of(3, 4)); // 0.1 (‖[0, 0.5]‖ / ‖[3, 4]‖)
 */
function changeRatio(after: Float64Array, before: Float64Array): number {
  let change = 0;
  let size = 0;
  for (let i = 0; i < before.length; i++) {
    const d = after[i] - before[i];
    change += d * d;
    size += before[i] * before[i];
  }
  return Math.sqrt(change) / Math.sqrt(size);
}

function setMode(module: Module, mode: "train" | "test"): void {
  if ("mode" in module) (module as Module & { mode: string }).mode = mode;
  if (module instanceof Sequential) for (const layer of module.layers) setMode(layer, mode);
}

function checkData(name: string, data: LabelledData): void {
  if (!data || !(data.X instanceof Matrix) || !Array.isArray(data.y)) {
    throw new CourseInputError(`Solver: ${name} must be { X: Matrix, y: number[] } (one label per row of X).`);
  }
  if (data.y.length !== data.X.rows || data.X.rows === 0) {
    throw new CourseInputError(
      `Solver: ${name}.X has ${data.X.rows} rows but ${name}.y has ${data.y.length} labels; give one label per row.`,
    );
  }
}

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new CourseInputError(`Solver: ${name} must be a whole number ≥ ${min}, got ${value}.`);
  }
  return value;
}

/**
 * Trains `model` on `data.train`, measuring it on `data.val` after every epoch. The model's parameters are updated
 * in place; train() returns the history.
 *
 * @example
 * import { Solver, mlp, spirals, rng } from "nn-course";
 * import { optimizers, schedules } from "nn-course/exercises";
 * const net = mlp([2, 64, 3], "relu", rng(0));
 * const solver = new Solver(net, { train: spirals(100, 3, 0), val: spirals(100, 3, 1) }, {
 *   update: optimizers.sgdMomentum, optimConfig: { momentum: 0.9 },
 *   learningRate: (epoch) => schedules.stepDecay(epoch, 0.1, 20), epochs: 40, batchSize: 32, seed: 1,
 * });
 * const history = solver.train(); // history.trainLoss, .valAcc, … one entry per epoch
 * history.valAcc[39]; // 0.9233 (accuracy on the validation spirals after the last epoch)
 */
export class Solver<C extends object = { learningRate: number }> {
  readonly model: Module;
  readonly trainData: LabelledData;
  readonly valData: LabelledData | undefined;
  readonly options: SolverOptions<C>;
  readonly epochs: number;
  readonly batchSize: number;
  /** Mini-batches per epoch × epochs: the number of updates of a run to the end. */
  readonly iterations: number;
  history: TrainingHistory = Solver.emptyHistory();
  private configs: Record<string, C> = {};
  /** Scratch: the watched parameter's values before the current update (see `step`). */
  private before = new Float64Array(0);

  constructor(model: Module, data: { train: LabelledData; val?: LabelledData }, options: SolverOptions<C> = {}) {
    if (!model || typeof model.forward !== "function" || typeof model.params !== "function") {
      throw new CourseInputError("Solver: the model must be a Module (forward, backward, params), e.g. mlp(…).");
    }
    if (model.params().length === 0) throw new CourseInputError("Solver: the model has no parameters to train.");
    checkData("train", data?.train);
    if (data.val !== undefined) checkData("val", data.val);
    this.model = model;
    this.trainData = data.train;
    this.valData = data.val;
    this.options = options;
    this.epochs = wholeNumber("epochs", options.epochs ?? 10, 1);
    this.batchSize = wholeNumber("batchSize", options.batchSize ?? 64, 1);
    this.iterations = this.epochs * Math.ceil(this.trainData.X.rows / this.batchSize);
    wholeNumber("seed", options.seed ?? 0, 0);
    const { learningRate, weightDecay = 0, decoupledWeightDecay = 0, patience, divergenceFactor, monitor } = options;
    if (typeof learningRate === "number") this.checkRate(learningRate, "learningRate");
    else if (learningRate !== undefined && typeof learningRate !== "function") {
      throw new CourseInputError("Solver: learningRate is a number or a function epoch → learning rate.");
    }
    if (!(weightDecay >= 0 && Number.isFinite(weightDecay))) {
      throw new CourseInputError(`Solver: weightDecay (λ) must be a number ≥ 0, got ${weightDecay}.`);
    }
    if (!(decoupledWeightDecay >= 0 && Number.isFinite(decoupledWeightDecay))) {
      throw new CourseInputError(`Solver: decoupledWeightDecay (μ) must be a number ≥ 0, got ${decoupledWeightDecay}.`);
    }
    if (monitor !== undefined && monitor !== "error" && monitor !== "loss") {
      throw new CourseInputError(`Solver: monitor must be "error" or "loss", got ${String(monitor)}.`);
    }
    if (patience !== undefined && monitor !== "loss" && options.metric === null) {
      throw new CourseInputError('Solver: without a metric (metric: null) early stopping needs monitor: "loss".');
    }
    if (patience !== undefined) {
      wholeNumber("patience", patience, 1);
      if (!this.valData)
        throw new CourseInputError("Solver: early stopping (patience) needs validation data: give data.val.");
    }
    if (divergenceFactor !== undefined && !(divergenceFactor > 1)) {
      throw new CourseInputError(`Solver: divergenceFactor must be a number > 1, got ${divergenceFactor}.`);
    }
  }

  private static emptyHistory(): TrainingHistory {
    const h = {
      batchLoss: [],
      updateRatio: [],
      learningRate: [],
      trainLoss: [],
      trainAcc: [],
      valLoss: [],
      valAcc: [],
      penalty: [],
    };
    return { ...h, bestEpoch: -1, stoppedBy: "not trained yet", diverged: false };
  }

  private checkRate(rate: number, what: string): number {
    if (!(typeof rate === "number" && Number.isFinite(rate) && rate >= 0)) {
      throw new CourseInputError(`Solver: ${what} must be a finite number ≥ 0, got ${rate}.`);
    }
    return rate;
  }

  /** The learning rate of an epoch: the constant, or the schedule's value. */
  private rateAt(epoch: number): number {
    const lr = this.options.learningRate ?? 0.01;
    return typeof lr === "number" ? lr : this.checkRate(lr(epoch), `learningRate(${epoch}) (the schedule)`);
  }

  /**
   * Runs all epochs (or until early stopping or divergence) and returns the history. At the end the model is left in
   * test mode (batch norm uses its running averages, dropout keeps every unit), ready for predictions.
   */
  train(): TrainingHistory {
    const { patience, minDelta = 0, earlyStopping = exerciseTraining.earlyStopping, onEpoch, monitor } = this.options;
    const h = (this.history = Solver.emptyHistory());
    h.stoppedBy = "all epochs";
    this.configs = {};
    const order = rng(this.options.seed ?? 0);
    const progress = this.progressReporter();
    let best: Float64Array[] | undefined;
    let iteration = 0;
    training: for (let epoch = 0; epoch < this.epochs; epoch++) {
      const learningRate = this.rateAt(epoch);
      h.learningRate.push(learningRate);
      setMode(this.model, "train");
      for (const batch of miniBatches(this.trainData.X, this.trainData.y, this.batchSize, order)) {
        const stop = this.step(batch, learningRate, iteration);
        iteration++;
        if (stop) {
          h.stoppedBy = `${stop} at iteration ${iteration - 1}`;
          h.diverged = true;
          break training;
        }
        progress?.update(iteration);
      }
      this.measure();
      h.bestEpoch = epoch;
      onEpoch?.(epoch, h);
      if (patience !== undefined) {
        const watched = monitor === "loss" ? h.valLoss : h.valAcc.map((a) => 1 - a);
        const decision = earlyStopping(watched, patience, minDelta);
        h.bestEpoch = decision.bestStep;
        if (decision.bestStep === epoch) best = this.model.params().map((p) => p.value.data.slice());
        if (decision.stop) {
          const what = monitor === "loss" ? "loss" : "error";
          h.stoppedBy = `early stopping after ${epoch + 1} epochs (no lower validation ${what} for ${patience} epochs)`;
          break;
        }
      }
    }
    const saved = best;
    if (saved) this.model.params().forEach((p, k) => p.value.data.set(saved[k])); // the best epoch's parameters
    setMode(this.model, "test");
    progress?.finish(
      iteration < this.iterations ? `${h.stoppedBy}; ${iteration} of ${this.iterations} iterations run` : h.stoppedBy,
    );
    return h;
  }

  /**
   * One update on one mini-batch: forward, loss (+ penalty), backward, update rule. Returns why training must stop
   * (the loss diverged) or undefined.
   */
  private step(batch: { x: Matrix; y: number[] }, learningRate: number, iteration: number): string | undefined {
    const o = this.options;
    const lossOf = o.loss ?? exerciseLosses.softmaxCrossEntropy;
    const penalty = o.penalty ?? exerciseLosses.l2Regularization;
    const lambda = o.weightDecay ?? 0;
    const x = o.augment ? o.augment(batch.x, iteration) : batch.x;
    const { loss, dscores } = lossOf(this.model.forward(x), batch.y);
    const params = this.model.params();
    const weights = params.filter((p) => p.decay);
    const penalties = lambda > 0 ? weights.map((p) => penalty(p.value)) : [];
    const objective = loss + lambda * penalties.reduce((sum, r) => sum + r.value, 0);
    const h = this.history;
    h.batchLoss.push(objective);
    if (!Number.isFinite(objective)) return `loss became ${objective}`;
    if (o.divergenceFactor !== undefined && objective > o.divergenceFactor * h.batchLoss[0]) {
      return `loss exploded to ${objective.toExponential(2)} (more than ${o.divergenceFactor} × its start)`;
    }
    this.model.backward(dscores);
    penalties.forEach((r, k) => (weights[k].grad = add(weights[k].grad, scale(r.grad, lambda))));
    const watched: Param = weights[0] ?? params[0]; // for the update/weight ratio
    // the watched weights before the update, in a buffer kept from step to step (a copy per step was a large
    // temporary on every step)
    if (this.before.length !== watched.value.size) this.before = new Float64Array(watched.value.size);
    const before = this.before;
    before.set(watched.value.data);
    const mu = o.decoupledWeightDecay ?? 0;
    if (mu > 0) for (const p of weights) scale(p.value, 1 - learningRate * mu, p.value); // W ← (1 − αμ) W, in place
    const update = o.update ?? (sgdStepRule() as unknown as UpdateRule<C>);
    const hyper = { ...o.optimConfig, learningRate } as C; // this epoch's rate; the rule's state stays in configs
    this.configs = updateParams(params, update, this.configs, hyper);
    h.updateRatio.push(changeRatio(watched.value.data, before));
    return undefined;
  }

  /** Loss and accuracy on the training set and the validation set, in test mode; the penalty of the weights. */
  private measure(): void {
    const h = this.history;
    const lambda = this.options.weightDecay ?? 0;
    const penalty = this.options.penalty ?? exerciseLosses.l2Regularization;
    const weights = this.model.params().filter((p) => p.decay);
    h.penalty.push(lambda > 0 ? lambda * weights.reduce((sum, p) => sum + penalty(p.value).value, 0) : 0);
    const [trainLoss, trainAcc] = this.evaluate(this.trainData);
    h.trainLoss.push(trainLoss);
    h.trainAcc.push(trainAcc);
    if (this.valData) {
      const [valLoss, valAcc] = this.evaluate(this.valData);
      h.valLoss.push(valLoss);
      h.valAcc.push(valAcc);
    }
  }

  /** [loss without penalty, metric (accuracy)] of the model on a whole data set, in test mode. */
  private evaluate(set: LabelledData): [number, number] {
    setMode(this.model, "test");
    const scores = this.model.forward(set.X);
    setMode(this.model, "train");
    const o = this.options;
    const lossOf = o.evalLoss ?? o.loss ?? exerciseLosses.softmaxCrossEntropy;
    const metric = o.metric === undefined ? accuracy : o.metric;
    return [lossOf(scores, set.y).loss, metric === null ? NaN : metric(scores, set.y)];
  }

  private progressReporter(): Pick<ProgressBar, "update" | "finish"> | undefined {
    const p = this.options.progress;
    if (typeof p === "string") return progressBar(this.iterations, p);
    if (typeof p === "function") return { update: (done) => p(done, this.iterations), finish: () => undefined };
    return undefined;
  }
}
