import { expect } from "chai";
import { CourseInputError } from "../errors";
import { progressBar, progressHtml, progressText } from "./progress";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

type Sent = { text: string; html: string; id?: string; update: boolean };

function sent(f: () => void): Sent[] {
  const out: Sent[] = [];
  jupyter.lastWriteDisplayData = (
    c: { data: Record<string, string>; transient: { display_id?: string } },
    update: boolean,
  ) => out.push({ text: c.data["text/plain"], html: c.data["text/html"], id: c.transient.display_id, update });
  try {
    f();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return out;
}

describe("progress text and HTML", () => {
  it("shows the percentage and counts at 0, 50 and 100 %", () => {
    expect(progressText("epochs", 0, 1000)).to.equal("epochs: 0% (0/1000)");
    expect(progressText("epochs", 500, 1000, "loss 0.25")).to.equal("epochs: 50% (500/1000) loss 0.25");
    expect(progressText("epochs", 1000, 1000)).to.equal("epochs: 100% (1000/1000)");
    expect(progressText("epochs", 999, 1000)).to.equal("epochs: 99% (999/1000)"); // never 100 % before the end
  });
  it("fills the HTML bar to the percentage", () => {
    expect(progressHtml("a", 0, 4))
      .to.contain("width:0%")
      .and.contain("0% (0/4)");
    expect(progressHtml("a", 2, 4))
      .to.contain("width:50%")
      .and.contain("50% (2/4)");
    expect(progressHtml("a<b", 4, 4, "x&y"))
      .to.contain("width:100%")
      .and.contain("a&lt;b")
      .and.contain("x&amp;y");
  });
});

describe("progressBar", () => {
  it("updates one output in place, only when the shown percentage changes", () => {
    const s = sent(() => {
      const bar = progressBar(200, "sweep", { intervalMs: 0 });
      bar.update(1); // 0 %: unchanged, not sent
      bar.update(100); // 50 %
      bar.update(101); // still 50 %
      bar.finish("done");
      bar.update(150); // after finish: ignored
    });
    expect(s.map((x) => [x.text, x.update])).to.deep.equal([
      ["sweep: 0% (0/200)", false],
      ["sweep: 50% (100/200)", true],
      ["sweep: 100% (200/200) done", true],
    ]);
    expect(new Set(s.map((x) => x.id)).size).to.equal(1);
    expect(s[0].id).to.match(/^nn-course-progress-/);
    expect(s[2].html).to.contain("width:100%");
  });

  it("redraws at most every intervalMs, and finish always shows 100 %", () => {
    const s = sent(() => {
      const bar = progressBar(1000, "epochs");
      for (let i = 1; i <= 990; i++) bar.update(i); // a fast loop: well under 100 ms
      bar.finish();
    });
    expect(s.length).to.be.at.most(3);
    expect(s[0].text).to.equal("epochs: 0% (0/1000)");
    expect(s[s.length - 1].text).to.equal("epochs: 100% (1000/1000)");
  });

  it("prints a line every 10 % without a kernel", () => {
    const write = process.stdout.write;
    let out = "";
    process.stdout.write = ((t: string) => ((out += t), true)) as typeof process.stdout.write;
    try {
      const bar = progressBar(100, "steps");
      for (let i = 1; i <= 100; i++) bar.update(i);
      bar.finish();
    } finally {
      process.stdout.write = write;
    }
    const lines = out.trim().split("\n");
    expect(lines[0]).to.equal("steps: 0% (0/100)");
    expect(lines[5]).to.equal("steps: 50% (50/100)");
    expect(lines[lines.length - 1]).to.equal("steps: 100% (100/100)");
    expect(lines.length).to.equal(12); // 0, 10, …, 100 from update, then finish
  });

  it("rejects a total that is not a positive whole number", () => {
    expect(() => progressBar(0)).to.throw(CourseInputError, /total/);
    expect(() => progressBar(2.5)).to.throw(CourseInputError, /total/);
  });
});
