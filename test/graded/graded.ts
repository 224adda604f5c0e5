/**
 * Helpers for graded tests: `graded` declares a test worth some points, `parsePoints` reads them back from the
 * test title, and the `expect…` helpers fail with a message that says what was checked, on which input, and
 * expected vs got.
 *
 * A graded test's title ends with its points: "softmax: rows sum to one [2 pts]" (or "[1 pt]").
 *
 * @example
 * graded("softmax: rows sum to one", 2, () => { ... });
 * parsePoints("softmax: rows sum to one [2 pts]"); // 2
 */
import { expect } from "chai";
import { Matrix } from "../../lib/matrix";

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

/** Fails unless `got` is a finite number within `tol` of `expected`; `what` names the check and its input. */
export function expectClose(got: unknown, expected: number, tol: number, what: string): void {
  expect(typeof got, `${what}: expected a number, got ${typeof got} (${String(got)})`).to.equal("number");
  const ok = Number.isFinite(got as number) && Math.abs((got as number) - expected) <= tol;
  if (!ok) expect.fail(`${what}: expected ${expected} (± ${tol}), got ${got}`);
}

/** Fails unless `got` is a Matrix of `expected`'s shape whose every element is within `tol` of `expected`. */
export function expectMatrixClose(
  got: unknown,
  expected: readonly (readonly number[])[],
  tol: number,
  what: string,
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
            `expected ${show(expected)}, got ${show(m)}`,
        );
      }
    }
  }
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
