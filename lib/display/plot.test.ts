import { expect } from "chai";
import * as fs from "fs";
import { figureHtml, figureText, plot } from "./plot";
import { plotlyCachePath } from "./plotlyLibrary";
import { displaySession, resetDisplaySession } from "./session";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

type Data = Record<string, string>;

function sentData(f: () => void): Data[] {
  const sent: Data[] = [];
  jupyter.lastWriteDisplayData = (content: { data: Data }) => sent.push(content.data);
  try {
    f();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

/** The figure object a figure script draws, read back from the HTML. */
function figureOf(html: string): {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  frames?: unknown[];
} {
  const m = /var id = "[^"]*", fig = (.*), tries = 0;/.exec(html);
  if (!m) throw new Error("no figure in HTML");
  return JSON.parse(m[1]);
}

/** The HTML after the library <script> (the figure's own div and script). */
function figurePart(html: string): string {
  return html.slice(html.indexOf('<div id="nn-course-plot-'));
}

const LIBRARY_MARK = "if (!window.Plotly) {";

describe("plot", function () {
  this.timeout(120000); // the first run minifies plotly.js (a few seconds)

  beforeEach(() => resetDisplaySession());
  after(() => resetDisplaySession());

  it("prints a text stand-in without a kernel and uses up no figure id", () => {
    const write = process.stdout.write;
    let out = "";
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    try {
      plot(
        [
          { x: [1], y: [2] },
          { x: [1], y: [3] },
        ],
        { title: "Loss" },
      );
      plot([{ x: [1], y: [2] }]);
    } finally {
      process.stdout.write = write;
    }
    expect(out).to.equal("[plot: Loss, 2 traces]\n[plot: 1 trace]\n");
    expect(displaySession()).to.deep.equal({ plots: 0, librarySent: false });
  });

  it("sends plotly.js with the first figure only, with counter ids and the data", () => {
    const sent = sentData(() => {
      plot([{ x: [0, 1, 2], y: [3.25, 1.5, 0.125], name: "train" }], { title: "Loss" });
      plot([{ x: [0, 1], y: [7, 8] }]);
      plot([{ x: [0, 1], y: [9, 10] }], { title: { text: "third" } });
    });
    expect(sent).to.have.length(3);
    const html = sent.map((d) => d["text/html"]);
    expect(html[0]).to.contain(LIBRARY_MARK);
    expect(html[0].length).to.be.greaterThan(1e6);
    expect(html[1]).not.to.contain(LIBRARY_MARK);
    expect(html[2]).not.to.contain(LIBRARY_MARK);
    expect(html[1].length).to.be.lessThan(5000);
    expect(html.map((h) => /<div id="(nn-course-plot-\d+)"/.exec(h)?.[1])).to.deep.equal([
      "nn-course-plot-1",
      "nn-course-plot-2",
      "nn-course-plot-3",
    ]);
    expect(figureOf(html[0]).data).to.deep.equal([{ x: [0, 1, 2], y: [3.25, 1.5, 0.125], name: "train" }]);
    expect(sent.map((d) => d["text/plain"])).to.deep.equal([
      "[plot: Loss, 1 trace]",
      "[plot: 1 trace]",
      "[plot: third, 1 trace]",
    ]);
  });

  it("loads nothing from the network", () => {
    const [first, second] = sentData(() => {
      plot([{ x: [0], y: [0] }], { title: "a" });
      plot([{ x: [0], y: [0] }], { title: "b" });
    });
    for (const h of [figurePart(first["text/html"]), second["text/html"]]) expect(h).not.to.match(/https?:/);
    for (const h of [first["text/html"], second["text/html"]]) {
      expect(h).not.to.match(/<script[^>]*\bsrc=/i);
      expect(h).not.to.match(/<link[^>]*\bhref=/i);
    }
    // the only <script> tags are the library and the figure's own
    expect(first["text/html"].match(/<script/g)).to.have.length(2);
    expect(first["text/html"].match(/<\/script>/g)).to.have.length(2);
  });

  it("gives identical outputs when a notebook is run twice", () => {
    const run = () =>
      sentData(() => {
        plot([{ x: [1, 2], y: [0.1, 0.2] }], { title: "one" });
        plot([{ x: [1, 2], y: [0.3, 0.4] }], { title: "two" });
      }).map((d) => d["text/html"]);
    const a = run();
    resetDisplaySession();
    const b = run();
    expect(a).to.deep.equal(b);
  });

  it("caches the minified library under build/vendor, newer than the source", () => {
    sentData(() => plot([{ x: [0], y: [0] }]));
    const src = require.resolve("plotly.js-dist/plotly.js");
    expect(fs.statSync(plotlyCachePath).mtimeMs).to.be.at.least(fs.statSync(src).mtimeMs);
    expect(fs.statSync(plotlyCachePath).size).to.be.lessThan(fs.statSync(src).size * 0.7);
  });

  it("keeps frames and sliders and turns string titles into plotly 3 title objects", () => {
    const layout = {
      title: "sweep",
      xaxis: { title: "x" },
      sliders: [{ steps: [{ label: "k=1", method: "animate", args: [["k1"]] }] }],
    };
    const frames = [{ name: "k1", data: [{ y: [1, 2] }] }];
    const fig = figureOf(figureHtml("f", [{ y: [0, 0] }], layout, { frames, height: 300 }));
    expect(fig.frames).to.deep.equal(frames);
    expect(fig.layout.sliders).to.deep.equal(layout.sliders);
    expect(fig.layout.title).to.deep.equal({ text: "sweep" });
    expect(fig.layout.xaxis).to.deep.equal({ title: { text: "x" } });
    expect(fig.layout.height).to.equal(300);
  });

  it("cannot be broken out of its script by the data, and turns typed arrays and NaN into JSON", () => {
    const html = figureHtml("f", [{ name: "</script><b>x</b>", y: new Float64Array([1, NaN, 2]) }]);
    expect(html.match(/<\/script>/g)).to.have.length(1);
    expect(figureOf(html).data[0]).to.deep.equal({ name: "</script><b>x</b>", y: [1, null, 2] });
  });

  it("shows a readable message in the figure's place until plotly draws", () => {
    const html = figureHtml("nn-course-plot-7", [{ y: [1] }, { y: [2] }], { title: "Loss" });
    expect(html).to.match(
      /^<div id="nn-course-plot-7"[^>]*>\[plot: Loss, 2 traces\] This figure is drawn by plotly\.js/,
    );
    expect(figureText([], {})).to.equal("[plot: 0 traces]");
  });
});
