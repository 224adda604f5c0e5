/**
 * Output and loss functions (Lecture 7, "Output and Loss Functions"; Lecture "Neural Networks", regularization).
 *
 * Conventions:
 *   - one example per row: `scores` and `probs` are N×C (N examples, C classes), `pred`/`target` any equal shape;
 *   - labels are class indices 0 … C−1 (the lectures count classes 1 … C; the first class here is 0);
 *   - data losses over examples are means, L = (1/N) Σ_i L_i; the naïve L1/L2 losses are sums, as on the slides;
 *   - `ln` is the natural logarithm (the slides write `log`).
 */
import { Matrix } from "../lib/matrix";
import { CourseInputError } from "../lib/errors";

/**
 * The sigmoid (logistic) function, element-wise: σ(x) = 1 / (1 + e^{−x}), a number in (0, 1).
 *
 * For binary classification σ(s) is read as p(y = 1 | x).
 *
 * @example
 * sigmoid(Matrix.from2D([[0, 2]])).toArray(); // [[0.5, 0.8808]]
 */
export function sigmoid(x: Matrix): Matrix {
  // BEGIN SOLUTION
  const out = Matrix.zeros(x.rows, x.cols);
  for (let i = 0; i < x.size; i++) {
    out.data[i] = 1 / (1 + Math.exp(-x.data[i])); // e^{−x} = ∞ for very negative x gives 1/∞ = 0: no NaN
  }
  return out;
  // END SOLUTION
}

/**
 * L1 loss, the sum of absolute differences: L¹ = Σ_i |y_i − f(x_i)|.
 *
 * @example
 * l1Loss(Matrix.from2D([[12, 24]]), Matrix.from2D([[15, 20]])); // 3 + 4 = 7
 */
export function l1Loss(pred: Matrix, target: Matrix): number {
  checkSameShape("l1Loss", "pred", pred, "target", target);
  // BEGIN SOLUTION
  let loss = 0;
  for (let i = 0; i < pred.size; i++) {
    loss += Math.abs(target.data[i] - pred.data[i]);
  }
  return loss;
  // END SOLUTION
}

/**
 * L2 loss, the sum of squared differences: L² = Σ_i (y_i − f(x_i))².
 *
 * @example
 * l2Loss(Matrix.from2D([[12, 24]]), Matrix.from2D([[15, 20]])); // 9 + 16 = 25
 */
export function l2Loss(pred: Matrix, target: Matrix): number {
  checkSameShape("l2Loss", "pred", pred, "target", target);
  // BEGIN SOLUTION
  let loss = 0;
  for (let i = 0; i < pred.size; i++) {
    const diff = target.data[i] - pred.data[i];
    loss += diff * diff;
  }
  return loss;
  // END SOLUTION
}

/**
 * Binary cross-entropy, the mean over the N examples:
 * L = −(1/N) Σ_i [ y_i ln p_i + (1 − y_i) ln(1 − p_i) ],  with p_i = p(y_i = 1 | x_i) = probs[i, 0], y_i ∈ {0, 1}.
 *
 * Only one of the two terms is non-zero for each example, so compute just that one
 * (this also keeps 0 · ln 0 from turning into NaN when p_i is exactly 0 or 1).
 *
 * @example
 * binaryCrossEntropy(Matrix.colVector([0.9, 0.2]), [1, 0]); // (−ln 0.9 − ln 0.8) / 2 ≈ 0.1643
 */
export function binaryCrossEntropy(probs: Matrix, labels: number[]): number {
  checkBinaryInputs(probs, labels);
  // BEGIN SOLUTION
  const n = probs.rows;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const p = probs.get(i, 0);
    loss += labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
  }
  return loss / n;
  // END SOLUTION
}

/**
 * Softmax of each row: p_k = e^{s_k} / Σ_j e^{s_j}.
 *
 * Computed as written, e^{s} overflows for scores above about 709 (e^{1000} is Infinity in float64); your version
 * must give the right probabilities for scores like ±1000 too (notebook 01, section 3, shows the trick).
 *
 * @example
 * softmax(Matrix.from2D([[3.2, 5.1, -1.7]])).toArray(); // [[0.1300, 0.8690, 0.0010]]
 */
