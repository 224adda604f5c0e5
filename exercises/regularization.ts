/**
 * Regularisation techniques beyond the L1/L2 penalties (those are `l1Regularization`, `l2Regularization` and
 * `elasticNet` in ./losses): dropout, soft targets (label smoothing), Gaussian input noise and bootstrap samples
 * for bagging (Lecture "Improved gradient descent", regularisation techniques).
 *
 * Conventions:
 *   - one example per row, as everywhere in the course;
 *   - randomness comes from a numeric seed (or a mask the caller made), never from Math.random, so a call gives
 *     the same result every time and in every process. Random numbers are drawn from `rng(seed)` in row-major order;
 *   - `keepProb` is the lecture's p, the probability that a unit is *kept* (typically 0.5 for hidden units, 0.8 for
 *     inputs).
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError, NotImplementedError } from "../lib/errors";
import type { DropoutCache } from "../lib/api/regularization";
// Useful imports for your implementation (add the ones you use):
//   import { rng } from "../lib/random";
//   import { mul, scale } from "../lib/ops";
//   import { softmax } from "./losses";

/**
 * A rows×cols dropout mask of 0s and 1s: element i (row-major) is 1 when the i-th number of rng(seed).next() is
 * below keepProb, so each unit is kept with probability keepProb.
 *
 * @example
 * const m = dropoutMask(2, 1000, 0.8, 0);
 * sum(m) / m.size; // ≈ 0.8
 */
export function dropoutMask(rows: number, cols: number, keepProb: number, seed: number): Matrix {
  checkKeepProb("dropoutMask", keepProb);
  if (typeof seed !== "number") throw new CourseInputError(`dropoutMask: seed must be a number, got ${typeof seed}.`);
  throw new NotImplementedError("dropoutMask");
}

/**
 * Inverted dropout. In "train" mode each unit is kept with probability p = keepProb and the kept ones are divided
 * by p:  out = x ⊙ m / p,  with m = `mask` (0/1, the shape of x) or, given a number, m = dropoutMask(…, seed).
 * Then E[out] = x, so in "test" mode the full network is used unchanged: out = x (no mask, no scaling).
 *
 * The lecture scales at test time instead ("scale the output of each node by the fraction of times it was on");
 * both give the same expected activations, but the inverted form leaves the test-time network untouched.
 *
 * @example
 * const mask = Matrix.from2D([[1, 0, 1, 1]]);
 * dropoutForward(Matrix.from2D([[1, 2, 3, 4]]), 0.5, "train", mask).out.toArray(); // [[2, 0, 6, 8]]
 * dropoutForward(Matrix.from2D([[1, 2, 3, 4]]), 0.5, "test", mask).out.toArray(); // [[1, 2, 3, 4]]
 */
export function dropoutForward(
  x: Matrix,
  keepProb: number,
  mode: "train" | "test",
  maskOrSeed: Matrix | number,
): { out: Matrix; cache: DropoutCache } {
  checkKeepProb("dropoutForward", keepProb);
  if (mode !== "train" && mode !== "test") {
    throw new CourseInputError(`dropoutForward: mode must be "train" or "test", got ${String(mode)}.`);
  }
  if (maskOrSeed instanceof Matrix) {
    if (maskOrSeed.rows !== x.rows || maskOrSeed.cols !== x.cols) {
      throw new CourseInputError(
        `dropoutForward: the mask is ${maskOrSeed.rows}×${maskOrSeed.cols} but x is ${x.rows}×${x.cols}; they must match.`,
      );
    }
    if (maskOrSeed.data.some((v) => v !== 0 && v !== 1)) {
      throw new CourseInputError(`dropoutForward: the mask must hold only 0s and 1s (make it with dropoutMask).`);
    }
  } else if (typeof maskOrSeed !== "number") {
    throw new CourseInputError(`dropoutForward: pass a 0/1 mask Matrix or a numeric seed, got ${typeof maskOrSeed}.`);
  }
  throw new NotImplementedError("dropoutForward");
}

/**
 * Backward pass of inverted dropout: the gradient with respect to the input x of dropoutForward, in training (work
 * out what the kept and the dropped units pass back, and the effect of the 1/p scaling) and at test time.
 *
 * @example
 * const { cache } = dropoutForward(Matrix.from2D([[1, 2]]), 0.5, "train", Matrix.from2D([[0, 1]]));
 * dropoutBackward(Matrix.from2D([[1, 1]]), cache).toArray(); // [[0, 2]]
 */
export function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix {
  if (!cache || (cache.mode === "train" && !(cache.scaledMask instanceof Matrix))) {
    throw new CourseInputError(`dropoutBackward: pass the cache returned by dropoutForward.`);
  }
  if (cache.scaledMask && (cache.scaledMask.rows !== dout.rows || cache.scaledMask.cols !== dout.cols)) {
    throw new CourseInputError(
      `dropoutBackward: dout is ${dout.rows}×${dout.cols} but the layer's output was ` +
        `${cache.scaledMask.rows}×${cache.scaledMask.cols}.`,
    );
  }
  throw new NotImplementedError("dropoutBackward");
}

