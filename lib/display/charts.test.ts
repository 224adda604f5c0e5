import { expect } from "chai";
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { contourPlot, heatmap, histogram, linePlot, log10Grid, scatterPlot } from "./charts";
import { displaySession, resetDisplaySession } from "./session";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

type Figure = { data: Record<string, unknown>[]; layout: Record<string, unknown> };

/** The figures drawn by f (the library is marked as sent, so no minification here). */
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

describe("chart helpers", () => {
  it("linePlot draws one line per series", () => {
    const [fig] = figures(() =>
      linePlot(
        [
          { name: "train", x: [1, 2], y: [0.9, 0.4] },
          { name: "val", x: [1, 2], y: [1, 0.7] },
        ],
        { title: "Loss" },
      ),
    );
    expect(fig.data).to.deep.equal([
      { type: "scatter", mode: "lines", name: "train", x: [1, 2], y: [0.9, 0.4] },
      { type: "scatter", mode: "lines", name: "val", x: [1, 2], y: [1, 0.7] },
    ]);
    expect(fig.layout.title).to.deep.equal({ text: "Loss" });
  });

  it("linePlot explains series of unequal length", () => {
    expect(() => linePlot([{ name: "a", x: [1, 2], y: [1] }])).to.throw(CourseInputError, /same length/);
  });

  it("scatterPlot uses a fixed colour or a colour scale", () => {
    const [fig] = figures(() =>
      scatterPlot([
        { name: "a", x: [0, 1], y: [1, 0], color: "crimson" },
        { name: "b", x: [2, 3], y: [3, 2], color: [0.1, 0.9] },
      ]),
    );
    expect(fig.data[0]).to.deep.include({ mode: "markers", name: "a" });
    expect(fig.data[0].marker).to.deep.equal({ size: 8, color: "crimson" });
    expect(fig.data[1].marker).to.deep.equal({ size: 8, color: [0.1, 0.9], colorscale: "Viridis", showscale: true });
    expect(() => scatterPlot([{ name: "c", x: [0], y: [0], color: [1, 2] }])).to.throw(CourseInputError, /colours/);
  });

  it("histogram overlays translucent histograms", () => {
    const [fig] = figures(() =>
      histogram([
        { name: "before", values: [1, 2, 2] },
        { name: "after", values: [0, 1] },
      ]),
    );
    expect(fig.data).to.deep.equal([
      { type: "histogram", name: "before", x: [1, 2, 2], opacity: 0.6 },
      { type: "histogram", name: "after", x: [0, 1], opacity: 0.6 },
    ]);
    expect(fig.layout.barmode).to.equal("overlay");
  });

  it("heatmap takes a Matrix and puts row 0 at the top", () => {
    const [fig] = figures(() =>
      heatmap(
        Matrix.from2D([
          [1, 2],
          [3, 4],
        ]),
        { title: "W", x: [10, 20] },
      ),
    );
    expect(fig.data[0]).to.deep.include({
      type: "heatmap",
      z: [
        [1, 2],
        [3, 4],
      ],
      x: [10, 20],
    });
    expect(fig.layout.yaxis).to.deep.equal({ autorange: "reversed" });
  });

  it("contourPlot draws the surface and each path, on a log scale if asked", () => {
    const x = [-1, 0, 1];
    const y = [-1, 1];
    const z = y.map((b) => x.map((a) => 10 ** (a + b + 2)));
    const [fig] = figures(() =>
      contourPlot({ x, y, z }, { logScale: true, title: "f", paths: [{ name: "GD", x: [1, 0.5, 0], y: [1, 0, 0] }] }),
    );
    expect(fig.data).to.have.length(2);
    expect(fig.data[0].type).to.equal("contour");
    expect(fig.data[0].z).to.deep.equal([
      [0, 1, 2],
      [2, 3, 4],
    ]);
    expect(fig.data[1]).to.deep.include({ type: "scatter", mode: "lines+markers", name: "GD", x: [1, 0.5, 0] });
    expect((fig.data[1].marker as { size: number[] }).size).to.deep.equal([11, 5, 5]);
    expect(() => contourPlot({ x, y: [0], z })).to.throw(CourseInputError, /one row per y value/);
  });

  it("log10Grid shifts a grid with values ≤ 0", () => {
    expect(
      log10Grid([
        [1, 10],
        [100, 1000],
      ]),
    ).to.deep.equal({
      z: [
        [0, 1],
        [2, 3],
      ],
      shifted: false,
    });
    const g = log10Grid([[-1, 0, 9999]]); // range 10000, so ε = 1
    expect(g.shifted).to.equal(true);
    expect(g.z[0]).to.deep.equal([0, Math.log10(2), Math.log10(10001)]);
    expect(log10Grid([[0, 0]]).z).to.deep.equal([[0, 0]]);
  });
});
