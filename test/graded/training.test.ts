/**
 * Graded tests for exercises/training.ts (early stopping with patience, random search in log space).
 */
import { expect } from "chai";
import { training } from "nn-course/exercises";
import { rng } from "../../lib/random";
import { graded, expectClose, expectThrowsNamed, show } from "./graded";

describe("graded: training", () => {
  graded("earlyStopping: stop after `patience` evaluations without improvement, best step restored", 2, () => {
    const cases: [number[], number, { stop: boolean; bestStep: number; sinceBest: number }][] = [
      [[0.9, 0.5, 0.6, 0.7], 2, { stop: true, bestStep: 1, sinceBest: 2 }],
      [[0.9, 0.5, 0.6], 2, { stop: false, bestStep: 1, sinceBest: 1 }],
      [[0.9, 0.8, 0.7, 0.6], 1, { stop: false, bestStep: 3, sinceBest: 0 }],
      [[0.4], 3, { stop: false, bestStep: 0, sinceBest: 0 }],
      [[0.5, 0.5, 0.5, 0.5], 3, { stop: true, bestStep: 0, sinceBest: 3 }], // a tie is no improvement
      [[1, 0.6, 0.7, 0.55, 0.58, 0.6, 0.61], 3, { stop: true, bestStep: 3, sinceBest: 3 }],
    ];
    for (const [history, patience, want] of cases) {
      const got = training.earlyStopping(history, patience);
      const what = `earlyStopping(${show(history)}, patience ${patience})`;
      expect(got.stop, `${what}.stop`).to.equal(want.stop);
      expect(got.bestStep, `${what}.bestStep`).to.equal(want.bestStep);
      expect(got.sinceBest, `${what}.sinceBest`).to.equal(want.sinceBest);
      expectClose(got.bestValue, history[want.bestStep], 0, `${what}.bestValue`);
    }
  });

  graded("earlyStopping: minDelta ignores tiny improvements; bad input → CourseInputError", 1, () => {
    const got = training.earlyStopping([1, 0.999, 0.998, 0.997], 3, 0.01);
    expect(got.stop, "earlyStopping([1, 0.999, 0.998, 0.997], 3, minDelta 0.01).stop").to.equal(true);
    expect(got.bestStep, "… .bestStep").to.equal(0);
    expectThrowsNamed(() => training.earlyStopping([], 2), "CourseInputError", "earlyStopping([], 2)");
    expectThrowsNamed(() => training.earlyStopping([1], 0), "CourseInputError", "earlyStopping([1], patience 0)");
  });

  graded("randomSearch: the documented draws (one rng(seed).next() per key, in order)", 2, () => {
    const space = {
      lr: { min: 1e-6, max: 1e-2, scale: "log" as const },
      reg: { min: 0, max: 1 },
      hidden: { choices: [50, 100, 150] },
      layers: { min: 1, max: 4, integer: true },
    };
    const got = training.randomSearch(space, 5, 12);
    expect(got.length, "randomSearch(…, 5 settings)").to.equal(5);
    const r = rng(12);
    got.forEach((s, i) => {
      const [u1, u2, u3, u4] = [r.next(), r.next(), r.next(), r.next()];
      expectClose(s.lr, 10 ** (-6 + 4 * u1), 1e-15 * 10 ** (-6 + 4 * u1) + 1e-20, `setting ${i}: lr = 10^(−6 + 4u)`);
      expectClose(s.reg, u2, 1e-15, `setting ${i}: reg = 0 + u (1 − 0)`);
      expectClose(s.hidden, [50, 100, 150][Math.floor(3 * u3)], 0, `setting ${i}: hidden = choices[⌊3u⌋]`);
      expectClose(s.layers, Math.round(1 + 3 * u4), 0, `setting ${i}: layers = round(1 + 3u)`);
    });
    const again = training.randomSearch(space, 5, 12);
    expect(again, "randomSearch with the same seed twice").to.deep.equal(got);
  });

  graded("randomSearch: log scale puts equally many samples in every decade", 2, () => {
    const settings = training.randomSearch({ lr: { min: 1e-5, max: 1e-1, scale: "log" } }, 4000, 3);
    const perDecade = [0, 0, 0, 0];
    for (const { lr } of settings) {
      if (!(lr >= 1e-5 && lr <= 1e-1)) expect.fail(`randomSearch: lr = ${lr} is outside [1e-5, 1e-1]`);
      perDecade[Math.min(3, Math.floor(Math.log10(lr) + 5))]++;
    }
    perDecade.forEach((n, k) =>
      expectClose(n / 4000, 0.25, 0.03, `fraction of samples in decade 1e${k - 5}…1e${k - 4}`),
    );
    expectThrowsNamed(
      () => training.randomSearch({ lr: { min: 0, max: 1, scale: "log" } }, 3, 0),
      "CourseInputError",
      "log scale with min = 0",
    );
  });
});