/**
 * Soft targets (label smoothing): each row is 1 − ε at the true class and ε / (C − 1) at the other C − 1 classes
 * (the slide's ε/9 for 10 classes); ε = 0 gives one-hot rows.
 *
 * @example
 * labelSmoothing([2], 4, 0.3).toArray(); // [[0.1, 0.1, 0.7, 0.1]]
 */
export function labelSmoothing(labels: number[], numClasses: number, epsilon: number): Matrix {
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new CourseInputError(`labelSmoothing: needs at least 2 classes, got ${numClasses}.`);
  }
  if (!(epsilon >= 0 && epsilon < 1))
    throw new CourseInputError(`labelSmoothing: ε must be in [0, 1), got ${epsilon}.`);
  labels.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new CourseInputError(`labelSmoothing: label ${y} (row ${i}) is not a class index 0 … ${numClasses - 1}.`);
    }
  });
  throw new NotImplementedError("labelSmoothing");
}

/**
 * Cross-entropy against soft targets p (rows of probabilities, e.g. from labelSmoothing), the mean over the N rows,
 * L = −(1/N) Σ_i Σ_k p_{i,k} ln q_{i,k} with q_i = softmax(s_i), and its gradient ∂L/∂s with respect to the scores
 * (derive it as notebook 02 does for one-hot targets).
 *
 * The slide writes "minimize Σ p_i log q_i", missing the minus sign: Σ p log q ≤ 0 is *maximised* by q = p; the
 * cross-entropy to minimise is −Σ p log q.
 *
 * @example
 * softCrossEntropy(Matrix.from2D([[0, 0]]), Matrix.from2D([[0.5, 0.5]])).loss; // ln 2 ≈ 0.6931
 */
export function softCrossEntropy(scores: Matrix, targets: Matrix): { loss: number; dscores: Matrix } {
  if (scores.rows !== targets.rows || scores.cols !== targets.cols || scores.rows === 0) {
    throw new CourseInputError(
      `softCrossEntropy: scores are ${scores.rows}×${scores.cols} but targets are ${targets.rows}×${targets.cols}; ` +
        `give one row of target probabilities per row of scores.`,
    );
  }
  throw new NotImplementedError("softCrossEntropy");
}

/**
 * Gaussian input noise: x̃ = x + ε with ε ~ N(0, σ²) drawn independently for every element, from rng(seed) in
 * row-major order (with `Rng.gaussian(0, std)`).
 *
 * @example
 * addGaussianNoise(Matrix.zeros(1, 3), 0.1, 0); // 1×3 samples of N(0, 0.01), the same every run
 */
export function addGaussianNoise(x: Matrix, std: number, seed: number): Matrix {
  if (!(Number.isFinite(std) && std >= 0)) throw new CourseInputError(`addGaussianNoise: std must be ≥ 0, got ${std}.`);
  throw new NotImplementedError("addGaussianNoise");
}

/**
 * A bootstrap sample for bagging: n row indices drawn uniformly *with replacement* from 0 … n − 1, the i-th one
 * being rng(seed).int(0, n) of the i-th draw. About 1 − 1/e ≈ 63 % of the rows appear at least once.
 *
 * @example
 * bootstrapIndices(5, 0); // e.g. [3, 0, 3, 1, 4]
 */
export function bootstrapIndices(n: number, seed: number): number[] {
  if (!Number.isInteger(n) || n < 1)
    throw new CourseInputError(`bootstrapIndices: n must be a whole number ≥ 1, got ${n}.`);
  throw new NotImplementedError("bootstrapIndices");
}

/**
 * Input noise as a penalty (Lecture 004, "adding noise to the inputs"): a linear model ŷ = Σᵢ wᵢ xᵢ trained on
 * inputs x̃ᵢ = xᵢ + εᵢ, with the εᵢ independent draws of N(0, std²), sees on average the squared error
 * E[(ỹ − y)²] = (ŷ − y)² + λ Σᵢ wᵢ², an L2 penalty. Derive λ from the noise (expand the square, take the
 * expectation of each term) and return it.
 *
 * @example
 * // w = [1, −2], σ = 0.5: the noisy squared error exceeds the clean one by inputNoiseL2(0.5) · (1 + 4) on average
 * inputNoiseL2(0.5) * 5;
 */
export function inputNoiseL2(std: number): number {
  if (!(typeof std === "number" && Number.isFinite(std) && std >= 0)) {
    throw new CourseInputError(`inputNoiseL2: std is the noise's standard deviation, a number ≥ 0; got ${std}.`);
  }
  throw new NotImplementedError("inputNoiseL2");
}

function checkKeepProb(fn: string, keepProb: number): void {
  if (!(keepProb > 0 && keepProb <= 1)) {
    throw new CourseInputError(
      `${fn}: keepProb is the probability of keeping a unit and must be in (0, 1], got ${keepProb}.`,
    );
  }
}
