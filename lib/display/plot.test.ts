import { expect } from "chai";
import * as zlib from "zlib";
import { compactHistogram, figureData, figureHtml, figureText, HISTOGRAM_RAW_MAX, PACK_ABOVE, plot } from "./plot";
import { PLOTLY_TRACE_TYPES, plotlyLibraryHtml, plotlyPayload, plotlySource } from "./plotlyLibrary";
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

const LIBRARY_MARK = "var b64 = ";

describe("plot", function () {
  this.timeout(30000); // the first figure compresses plotly.js (about a second)

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
    expect(html[0].length).to.be.within(0.5e6, 0.75e6); // compressed: ~0.67 MB, not the 1.5 MB library
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

  it("ships plotly's cartesian bundle gzip+base64, byte for byte the same on every run, with the traces the course uses", () => {
    const payload = plotlyPayload();
    expect(zlib.gunzipSync(Buffer.from(payload, "base64")).toString("utf8")).to.equal(plotlySource());
    expect(zlib.gzipSync(Buffer.from(plotlySource()), { level: 9 }).toString("base64")).to.equal(payload);
    expect(payload).to.match(/^[A-Za-z0-9+/]+=*$/);
    expect(plotlyLibraryHtml()).to.contain(JSON.stringify(payload));
    expect(plotlyLibraryHtml()).to.contain('DecompressionStream("gzip")');
    // the bundle registers a module per trace type it draws
    for (const t of PLOTLY_TRACE_TYPES) expect(plotlySource(), t).to.match(new RegExp(`name:"${t}"`));
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

  it("stores a large figure once, rounded to 6 significant digits and gzip+base64, and a small one as plain JSON", () => {
    const xs = Array.from({ length: 3000 }, (_, i) => i);
    const ys = xs.map((x) => Math.sin(x) / 3);
    const big = { data: [{ x: xs, y: ys, name: "sin" }], layout: { title: { text: "wave" } } };
    const { json, packed } = figureData(big);
    expect(json).to.equal("null");
    const unpacked = JSON.parse(zlib.gunzipSync(Buffer.from(JSON.parse(packed) as string, "base64")).toString("utf8"));
    expect(unpacked.data[0].x).to.deep.equal(xs); // integers as they are
    expect(unpacked.data[0].name).to.equal("sin");
    unpacked.data[0].y.forEach((y: number, i: number) =>
      expect(Math.abs(y - ys[i])).to.be.at.most(5e-6 * Math.abs(ys[i])),
    );
    expect(packed.length, "much smaller than the JSON").to.be.lessThan(JSON.stringify(big).length / 3);
    const html = figureHtml("f", big.data, big.layout);
    expect(html.match(/"sin"/g), "the data is not also stored in plain form").to.equal(null);
    expect(figureData({ data: [{ y: [0.1, 0.2] }] })).to.deep.equal({
      json: '{"data":[{"y":[0.1,0.2]}]}',
      packed: "null",
    });
    expect(PACK_ABOVE).to.equal(20_000);
    expect(figureData(big)).to.deep.equal({ json, packed }); // the same text on every run
  });

  it("stores a histogram of many values as counts on a fine grid: the same bins from far less data", () => {
    const values = Array.from({ length: 30000 }, (_, i) => Math.sin(i * 1.7) * 0.15);
    const t = compactHistogram({ type: "histogram", name: "w", x: values, opacity: 0.6 }) as {
      x: number[];
      y: number[];
      histfunc: string;
      name: string;
      opacity: number;
    };
    expect(t.histfunc).to.equal("sum");
    expect(t.name).to.equal("w");
    expect(t.opacity).to.equal(0.6);
    expect(
      t.y.reduce((a, b) => a + b, 0),
      "every value counted",
    ).to.equal(values.length);
    expect(t.x.length).to.be.at.most(10_001);
    // any bin of width ≥ range/100 holds the same count, up to values within range/20000 of its edges
    const range = 0.3;
    const count = (xs: number[], ws: number[], a: number, b: number) =>
      xs.reduce((n, x, i) => n + (x >= a && x < b ? ws[i] : 0), 0);
    const edges = Array.from({ length: 101 }, (_, i) => -0.15 + (i * range) / 100);
    for (let i = 0; i < 100; i++) {
      const exact = count(
        values,
        values.map(() => 1),
        edges[i],
        edges[i + 1],
      );
      const near =
        count(
          values,
          values.map(() => 1),
          edges[i] - range / 2e4,
          edges[i] + range / 2e4,
        ) +
        count(
          values,
          values.map(() => 1),
          edges[i + 1] - range / 2e4,
          edges[i + 1] + range / 2e4,
        );
      expect(Math.abs(count(t.x, t.y, edges[i], edges[i + 1]) - exact)).to.be.at.most(near);
    }
    const small = { type: "histogram", x: values.slice(0, HISTOGRAM_RAW_MAX) };
    expect(compactHistogram(small)).to.equal(small);
    const scatter = { type: "scatter", x: values };
    expect(compactHistogram(scatter)).to.equal(scatter);
  });

  it("shows a readable message in the figure's place until plotly draws", () => {
    const html = figureHtml("nn-course-plot-7", [{ y: [1] }, { y: [2] }], { title: "Loss" });
    // what stays when no script runs (an untrusted notebook): how to get it drawn
    expect(html).to.match(/^<div id="nn-course-plot-7"[^>]*>\[plot: Loss, 2 traces\] Not drawn: [^<]*not trust/);
    expect(html).to.match(/Trust Notebook[^<]*re-run this cell\.<\/div>/);
    // the data is stored once: in the script, not also in the message
    expect(html.split('"y":[1]').length).to.equal(2);
    expect(figureText([], {})).to.equal("[plot: 0 traces]");
  });
});
