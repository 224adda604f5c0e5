/**
 * Graded tests for exercises/schedules.ts (step, exponential, 1/t and cosine decay; warm-up, reduce-on-plateau and
 * the learning-rate range test).
 */
import { schedules } from "nn-course/exercises";
import { graded, expectClose, expectThrowsNamed, hint, detect } from "./graded";

describe("graded: schedules", () => {
  graded("stepDecay: halve every 5 epochs (the slide's recipe) and other factors", 2, () => {
    const expected = [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025];
    expected.forEach((lr, t) =>
      expectClose(schedules.stepDecay(t, 0.1, 5), lr, 1e-15, `stepDecay(t = ${t}, 0.1, every 5)`),
    );
    expectClose(schedules.stepDecay(30, 1, 10, 0.1), 1e-3, 1e-15, "stepDecay(t = 30, 1, every 10, factor 0.1)");
    expectThrowsNamed(() => schedules.stepDecay(3, 0.1, 0), "CourseInputError", "stepDecay with every = 0");
  });

  graded("exponentialDecay: α₀·e^{−kt} (not the slide's η₀^{−kt})", 2, () => {
    expectClose(schedules.exponentialDecay(0, 0.1, 0.5), 0.1, 1e-15, "exponentialDecay(t = 0, 0.1, k = 0.5)");
    expectClose(schedules.exponentialDecay(10, 0.1, Math.LN2 / 10), 0.05, 1e-15, "exponentialDecay(10, 0.1, ln2/10)");
    // 0.1·e^{−0.2·7} = 0.1·0.246596964
    expectClose(schedules.exponentialDecay(7, 0.1, 0.2), 0.024659696394160643, 1e-15, "exponentialDecay(7, 0.1, 0.2)");
  });

  graded("inverseTimeDecay: α₀ / (1 + kt)", 1, () => {
    expectClose(schedules.inverseTimeDecay(0, 0.3, 0.5), 0.3, 1e-15, "inverseTimeDecay(0, 0.3, 0.5)");
    expectClose(schedules.inverseTimeDecay(10, 0.1, 0.1), 0.05, 1e-15, "inverseTimeDecay(10, 0.1, 0.1)");
    expectClose(schedules.inverseTimeDecay(4, 0.3, 0.5), 0.1, 1e-15, "inverseTimeDecay(4, 0.3, 0.5)");
  });

  graded("cosineDecay: ½α₀(1 + cos(tπ/T)), 0 from t = T on", 2, () => {
    expectClose(schedules.cosineDecay(0, 0.1, 100), 0.1, 1e-15, "cosineDecay(0, 0.1, T = 100)");
    expectClose(schedules.cosineDecay(50, 0.1, 100), 0.05, 1e-15, "cosineDecay(50, 0.1, T = 100)");
    // ½·0.1·(1 + cos(π/4)) = 0.05·1.70710678
    expectClose(schedules.cosineDecay(25, 0.1, 100), 0.08535533905932738, 1e-15, "cosineDecay(25, 0.1, T = 100)");
    expectClose(schedules.cosineDecay(100, 0.1, 100), 0, 1e-15, "cosineDecay(T, 0.1, T)");
    expectClose(schedules.cosineDecay(150, 0.1, 100), 0, 0, "cosineDecay(1.5·T, 0.1, T): stays at 0 after T");
  });

  graded("all schedules: non-increasing in t, and a negative t → CourseInputError", 1, () => {
    const fns = {
      stepDecay: (t: number) => schedules.stepDecay(t, 0.1, 3),
      exponentialDecay: (t: number) => schedules.exponentialDecay(t, 0.1, 0.05),
      inverseTimeDecay: (t: number) => schedules.inverseTimeDecay(t, 0.1, 0.05),
      cosineDecay: (t: number) => schedules.cosineDecay(t, 0.1, 40),
    };
    for (const [name, f] of Object.entries(fns)) {
      let prev = f(0);
      expectClose(prev, 0.1, 1e-15, `${name} at t = 0`);
      for (let t = 1; t <= 60; t++) {
        const lr = f(t);
        if (!(lr <= prev)) expectClose(lr, prev, 0, `${name}: α_${t} must not exceed α_${t - 1}`);
        prev = lr;
      }
      expectThrowsNamed(() => f(-1), "CourseInputError", `${name} at t = −1`);
    }
  });

  graded("linearWarmup: 0.1, 0.2, 0.3, 0.4 over 4 steps, then 0.4", 2, () => {
    const expected = [0.1, 0.2, 0.3, 0.4, 0.4, 0.4];
    expected.forEach((lr, t) =>
      expectClose(schedules.linearWarmup(t, 0.4, 4), lr, 1e-15, `linearWarmup(t = ${t}, 0.4, over 4 steps)`, [
        hint(
          "warm-up that starts at 0",
          detect.matches(t < 4 ? (0.4 * t) / 4 : 0.4, 1e-12),
          "a rate of 0 at t = 0 wastes the first update; step t = 0 is the first of the warm-up steps, and the " +
            "last warm-up step (t = warmupSteps − 1) is already at lr0.",
        ),
      ]),
    );
    expectClose(schedules.linearWarmup(0, 0.3, 1), 0.3, 1e-15, "linearWarmup(0, 0.3, over 1 step): no warm-up at all");
    expectThrowsNamed(() => schedules.linearWarmup(0, 0.1, 0), "CourseInputError", "linearWarmup with warmupSteps = 0");
  });

  graded("reduceOnPlateau: halve after an epoch without a new best (the slide's rule, patience 0)", 2, () => {
    expectClose(schedules.reduceOnPlateau([], 0.1), 0.1, 1e-15, "reduceOnPlateau([], 0.1): no epoch yet");
    expectClose(schedules.reduceOnPlateau([1.0, 0.8, 0.7], 0.1), 0.1, 1e-15, "reduceOnPlateau([1.0, 0.8, 0.7], 0.1)");
    expectClose(schedules.reduceOnPlateau([1.0, 0.8, 0.9], 0.1), 0.05, 1e-15, "reduceOnPlateau([1.0, 0.8, 0.9], 0.1)");
    expectClose(
      schedules.reduceOnPlateau([1.0, 0.8, 0.9, 0.95, 0.6], 0.1),
      0.025,
      1e-15,
      "reduceOnPlateau([1.0, 0.8, 0.9, 0.95, 0.6], 0.1): two epochs without improvement",
    );
  });

  graded("reduceOnPlateau: patience and factor; the count starts again after each reduction", 2, () => {
    const losses = [1.0, 0.8, 0.85, 0.9, 0.82, 0.81, 0.83];
    // patience 1: epochs 3, 4 without a new best → × 0.1 (count restarts); 5, 6 without → × 0.1 again; 7 → count 1
    expectClose(schedules.reduceOnPlateau(losses, 1, 0.1, 1), 0.01, 1e-15, `reduceOnPlateau([${losses}], 1, 0.1, 1)`, [
      hint(
        "count not reset after a reduction",
        detect.matches(1e-4, 1e-12),
        "after each reduction the count of epochs without improvement starts again from 0; otherwise the rate " +
          "falls at every epoch once the patience has run out.",
      ),
      hint(
        "compared with the previous epoch only",
        detect.matches(0.1, 1e-12),
        "an epoch improves only when its loss is below the best loss so far, not just below the previous epoch's.",
      ),
    ]);
    expectClose(
      schedules.reduceOnPlateau([1, 1, 1], 0.2, 0.5, 5),
      0.2,
      1e-15,
      "reduceOnPlateau([1, 1, 1], 0.2, 0.5, 5)",
    );
    expectThrowsNamed(() => schedules.reduceOnPlateau([1], 0.1, 0), "CourseInputError", "reduceOnPlateau, factor 0");
  });

  graded("lrRangeRate: from lrMin to lrMax by the same factor at each step", 2, () => {
    [1e-4, 1e-3, 1e-2, 1e-1, 1].forEach((lr, t) =>
      expectClose(
        schedules.lrRangeRate(t, 1e-4, 1, 5),
        lr,
        1e-15 + 1e-12 * lr,
        `lrRangeRate(t = ${t}, 1e-4, 1, 5 steps)`,
        [
          hint(
            "linear spacing",
            detect.matches(1e-4 + ((1 - 1e-4) * t) / 4, 1e-12),
            "equal differences put almost every step at the top decade; the range test needs equal ratios (a log scale).",
          ),
        ],
      ),
    );
    expectClose(schedules.lrRangeRate(1, 0.01, 0.09, 3), 0.03, 1e-15, "lrRangeRate(1, 0.01, 0.09, 3 steps)");
    expectThrowsNamed(() => schedules.lrRangeRate(5, 1e-4, 1, 5), "CourseInputError", "lrRangeRate with t = steps");
  });

  graded("rangeTestSuggestion: one tenth of the rate at the lowest loss", 1, () => {
    const rates = [0.01, 0.1, 1, 10];
    expectClose(
      schedules.rangeTestSuggestion(rates, [1.1, 0.7, 0.5, 9]),
      0.1,
      1e-15,
      "rangeTestSuggestion(…, [1.1, 0.7, 0.5, 9])",
      [
        hint(
          "the rate at the minimum itself",
          detect.matches(1, 1e-12),
          "at the lowest loss the run is about to diverge; the suggestion backs off by a factor of 10.",
        ),
      ],
    );
    expectClose(
      schedules.rangeTestSuggestion(rates, [1.1, 0.7, NaN, Infinity]),
      0.01,
      1e-15,
      "rangeTestSuggestion(…, [1.1, 0.7, NaN, ∞])",
    );
  });
});
