/**
 * Helpers for graded tests: `graded` declares a test worth some points, `parsePoints` reads them back from the
 * test title, and the `expect…` helpers fail with a message that says what was checked, on which input, and
 * expected vs got.
 *
 * A graded test's title ends with its points: "softmax: rows sum to one [2 pts]" (or "[1 pt]").
 *
 * Known common mistakes get a named hint: pass `hints` (from `mistakes`, or your own `hint(...)`) to an `expect…`
 * helper, and when the check fails each hint whose detector recognises the wrong result is added to the message.
 *
 * @example
 * graded("softmax: rows sum to one", 2, () => { ... });
 * parsePoints("softmax: rows sum to one [2 pts]"); // 2
 * expectClose(losses.crossEntropy(probs, labels), 2.76, 1e-9, "crossEntropy(…)", [mistakes.sumInsteadOfMean(3)]);
 */
import { expect } from "chai";
import type { GraphResult, GraphSpec } from "../../lib/api/autograd";
import { Matrix } from "../../lib/matrix";
import { numericGradient, numericGradientOfOutput, relativeError } from "../../lib/gradcheck";

/** Declares a mocha test worth `points` (a whole number 1–3); the points go at the end of the title. */
export function graded(name: string, points: number, fn: () => void | Promise<void>): Mocha.Test {
  if (!Number.isInteger(points) || points < 1 || points > 3) {
    throw new Error(`graded("${name}"): points must be a whole number from 1 to 3, got ${points}.`);
  }
  return it(`${name} [${points} ${points === 1 ? "pt" : "pts"}]`, fn);
}

/** The points in a graded test title ("… [2 pts]" → 2), or null when the title carries none. */
export function parsePoints(title: string): number | null {
  const match = /\[(\d+) pts?\]$/.exec(title.trim());
  return match ? Number(match[1]) : null;
}

/** Short text form of a matrix or array for failure messages: [[1, 2], [3, NaN]]. */
export function show(m: Matrix | readonly (readonly number[])[] | readonly number[]): string {
  const value: readonly unknown[] = m instanceof Matrix ? m.toArray() : m;
  const text = (v: unknown): string => (Array.isArray(v) ? `[${v.map(text).join(", ")}]` : String(v));
  return text(value);
}

// ---- Hints for known common mistakes ----

/** What an `expect…` helper compared: a number, or a matrix as a Matrix or as rows of numbers. */
export type Checked = number | Matrix | readonly (readonly number[])[];

/** A known common mistake: its name, how to recognise its wrong result, and what to do about it. */
export interface Hint {
  name: string;
  /**
   * True when `got` (what came back) looks like this mistake, given the `expected` value of the failed check and
   * its tolerance `tol`.
   */
  detect: (got: unknown, expected: Checked, tol: number) => boolean;
  message: string;
}

/**
 * Declares a hint: when a check fails and `detect(got, expected)` is true, the failure message ends with
 * "Hint (name): message".
 *
 * @example
 * hint("forgot the square", detect.matches(3), "L2 squares each difference: (y − f(x))².");
 */
export function hint(name: string, detect: Hint["detect"], message: string): Hint {
  return { name, detect, message };
}

/** The numbers of a number, Matrix or rows of numbers (row-major), or null for anything else. */
function numbersOf(x: unknown): number[] | null {
  if (typeof x === "number") return [x];
  if (x instanceof Matrix) return Array.from(x.data);
  if (Array.isArray(x) && x.every((r) => Array.isArray(r) && r.every((v) => typeof v === "number"))) {
    return (x as number[][]).flat();
  }
  return null;
}