export function softmax(scores: Matrix): Matrix {
  checkScores("softmax", scores);
  // BEGIN SOLUTION
  const out = Matrix.zeros(scores.rows, scores.cols);
  for (let i = 0; i < scores.rows; i++) {
    let max = -Infinity;
    for (let k = 0; k < scores.cols; k++) max = Math.max(max, scores.get(i, k));
    let sum = 0;
    for (let k = 0; k < scores.cols; k++) {
      const e = Math.exp(scores.get(i, k) - max);
      out.set(i, k, e);
      sum += e;
    }
    for (let k = 0; k < scores.cols; k++) out.set(i, k, out.get(i, k) / sum);
  }
  return out;
  // END SOLUTION
}

/**
 * Cross-entropy of predicted class probabilities, the mean over the N rows:
 * L = (1/N) Σ_i L_i,  L_i = −ln p(y_i | x_i) = −ln probs[i, y_i].
 *
 * `probs` holds probabilities (e.g. the output of `softmax`), not raw scores; for scores use `softmaxCrossEntropy`.
 *
 * @example
 * crossEntropy(Matrix.from2D([[0.13, 0.87, 0.0]]), [0]); // −ln 0.13 ≈ 2.04
 */
export function crossEntropy(probs: Matrix, labels: number[]): number {
  checkLabels("crossEntropy", labels, probs);
  checkProbabilities(probs);
  // BEGIN SOLUTION
  const n = probs.rows;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    loss += -Math.log(probs.get(i, labels[i]));
  }
  return loss / n;
  // END SOLUTION
}

/**
 * Softmax followed by cross-entropy, and the gradient dscores = ∂L/∂s of that loss with respect to the scores (N×C):
 * L = (1/N) Σ_i L_i,  L_i = −ln( e^{s_{i,y_i}} / Σ_k e^{s_{i,k}} ) = ln Σ_k e^{s_{i,k} − m_i} − (s_{i,y_i} − m_i),
 * with m_i = max_k s_{i,k}. Derive ∂L/∂s yourself (notebook 02 walks through it, with `softmaxJacobian` as the
 * first step): it is simpler than the two functions it combines.
 *
 * The second form of L_i (log-sum-exp with the max-shift) stays finite even when p_{i,y_i} is too small for a
 * float64 and would round to 0 (then −ln p would be ∞).
 *
 * @example
 * const { loss, dscores } = softmaxCrossEntropy(Matrix.from2D([[3.2, 5.1, -1.7]]), [0]);
 * loss; // ≈ 2.04
 * dscores.shape; // [1, 3], one gradient entry per score
 */
export function softmaxCrossEntropy(scores: Matrix, labels: number[]): { loss: number; dscores: Matrix } {
  checkLabels("softmaxCrossEntropy", labels, scores);
  // BEGIN SOLUTION
  const n = scores.rows;
  const c = scores.cols;
  let loss = 0;
  const dscores = Matrix.zeros(n, c);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < c; k++) max = Math.max(max, scores.get(i, k));
    let sumExp = 0;
    for (let k = 0; k < c; k++) sumExp += Math.exp(scores.get(i, k) - max);
    loss += Math.log(sumExp) - (scores.get(i, labels[i]) - max);
    for (let k = 0; k < c; k++) {
      const p = Math.exp(scores.get(i, k) - max) / sumExp;
      dscores.set(i, k, (p - (k === labels[i] ? 1 : 0)) / n);
    }
  }
  return { loss: loss / n, dscores };
  // END SOLUTION
}

/**
 * The Jacobian of the softmax of one row of scores s (1×C): the C×C matrix J with J[k, j] = ∂p_k/∂s_j, where
 * p = softmax(s). The first step of the softmax cross-entropy gradient (notebook 02): derive ∂p_k/∂s_j for k = j
 * and for k ≠ j (the quotient rule on e^{s_k} / Σ_c e^{s_c}), then write J in terms of p.
 *
 * @example
 * softmaxJacobian(Matrix.from2D([[0, 0]])).shape; // [2, 2]
 */
