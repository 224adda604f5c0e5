/**
 * Graded tests for exercises/schedules.ts (step, exponential, 1/t and cosine decay).
 */
import { schedules } from "nn-course/exercises";
import { graded, expectClose, expectThrowsNamed } from "./graded";

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
});