/** Building blocks for `hint(...)` detectors. */
export const detect = {
  /** The result holds NaN or ±Infinity (e.g. e^{1000} overflowed). */
  nonFinite: (): Hint["detect"] => (got) => (numbersOf(got) ?? []).some((v) => !Number.isFinite(v)),
  /**
   * Every element of the result is `factor` × the expected one, within the check's tolerance scaled by `factor`
   * (at least a relative `rel`); expected not all 0.
   */
  scaledBy:
    (factor: number, rel = 1e-6): Hint["detect"] =>
    (got, expected, tol) => {
      const g = numbersOf(got);
      const e = numbersOf(expected);
      if (!g || !e || g.length !== e.length || e.every((v) => v === 0)) return false;
      const slack = Math.max(rel * Math.max(...e.map((v) => Math.abs(factor * v))), Math.abs(factor) * tol);
      return g.every((v, i) => Number.isFinite(v) && Math.abs(v - factor * e[i]) <= slack);
    },
  /** The result equals `wrong` (what the mistaken computation gives) within `tol`, element by element. */
  matches:
    (wrong: Checked, tol = 1e-9): Hint["detect"] =>
    (got) => {
      const g = numbersOf(got);
      const w = numbersOf(wrong);
      return !!g && !!w && g.length === w.length && g.every((v, i) => Math.abs(v - w[i]) <= tol);
    },
};

/**
 * The common mistakes of the course, as hints. Each takes what it needs to recognise the mistake on one check:
 * the batch size N, the keep probability, or the value the mistaken computation would give on that input.
 */
export const mistakes = {
  softmaxWithoutMaxShift: (): Hint =>
    hint(
      "softmax without the max-shift",
      detect.nonFinite(),
      "e^s overflows to Infinity for scores above about 709, and Infinity / Infinity is NaN. Subtract each row's " +
        "largest score first: e^{s_k − max} / Σ_j e^{s_j − max} gives the same probabilities and never overflows. " +
        "For the loss use ln Σ_k e^{s_k − max} − (s_y − max) instead of −ln p_y (p_y can round to 0).",
    ),
  sumInsteadOfMean: (n: number): Hint =>
    hint(
      "summed instead of averaged over the batch",
      detect.scaledBy(n),
      `the result is N = ${n} times the expected one. The data loss is the mean over the N examples, ` +
        "L = (1/N) Σ_i L_i: divide the sum by N, and its gradient too (each row of dscores gets a 1/N).",
    ),
  meanInsteadOfSum: (n: number): Hint =>
    hint(
      "averaged instead of summed",
      detect.scaledBy(1 / n),
      `the result is 1/${n} of the expected one. This loss is a sum over all ${n} elements, not a mean.`,
    ),
  regularizedBiases: (wrong: Checked): Hint =>
    hint(
      "regularised the biases",
      detect.matches(wrong),
      "the result is what you get when the regularization also acts on the biases b. Regularization penalises " +
        "the weights W only: leave b out of R and out of its gradient.",
    ),
  adamWithoutBiasCorrection: (wrong: Checked): Hint =>
    hint(
      "Adam without bias correction",
      detect.matches(wrong),
      "the update is what Adam gives without bias correction. m and v start at 0, so early on they are too small: " +
        "use m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ) (t counts steps from 1) in the update.",
    ),
  reluGradientAtZero: (wrong: Checked): Hint =>
    hint(
      "ReLU gradient on the wrong side of 0",
      detect.matches(wrong),
      "the gradient is right except where x = 0 (or it is flipped). ReLU passes the gradient only where x > 0: " +
        "dx = dout where x > 0, else 0 (at exactly 0 the course uses 0).",
    ),
  softmaxJacobianDiagonalOnly: (wrong: Checked, tol = 1e-9): Hint =>
    hint(
      "softmax Jacobian without its off-diagonal entries",
      detect.matches(wrong, tol),
      "the diagonal is right but every other entry is 0. Each p_k depends on every score s_j through the sum in " +
        "its denominator, so ∂p_k/∂s_j is not 0 for k ≠ j: apply the quotient rule for j ≠ k too.",
    ),
  batchnormWithoutMeanTerm: (wrong: Checked, tol = 1e-9): Hint =>
    hint(
      "batch-norm backward without the mean term",
      detect.matches(wrong, tol),
      "dx is what you get when μ_B is treated as a constant. μ_B = (1/N) Σ xᵢ depends on every example of the " +
        "batch, so each xᵢ also reaches the loss through μ_B (and through σ²_B): add that path's term.",
    ),
  batchnormStatisticsAsConstants: (wrong: Checked, tol = 1e-9): Hint =>
    hint(
      "batch-norm backward with the batch statistics as constants",
      detect.matches(wrong, tol),
      "dx is the test-mode gradient, dout·γ/√(σ² + ε). In training mode μ_B and σ²_B are computed from the batch, " +
        "so they depend on every xᵢ: follow the graph through both of them.",
    ),
  preluAlphaGradientEverywhere: (wrong: Checked): Hint =>
    hint(
      "PReLU's ∂f/∂α taken for every input",
      detect.matches(wrong),
      "dalpha sums dout·x over all inputs. α only acts where x ≤ 0; for x > 0, f(x) = x does not depend on α.",
    ),
  preluAlphaGradientNotSummed: (wrong: Checked): Hint =>
    hint(
      "PReLU's dalpha averaged or taken from one example",
      detect.matches(wrong),
      "one α_j is shared by all N examples of the batch, so its gradient is the sum of every example's " +
        "contribution (not the mean, not the first row's).",
    ),
  maxoutGradientToEveryPiece: (wrong: Checked): Hint =>
    hint(
      "Maxout gradient sent to every piece",
      detect.matches(wrong),
      "the gradient of max(z₁, …, z_k) is 1 for the piece that is largest and 0 for the others: route dout only " +
        "to the winning piece (remember which one won in the forward pass).",
    ),
  reluHalfForgotten: (wrong: Checked): Hint =>
    hint(
      "the ReLU's halving forgotten",
      detect.matches(wrong),
      "the variances are those of a linear network. A ReLU zeroes the negative half of a symmetric zero-mean " +
        "input, so the next layer gets a second moment E[h²] of half the variance, not all of it.",
    ),
  stdInsteadOfVariance: (wrong: Checked): Hint =>
    hint(
      "standard deviation instead of variance",
      detect.matches(wrong),
      "the weights' standard deviation went in where their variance belongs: Var(w·x) for independent zero-mean " +
        "w and x is Var(w)·Var(x), with Var(w) = std².",
    ),
  momentumVelocityWithoutRate: (wrong: Checked, tol = 1e-9): Hint =>
    hint(
      "momentum forms related without the learning rate or its sign",
      detect.matches(wrong, tol),
      "the two velocities differ by a factor: write v_{t+1} in terms of u_{t+1} for both updates of x and " +
        "compare them; the factor involves α and a sign.",
    ),
  adamStepFromZero: (wrong: Checked, tol = 1e-9): Hint =>
    hint(
      "Adam's bias correction with t starting at 0",
      detect.matches(wrong, tol),
      "the correction uses one power of β too few. After the first step m₁ = (1 − β₁)∇w₁ holds one term of the " +
        "average, so the correction for step t divides by 1 − βᵗ with t = 1 for the first step.",
    ),
  dropoutWithoutInvertedScaling: (keep: number): Hint =>
    hint(
      "dropout without inverted scaling",
      detect.scaledBy(keep),
      `the kept activations are ${keep} times too small. Inverted dropout divides what it keeps by the keep ` +
        `probability p = ${keep} during training, so that nothing needs to change at test time.`,
    ),
};

