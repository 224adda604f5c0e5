/**
 * Data preprocessing and batch normalisation (INF 5860 "Data preprocessing", "Common normalization",
 * "Batch normalization"; Lecture 7 "Next lecture": batch normalization).
 *
 * Conventions:
 *   - one example per row: X is N×D (N examples, D features or units); per-feature statistics are 1×D rows;
 *   - variances are the biased ones, (1/N) Σᵢ (xᵢ − μ)², as in the batch-norm algorithm of Ioffe & Szegedy;
 *   - batch norm in cs231n style: `batchnormForward(x, γ, β, bnParam) → { out, cache, bnParam }` and
 *     `batchnormBackward(dout, cache) → { dx, dgamma, dbeta }`. The running averages live in the plain object
 *     bnParam; batchnormForward does not change the bnParam it gets but returns the updated one, so carry it on:
 *     `({ out, cache, bnParam } = batchnormForward(x, gamma, beta, bnParam))`.
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { BatchnormCache, BatchnormParam, StandardizeStats } from "../lib/api/normalization";

/**
 * The mean and standard deviation of each feature (column) of the training data X, to be stored and reused:
 * μ_d = (1/N) Σᵢ x_id,  σ_d = √((1/N) Σᵢ (x_id − μ_d)²).
 *
 * @example
 * const stats = standardizeFit(Matrix.from2D([[101, 101], [101, 99]]));
 * stats.mean.toArray(); // [[101, 100]]
 * stats.std.toArray(); // [[0, 1]]
 */
export function standardizeFit(X: Matrix): StandardizeStats {
  if (!(X instanceof Matrix) || X.rows === 0 || X.cols === 0) {
    throw new CourseInputError(
      "standardizeFit: X must be an N×D Matrix with at least one example (row) and one feature.",
    );
  }
  throw new NotImplementedError("standardizeFit");
}

/**
 * Standardises X with stored training statistics: x_id ← (x_id − μ_d) / σ_d. A feature that was constant in the
 * training data (σ_d = 0) is only centred: it is divided by 1 instead of 0.
 *
 * Use the statistics of the training set for training, validation and test data alike.
 *
 * @example
 * const stats = standardizeFit(Matrix.from2D([[0.2, 10], [0.2, -10]]));
 * standardizeTransform(Matrix.from2D([[0.2, 10], [1.2, 0]]), stats).toArray(); // [[0, 1], [1, 0]]
 */
export function standardizeTransform(X: Matrix, stats: StandardizeStats): Matrix {
  checkStats(X, stats);
  throw new NotImplementedError("standardizeTransform");
}

/**
 * Batch normalisation, forward (Ioffe & Szegedy 2015), for each feature d of the N×D input x:
 *
 *   "train": μ_B = (1/N) Σᵢ xᵢ,  σ²_B = (1/N) Σᵢ (xᵢ − μ_B)²,  x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε),  yᵢ = γ x̂ᵢ + β,
 *            and running ← momentum · running + (1 − momentum) · (μ_B, σ²_B);
 *   "test":  the same with the running averages in place of μ_B and σ²_B (and nothing is updated).
 *
 * gamma and beta are 1×D. Returns the output, the cache for batchnormBackward and the updated bnParam (the one
 * passed in is not changed).
 *
 * @example
 * const x = Matrix.from2D([[1, 10], [3, 30]]);
 * const r = batchnormForward(x, Matrix.ones(1, 2), Matrix.zeros(1, 2), { mode: "train", eps: 0 });
 * r.out.toArray(); // [[-1, -1], [1, 1]]
 * r.bnParam.runningMean!.toArray(); // [[0.2, 2]]  (0.9 · 0 + 0.1 · [2, 20])
 */
export function batchnormForward(
  x: Matrix,
  gamma: Matrix,
  beta: Matrix,
  bnParam: BatchnormParam,
): { out: Matrix; cache: BatchnormCache; bnParam: BatchnormParam } {
  checkBatchnormInputs(x, gamma, beta, bnParam);
  throw new NotImplementedError("batchnormForward");
}

/**
 * Batch normalisation, backward, the full way: through the computational graph of the forward pass, one node at a
 * time (x − μ_B, its square, σ²_B, 1/√(σ²_B + ε), x̂, γx̂ + β), each with its local gradient. Returns dx (N×D) and
 * dgamma, dbeta (1×D) from dout = ∂L/∂y (N×D).
 *
 * In "train" mode μ_B and σ²_B are computed from the batch, so every xᵢ reaches the output through them too; in
 * "test" mode the running averages are constants. The cache has x̂, 1/√(σ² + ε) and γ; anything else the graph
 * needs (x − μ_B, σ²_B + ε) can be recovered from them.
 *
 * @example
 * const x = Matrix.from2D([[1], [3]]);
 * const { cache } = batchnormForward(x, Matrix.ones(1, 1), Matrix.zeros(1, 1), { mode: "train", eps: 0 });
 * batchnormBackward(Matrix.from2D([[1], [1]]), cache).dbeta.toArray(); // [[2]]
 */
