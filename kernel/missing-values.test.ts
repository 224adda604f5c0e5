import { expect } from "chai";
import { declaredNames, isMissingValue, MissingValue, missingValue } from "./missing-values";

describe("kernel: missing values of a cell that stopped part-way", () => {
  it("finds the names a cell declares, inside destructuring patterns too", () => {
    const code = [
      "import { losses } from 'nn-course/exercises';",
      "const { softmax, crossEntropy: ce, rest: [first, , third] } = losses as any;",
      "let a = 1, b;",
      "function train() {}",
      "class Net {}",
      "enum Mode { A }",
      "for (const i of [1]) { const inner = i; }",
      "a + 1;",
    ].join("\n");
    expect(declaredNames(code)).to.deep.equal(["softmax", "ce", "first", "third", "a", "b", "train", "Net", "Mode"]);
  });

  it("explains itself on any use, naming the cell to re-run and the exercise to implement", () => {
    const probs = missingValue("probs", 5, { kind: "exercise", exercise: "softmax", file: "exercises/losses.ts" });
    const uses: (() => unknown)[] = [
      () => (probs as { rows: number }).rows,
      () => (probs as () => void)(),
      () => `${String(probs)}`,
      () => (probs as unknown as number) + 1,
      () => "rows" in probs,
      () => Object.keys(probs),
      () => ({ ...probs }),
      () => probs instanceof Array,
    ];
    for (const use of uses) {
      expect(use).to.throw(MissingValue, "probs has no value yet: In [5] needs softmax");
    }
    let message = "";
    try {
      String(probs);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.contain("Implement softmax in exercises/losses.ts, save, then re-run In [5] and this cell.");
    expect(isMissingValue(probs)).to.equal(true);
    expect(isMissingValue({})).to.equal(false);
    expect(isMissingValue(null)).to.equal(false);
  });

  it("says when the cell was interrupted or failed instead", () => {
    const interrupted = missingValue("net", 7, { kind: "interrupt" });
    expect(() => String(interrupted)).to.throw("net has no value: In [7] was interrupted before computing it");
    const failed = missingValue("cs", 3, { kind: "error", error: "TypeError: x is undefined" });
    expect(() => String(failed)).to.throw(
      "In [3] stopped with an error before computing it (TypeError: x is undefined)",
    );
  });
});
