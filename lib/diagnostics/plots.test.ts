import { expect } from "chai";
import { deadUnitFraction } from "../../solutions/activations";
import { xavierUniform } from "../../solutions/init";
import * as layers from "../../solutions/layers";
import * as losses from "../../solutions/losses";
import { displaySession, resetDisplaySession } from "../display/session";
import { CourseInputError } from "../errors";
import { mlp } from "../nn/mlp";
import { spirals } from "../nn/spirals";
import { rng } from "../random";
import {
  histogramRanges,
  histogramTraces,
  ratioLayout,
  ratioTraces,
  showHistograms,
  showLayerStat,
  showUpdateRatios,
  statTraces,
} from "./plots";
import { watchTraining, type TrainingProbe } from "./probe";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

type Figure = { data: Record<string, unknown>[]; layout: Record<string, unknown> };

/** The figures drawn by f. */
function figures(f: () => void): Figure[] {
  const sent: string[] = [];
  displaySession().librarySent = true;
  jupyter.lastWriteDisplayData = (content: { data: Record<string, string> }) => sent.push(content.data["text/html"]);
  try {
    f();
  } finally {
    jupyter.lastWriteDisplayData = null;
    resetDisplaySession();
  }
  return sent.map((h) => JSON.parse(/var id = "[^"]*", fig = (.*), tries = 0;/.exec(h)![1]));
}

/** A probe after 3 steps of a tanh-then-relu net on the spirals. */
function trainedProbe(): TrainingProbe {
  const net = mlp([2, 10, 10, 3], "tanh", rng(0), { fns: layers, initWeights: xavierUniform });
  const probe = watchTraining(net, { deadUnits: deadUnitFraction, histogramsAt: [0, 2], bins: 10 });
  const { X, y } = spirals(10, 3, 0);
  for (let t = 0; t < 3; t++) {
    probe.model.backward(losses.softmaxCrossEntropy(probe.model.forward(X), y).dscores);
    for (const p of probe.model.params()) p.value.data.set(layers.sgdStep(p.value, p.grad, 0.1, 0).data);
  }
  probe.model.forward(X); // the last update is measured at the next forward pass
  return probe;
}

describe("diagnostics/plots", () => {
  it("draws one histogram curve per watched layer, named with its statistics", () => {
    const probe = trainedProbe();
    const traces = histogramTraces(probe.snapshots[1], "out") as Record<string, unknown>[];
    expect(traces).to.have.length(2);
    expect(traces[0].type).to.equal("scatter");
    expect(traces[0].name).to.match(/^tanh 1: mean -?[\d.e-]+, std [\d.]+, saturated [\d.]+ %$/);
    expect(traces[0].x).to.have.length(10);
    const [fig] = figures(() => showHistograms(probe, "grad", { step: 2 }));
    expect(fig.data.map((t) => t.name)).to.have.length(2);
    expect(JSON.stringify(fig.layout.title)).to.contain("step 2");
  });

  it("draws a statistic over the steps, leaving out layers without it", () => {
    const probe = trainedProbe();
    expect(statTraces(probe, "saturated")).to.have.length(2);
    expect(statTraces(probe, "dead"), "tanh layers have no dead units").to.have.length(0);
    const [fig] = figures(() => showLayerStat(probe, "std"));
    expect(fig.data[0].x).to.deep.equal([0, 1, 2]);
  });

  it("draws the update ratios on a log axis with the 10⁻³ line", () => {
    const probe = trainedProbe();
    expect((ratioTraces(probe) as Record<string, unknown>[]).map((t) => t.name)).to.deep.equal(["W1", "W2", "W3"]);
    const [fig] = figures(() => showUpdateRatios(probe));
    expect(fig.data[0].y).to.have.length(3);
    expect((fig.layout.yaxis as Record<string, unknown>).type).to.equal("log");
    expect(JSON.stringify(fig.layout.shapes)).to.contain('"y0":0.001');
    expect(
      fig.data.every((t) => ["scatter", "bar", "histogram", "heatmap", "contour"].includes(t.type as string)),
    ).to.equal(true);
  });

  it("gives slider frames the axis ranges that fit them", () => {
    const probe = trainedProbe();
    const snap = probe.snapshots[0];
    const { xaxis, yaxis } = histogramRanges(snap, "grad") as {
      xaxis: { range: number[] };
      yaxis: { range: number[] };
    };
    expect(xaxis.range[0]).to.equal(Math.min(...snap.layers.map((l) => l.grad.lo)));
    expect(xaxis.range[1]).to.equal(Math.max(...snap.layers.map((l) => l.grad.hi)));
    expect(yaxis.range[1]).to.be.closeTo(1.05 * Math.max(...snap.layers.flatMap((l) => l.grad.density)), 1e-12);
    const all = probe.ratios.flatMap((r) => r.ratio);
    const fitted = ratioLayout("r", [probe]) as { yaxis: { range: number[]; type: string } };
    expect(fitted.yaxis.type).to.equal("log");
    expect(fitted.yaxis.range[0]).to.be.closeTo(Math.log10(Math.min(...all)) - 0.1, 1e-12);
    expect(fitted.yaxis.range[1]).to.be.closeTo(Math.log10(Math.max(...all)) + 0.1, 1e-12);
    expect((ratioLayout() as { yaxis: object }).yaxis).not.to.have.property("range");
  });

  it("says which steps have histograms when asked for another", () => {
    expect(() => showHistograms(trainedProbe(), "out", { step: 1 })).to.throw(CourseInputError, /kept at: 0, 2/);
    expect(() => histogramTraces(trainedProbe().snapshots[0], "weights" as never)).to.throw(CourseInputError, /which/);
  });
});