export function softmaxJacobian(scores: Matrix): Matrix {
  checkScores("softmaxJacobian", scores);
  if (scores.rows !== 1) {
    throw new CourseInputError(
      `softmaxJacobian: takes the scores of one example, a 1×C row, got ${scores.rows}×${scores.cols}; use scores.row(i) wrapped in Matrix.from2D([...]) for row i.`,
    );
  }
  // BEGIN SOLUTION
  const c = scores.cols;
  let max = -Infinity;
  for (let k = 0; k < c; k++) max = Math.max(max, scores.get(0, k));
  const p: number[] = [];
  let sum = 0;
  for (let k = 0; k < c; k++) {
    p.push(Math.exp(scores.get(0, k) - max));
    sum += p[k];
  }
  for (let k = 0; k < c; k++) p[k] /= sum;
  const J = Matrix.zeros(c, c);
  for (let k = 0; k < c; k++) {
    for (let j = 0; j < c; j++) J.set(k, j, (k === j ? p[k] : 0) - p[k] * p[j]); // diag(p) − p pᵀ
  }
  return J;
  // END SOLUTION
}

/**
 * Multiclass SVM (hinge) loss, the mean over the N rows, and its (sub)gradient dscores with respect to the scores:
 * L = (1/N) Σ_i L_i,  L_i = Σ_{k ≠ y_i} max(0, s_{i,k} − s_{i,y_i} + Δ),  Δ = `margin` (1 on the slides).
 *
 * A term exactly at the hinge (margin violation 0) contributes the subgradient 0.
 *
 * @example
 * hingeLoss(Matrix.from2D([[3.2, 5.1, -1.7]]), [0]).loss; // max(0, 2.9) + max(0, −3.9) = 2.9
 */
export function hingeLoss(scores: Matrix, labels: number[], margin = 1): { loss: number; dscores: Matrix } {
  checkLabels("hingeLoss", labels, scores);
  // BEGIN SOLUTION
  const n = scores.rows;
  let loss = 0;
  const dscores = Matrix.zeros(n, scores.cols);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const correct = scores.get(i, y);
    for (let k = 0; k < scores.cols; k++) {
      if (k === y) continue;
      const violation = scores.get(i, k) - correct + margin;
      if (violation > 0) {
        loss += violation;
        dscores.set(i, k, dscores.get(i, k) + 1 / n);
        dscores.set(i, y, dscores.get(i, y) - 1 / n);
      }
    }
  }
  return { loss: loss / n, dscores };
  // END SOLUTION
}

/**
 * L1 regularization and its (sub)gradient ∂R/∂W (the shape of W; 0 where W is 0): R(W) = Σ_k Σ_l |W_{k,l}|.
 *
 * @example
 * l1Regularization(Matrix.from2D([[1, -2]])).value; // 3
 */
export function l1Regularization(W: Matrix): { value: number; grad: Matrix } {
  // BEGIN SOLUTION
  let value = 0;
  const grad = Matrix.zeros(W.rows, W.cols);
  for (let i = 0; i < W.size; i++) {
    value += Math.abs(W.data[i]);
    grad.data[i] = Math.sign(W.data[i]);
  }
  return { value, grad };
  // END SOLUTION
}

/**
 * L2 regularization and its gradient ∂R/∂W (the shape of W): R(W) = Σ_k Σ_l W_{k,l}².
 *
 * @example
 * l2Regularization(Matrix.from2D([[1, -2]])).value; // 5
 */
export function l2Regularization(W: Matrix): { value: number; grad: Matrix } {
  // BEGIN SOLUTION
  let value = 0;
  const grad = Matrix.zeros(W.rows, W.cols);
  for (let i = 0; i < W.size; i++) {
    value += W.data[i] * W.data[i];
    grad.data[i] = 2 * W.data[i];
  }
  return { value, grad };
  // END SOLUTION
}

