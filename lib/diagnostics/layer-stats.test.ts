import { expect } from "chai";
import { deadUnitFraction } from "../../solutions/activations";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { activationKind, layerStats } from "./layer-stats";

describe("diagnostics/layerStats", () => {
  it("tells the kinds apart by the library's module names", () => {
    expect(
      [
        "tanh",
        "sigmoid",
        "relu",
        "leaky relu (α = 0.01)",
        "elu (α = 1)",
        "linear1",
        "batchnorm2",
        "linear activation",
      ].map(activationKind),
    ).to.deep.equal(["tanh", "sigmoid", "relu", "leaky relu", "elu", "other", "other", "other"]);
  });

  it("gives mean, std and the dead units of a ReLU layer", () => {
    const s = layerStats(
      Matrix.from2D([
        [0, 1],
        [0, 3],
      ]),
      "relu",
      deadUnitFraction,
    );
    expect(s.mean).to.equal(1);
    expect(s.std).to.be.closeTo(Math.sqrt(1.5), 1e-15);
    expect([s.saturated, s.dead]).to.deep.equal([null, 0.5]);
  });

  it("gives the saturated share of a tanh layer and nothing of the kind for other layers", () => {
    expect(
      layerStats(
        Matrix.from2D([
          [0.99, 0],
          [0, -0.995],
        ]),
        "tanh",
        deadUnitFraction,
      ).saturated,
    ).to.equal(0.5);
    const other = layerStats(Matrix.from2D([[-1, 2]]), "other", deadUnitFraction);
    expect([other.saturated, other.dead]).to.deep.equal([null, null]);
  });

  it("refuses an empty matrix and an unknown kind", () => {
    expect(() => layerStats(new Matrix(0, 2), "relu", deadUnitFraction)).to.throw(CourseInputError, /non-empty/);
    expect(() => layerStats(Matrix.ones(1, 1), "softplus" as never, deadUnitFraction)).to.throw(
      CourseInputError,
      /kind/,
    );
  });
});
