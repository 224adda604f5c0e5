/**
 * Hidden graded tests for exercises/schedules.ts: the warm-up, reduce-on-plateau and range-test exercises on other
 * inputs and edge cases than the public tests, so that an implementation tuned to the public inputs does not collect
 * these points. Expected values are worked out by hand in the comments.
 */
import { schedules } from "nn-course/exercises";
import { graded, expectClose, expectThrowsNamed, hint, detect } from "../graded/graded";

describe("graded (hidden): schedules", () => {
  graded("linearWarmup: 10 steps to 0.5, fractional steps, constant afterwards", 1, () => {
    // (t + 1)/10 · 0.5
    expectClose(schedules.linearWarmup(0, 0.5, 10), 0.05, 1e-15, "linearWarmup(0, 0.5, 10)", [
      hint("warm-up that starts at 0", detect.matches(0, 0), "the first step's rate must not be 0."),
    ]);
    expectClose(schedules.linearWarmup(4, 0.5, 10), 0.25, 1e-15, "linearWarmup(4, 0.5, 10)");
    expectClose(schedules.linearWarmup(9, 0.5, 10), 0.5, 1e-15, "linearWarmup(9, 0.5, 10)");
    expectClose(schedules.linearWarmup(250, 0.5, 10), 0.5, 1e-15, "linearWarmup(250, 0.5, 10)");
    for (let t = 1; t < 12; t++) {
      const rise = schedules.linearWarmup(t, 0.5, 10) - schedules.linearWarmup(t - 1, 0.5, 10);
      expectClose(rise, t < 10 ? 0.05 : 0, 1e-15, `linearWarmup(${t}) − linearWarmup(${t - 1}): equal increments`);
    }
    expectThrowsNamed(() => schedules.linearWarmup(-1, 0.5, 10), "CourseInputError", "linearWarmup at t = −1");
  });

  graded(
    "reduceOnPlateau: long plateau with patience 2, equal losses do not improve, factor 1 never reduces",
    1,
    () => {
      // best 0.5 at epoch 2; epochs 3–5 → reduce (× 0.3); 6–8 → reduce; 9 new best 0.4; 10 → count 1
      const losses = [0.9, 0.5, 0.5, 0.6, 0.55, 0.52, 0.51, 0.5, 0.4, 0.45];
      expectClose(
        schedules.reduceOnPlateau(losses, 2, 0.3, 2),
        2 * 0.3 * 0.3,
        1e-15,
        `reduceOnPlateau([${losses}], 2, 0.3, 2)`,
        [
          hint(
            "an equal loss counted as an improvement",
            detect.matches(2 * 0.3, 1e-12),
            "a loss equal to the best so far is not an improvement: it has to be lower.",
          ),
        ],
      );
      expectClose(
        schedules.reduceOnPlateau([3, 4, 5, 6], 0.7, 1, 0),
        0.7,
        1e-15,
        "reduceOnPlateau([3, 4, 5, 6], 0.7, factor 1)",
      );
      expectClose(
        schedules.reduceOnPlateau([3, 4, 5, 6], 0.8, 0.5, 0),
        0.1,
        1e-15,
        "reduceOnPlateau([3, 4, 5, 6], 0.8)",
      );
      expectThrowsNamed(
        () => schedules.reduceOnPlateau([1], 0.1, 0.5, -1),
        "CourseInputError",
        "reduceOnPlateau, patience −1",
      );
    },
  );

  graded("lrRangeRate: 1e-6 to 10 over 71 steps (ten steps per decade); non-decade ends", 1, () => {
    for (let t = 0; t <= 70; t += 10) {
      const lr = 1e-6 * 10 ** (t / 10);
      expectClose(schedules.lrRangeRate(t, 1e-6, 10, 71), lr, 1e-12 * lr, `lrRangeRate(${t}, 1e-6, 10, 71)`);
    }
    // 0.002 · (0.5/0.002)^{1/2} = 0.002 · √250
    expectClose(
      schedules.lrRangeRate(1, 0.002, 0.5, 3),
      0.002 * Math.sqrt(250),
      1e-15,
      "lrRangeRate(1, 0.002, 0.5, 3)",
    );
    expectThrowsNamed(() => schedules.lrRangeRate(0, 1, 0.1, 5), "CourseInputError", "lrRangeRate with lrMin > lrMax");
  });

  graded("rangeTestSuggestion: the first minimum on a tie, −∞ ignored, one rate", 1, () => {
    expectClose(
      schedules.rangeTestSuggestion([0.5, 1, 2, 4], [2, 0.3, 0.3, 5]),
      0.1,
      1e-15,
      "rangeTestSuggestion, tie at rates 1 and 2",
    );
    expectClose(
      schedules.rangeTestSuggestion([0.5, 1, 2], [0.9, -Infinity, 0.8]),
      0.2,
      1e-15,
      "rangeTestSuggestion with −∞",
    );
    expectClose(schedules.rangeTestSuggestion([3e-3], [1.2]), 3e-4, 1e-18, "rangeTestSuggestion with one rate");
    expectThrowsNamed(
      () => schedules.rangeTestSuggestion([1, 2], [NaN, NaN]),
      "CourseInputError",
      "rangeTestSuggestion, all NaN",
    );
  });
});