/**
 * Elastic net (L1 + L2) in the lecture's form, and its (sub)gradient ∂R/∂W (the shape of W):
 * R(W) = Σ_k Σ_l ( β W_{k,l}² + |W_{k,l}| ).
 *
 * β weighs the L2 part against the L1 part (β = 0 is plain L1). Other texts (e.g. scikit-learn) write elastic net
 * as α(ρ Σ|w| + (1 − ρ)/2 Σw²) instead: the same idea with a different scaling.
 *
 * @example
 * elasticNet(Matrix.from2D([[1, -2]]), 0.5).value; // 0.5·5 + 3 = 5.5
 */
export function elasticNet(W: Matrix, beta: number): { value: number; grad: Matrix } {
  if (!Number.isFinite(beta) || beta < 0) {
    throw new CourseInputError(`elasticNet: beta weighs the L2 part and must be a number ≥ 0, got ${beta}.`);
  }
  // BEGIN SOLUTION
  let value = 0;
  const grad = Matrix.zeros(W.rows, W.cols);
  for (let i = 0; i < W.size; i++) {
    const w = W.data[i];
    value += beta * w * w + Math.abs(w);
    grad.data[i] = 2 * beta * w + Math.sign(w);
  }
  return { value, grad };
  // END SOLUTION
}

// ---- Input checks: a clear message instead of a silent NaN or a wrong number. ----

function checkSameShape(fn: string, nameA: string, a: Matrix, nameB: string, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new CourseInputError(
      `${fn}: ${nameA} is ${a.rows}×${a.cols} but ${nameB} is ${b.rows}×${b.cols}; they must have the same shape.`,
    );
  }
}

function checkScores(fn: string, scores: Matrix): void {
  if (scores.rows === 0 || scores.cols === 0) {
    throw new CourseInputError(
      `${fn}: needs at least one row (example) and one column (class), got ${scores.rows}×${scores.cols}.`,
    );
  }
}

function checkLabels(fn: string, labels: number[], scores: Matrix): void {
  checkScores(fn, scores);
  if (labels.length !== scores.rows) {
    throw new CourseInputError(
      `${fn}: got ${labels.length} labels for ${scores.rows} rows; give one label per row (example).`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= scores.cols) {
      throw new CourseInputError(
        `${fn}: label ${y} (row ${i}) is not a class index; with ${scores.cols} classes labels are 0 … ${scores.cols - 1}.`,
      );
    }
  }
}

function checkProbabilities(probs: Matrix): void {
  for (let i = 0; i < probs.rows; i++) {
    let sum = 0;
    for (let k = 0; k < probs.cols; k++) {
      const p = probs.get(i, k);
      if (!(p >= 0 && p <= 1)) {
        throw new CourseInputError(
          `crossEntropy: probs[${i}, ${k}] = ${p} is not a probability; pass softmax(scores), ` +
            `or use softmaxCrossEntropy(scores, labels) for raw scores.`,
        );
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new CourseInputError(
        `crossEntropy: row ${i} of probs sums to ${sum}, not 1; pass softmax(scores), ` +
          `or use softmaxCrossEntropy(scores, labels) for raw scores.`,
      );
    }
  }
}

function checkBinaryInputs(probs: Matrix, labels: number[]): void {
  if (probs.cols !== 1) {
    throw new CourseInputError(
      `binaryCrossEntropy: probs must be N×1 (one probability p(y = 1) per example), got ${probs.rows}×${probs.cols}.`,
    );
  }
  if (probs.rows === 0 || labels.length !== probs.rows) {
    throw new CourseInputError(
      `binaryCrossEntropy: got ${labels.length} labels for ${probs.rows} probabilities; give one label per example (and at least one).`,
    );
  }
  for (let i = 0; i < probs.rows; i++) {
    const p = probs.get(i, 0);
    if (!(p >= 0 && p <= 1)) {
      throw new CourseInputError(`binaryCrossEntropy: probs[${i}] = ${p} is not a probability; pass sigmoid(scores).`);
    }
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new CourseInputError(`binaryCrossEntropy: label ${labels[i]} (row ${i}) must be 0 or 1.`);
    }
  }
}