/** The hint lines for a failed check: one per hint whose detector recognises `got` ("" when none does). */
export function hintText(got: unknown, expected: Checked, tol: number, hints: readonly Hint[]): string {
  return hints
    .filter((h) => {
      try {
        return h.detect(got, expected, tol);
      } catch {
        return false; // a detector must never hide the failure itself
      }
    })
    .map((h) => `\n  Hint (${h.name}): ${h.message}`)
    .join("");
}

/**
 * Fails unless `got` is a finite number within `tol` of `expected`; `what` names the check and its input, and
 * `hints` name mistakes that a wrong result may show.
 */
export function expectClose(got: unknown, expected: number, tol: number, what: string, hints: Hint[] = []): void {
  expect(typeof got, `${what}: expected a number, got ${typeof got} (${String(got)})`).to.equal("number");
  const ok = Number.isFinite(got as number) && Math.abs((got as number) - expected) <= tol;
  if (!ok) expect.fail(`${what}: expected ${expected} (± ${tol}), got ${got}${hintText(got, expected, tol, hints)}`);
}

/**
 * Fails unless `got` is a Matrix of `expected`'s shape whose every element is within `tol` of `expected`;
 * `hints` name mistakes that a wrong result may show.
 */
export function expectMatrixClose(
  got: unknown,
  expected: readonly (readonly number[])[],
  tol: number,
  what: string,
  hints: Hint[] = [],
): void {
  if (!(got instanceof Matrix)) expect.fail(`${what}: expected a Matrix, got ${String(got)}`);
  const m = got as Matrix;
  const rows = expected.length;
  const cols = rows === 0 ? 0 : expected[0].length;
  expect(m.shape, `${what}: expected a ${rows}×${cols} matrix, got ${m.rows}×${m.cols}`).to.deep.equal([rows, cols]);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const g = m.get(i, j);
      const ok = Number.isFinite(g) && Math.abs(g - expected[i][j]) <= tol;
      if (!ok) {
        expect.fail(
          `${what}: element [${i}, ${j}] expected ${expected[i][j]} (± ${tol}), got ${g}; ` +
            `expected ${show(expected)}, got ${show(m)}${hintText(m, expected, tol, hints)}`,
        );
      }
    }
  }
}