export function batchnormBackward(dout: Matrix, cache: BatchnormCache): { dx: Matrix; dgamma: Matrix; dbeta: Matrix } {
  checkBackwardInputs("batchnormBackward", dout, cache);
  throw new NotImplementedError("batchnormBackward");
}

/**
 * Batch normalisation, backward, the simplified way: the same dx, dgamma, dbeta as batchnormBackward, from one
 * closed-form expression for dx per feature instead of a pass through every node of the graph. Derive it on paper
 * from the full version (it needs only g = dout ⊙ γ, x̂ and 1/√(σ² + ε)), then check that both agree.
 *
 * @example
 * const x = Matrix.from2D([[1], [3]]);
 * const { cache } = batchnormForward(x, Matrix.ones(1, 1), Matrix.zeros(1, 1), { mode: "train", eps: 0 });
 * batchnormBackwardAlt(Matrix.from2D([[1], [1]]), cache).dx.toArray(); // [[0], [0]]  (a shift of every xᵢ changes nothing)
 */
export function batchnormBackwardAlt(
  dout: Matrix,
  cache: BatchnormCache,
): { dx: Matrix; dgamma: Matrix; dbeta: Matrix } {
  checkBackwardInputs("batchnormBackwardAlt", dout, cache);
  throw new NotImplementedError("batchnormBackwardAlt");
}

// ---- Input checks: a clear message instead of a silent NaN or a wrong shape. ----

function checkRow(fn: string, name: string, m: unknown, d: number): void {
  if (!(m instanceof Matrix) || m.rows !== 1 || m.cols !== d) {
    const got = m instanceof Matrix ? `${m.rows}×${m.cols}` : String(m);
    throw new CourseInputError(`${fn}: ${name} must be a 1×${d} row (one value per feature), got ${got}.`);
  }
}

function checkStats(X: Matrix, stats: StandardizeStats): void {
  if (!(X instanceof Matrix)) throw new CourseInputError("standardizeTransform: X must be a Matrix.");
  if (!stats) throw new CourseInputError("standardizeTransform: pass the statistics returned by standardizeFit.");
  checkRow("standardizeTransform", "stats.mean", stats.mean, X.cols);
  checkRow("standardizeTransform", "stats.std", stats.std, X.cols);
}

function checkBatchnormInputs(x: Matrix, gamma: Matrix, beta: Matrix, bnParam: BatchnormParam): void {
  if (!(x instanceof Matrix) || x.rows === 0 || x.cols === 0) {
    throw new CourseInputError("batchnormForward: x must be an N×D Matrix with at least one row and one column.");
  }
  checkRow("batchnormForward", "gamma", gamma, x.cols);
  checkRow("batchnormForward", "beta", beta, x.cols);
  if (!bnParam || (bnParam.mode !== "train" && bnParam.mode !== "test")) {
    throw new CourseInputError('batchnormForward: bnParam.mode must be "train" or "test", e.g. { mode: "train" }.');
  }
  const { eps = 1e-5, momentum = 0.9 } = bnParam;
  if (!(eps >= 0) || !(momentum >= 0 && momentum <= 1)) {
    throw new CourseInputError(
      `batchnormForward: needs eps ≥ 0 and 0 ≤ momentum ≤ 1, got eps = ${eps}, momentum = ${momentum}.`,
    );
  }
  if (bnParam.runningMean !== undefined)
    checkRow("batchnormForward", "bnParam.runningMean", bnParam.runningMean, x.cols);
  if (bnParam.runningVar !== undefined) checkRow("batchnormForward", "bnParam.runningVar", bnParam.runningVar, x.cols);
  if (bnParam.mode === "test" && (bnParam.runningMean === undefined || bnParam.runningVar === undefined)) {
    throw new CourseInputError(
      'batchnormForward: "test" mode needs bnParam.runningMean and bnParam.runningVar; train on some batches first and pass the bnParam it returns.',
    );
  }
}

function checkBackwardInputs(fn: string, dout: Matrix, cache: BatchnormCache): void {
  if (
    !cache ||
    !(cache.xhat instanceof Matrix) ||
    !(cache.invStd instanceof Matrix) ||
    !(cache.gamma instanceof Matrix)
  ) {
    throw new CourseInputError(`${fn}: pass the cache returned by batchnormForward ({ mode, xhat, invStd, gamma }).`);
  }
  if (!(dout instanceof Matrix) || dout.rows !== cache.xhat.rows || dout.cols !== cache.xhat.cols) {
    const got = dout instanceof Matrix ? `${dout.rows}×${dout.cols}` : String(dout);
    throw new CourseInputError(
      `${fn}: dout is ${got} but the layer's output was ${cache.xhat.rows}×${cache.xhat.cols}; dout has the shape of out.`,
    );
  }
}
