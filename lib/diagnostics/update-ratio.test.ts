import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { updateRatio } from "./update-ratio";

describe("diagnostics/updateRatio", () => {
  it("is ‖after − before‖ / ‖before‖", () => {
    expect(updateRatio(Matrix.from2D([[3, 4]]), Matrix.from2D([[3, 4.005]]))).to.be.closeTo(1e-3, 1e-15);
    expect(updateRatio(Matrix.from2D([[1, -1]]), Matrix.from2D([[1, -1]]))).to.equal(0);
  });

  it("refuses mismatched shapes and an all-zero parameter", () => {
    expect(() => updateRatio(Matrix.ones(2, 2), Matrix.ones(1, 4))).to.throw(CourseInputError, /2×2.*1×4/);
    expect(() => updateRatio(Matrix.zeros(2, 2), Matrix.ones(2, 2))).to.throw(CourseInputError, /zeros/);
  });
});