/** Fails unless the numbers `got` are within `tol` of `expected`, element by element. */
export function expectNumbers(got: number[], expected: number[], tol: number, what: string, hints: Hint[] = []): void {
  expectMatrixClose(Matrix.from2D([got]), [expected], tol, what, hints);
}

/** What the student's evaluateGraph returned for `spec`, with a clear failure unless it is { data, grad } of numbers. */
export function graphResult(returned: unknown, spec: GraphSpec, what: string): GraphResult {
  const r = returned as Partial<GraphResult> | undefined;
  const n = spec.nodes.length;
  const ok = (a: unknown) => Array.isArray(a) && a.length === n && a.every((v) => typeof v === "number");
  if (!r || !ok(r.data) || !ok(r.grad)) {
    expect.fail(`${what}: evaluateGraph should return { data, grad } with ${n} numbers each, got ${JSON.stringify(r)}`);
  }
  return r as GraphResult;
}

/** Fails unless `fn` throws an error named `name` (e.g. "CourseInputError"); `what` names the bad input. */
export function expectThrowsNamed(fn: () => unknown, name: string, what: string): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) expect.fail(`${what}: expected a ${name}, but nothing was thrown`);
  const err = caught as Error;
  expect(err.name, `${what}: expected a ${name}, got ${err.name}: ${err.message}`).to.equal(name);
  return err;
}

/** The graded tests' gradient-check tolerance: a correct gradient gives a relative error well below 1e-7. */
export const GRAD_TOL = 1e-7;

/**
 * Fails unless `analytic` is a Matrix of `numeric`'s shape within relative error GRAD_TOL of it; the failure shows
 * the input (when given), the numerical and the analytic gradient.
 */
export function expectGradientClose(analytic: unknown, numeric: Matrix, what: string, input?: Matrix): void {
  if (!(analytic instanceof Matrix)) expect.fail(`${what}: expected a Matrix, got ${String(analytic)}`);
  const a = analytic as Matrix;
  expect(a.shape, `${what}: gradient shape`).to.deep.equal(numeric.shape);
  const err = relativeError(a, numeric);
  if (!(err < GRAD_TOL)) {
    expect.fail(
      `${what}: relative error between analytic and numerical gradient should be < ${GRAD_TOL}, got ${err}\n` +
        (input ? `  input ${show(input)}\n` : "") +
        `  numerical ${show(numeric)}\n  analytic  ${show(a)}`,
    );
  }
}

/** Checks the analytic gradient of a scalar function f at x against centred differences. */
export function expectGradientMatches(f: (x: Matrix) => number, x: Matrix, analytic: unknown, what: string): void {
  expectGradientClose(analytic, numericGradient(f, x), what, x);
}

/** Checks a backward pass: dx against the numerical gradient of Σ forward(x) ⊙ dout. */
export function expectBackwardMatches(
  forward: (x: Matrix) => Matrix,
  x: Matrix,
  dout: Matrix,
  dx: unknown,
  what: string,
): void {
  expectGradientClose(dx, numericGradientOfOutput(forward, x.clone(), dout), what, x);
}
