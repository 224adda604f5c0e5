import { expect } from "chai";
import { CourseInputError } from "../errors";
import { displayBundle, hasKernel, htmlToText } from "./bundle";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

type Sent = {
  content: { data: Record<string, string>; metadata: object; transient: { display_id?: string } };
  update: boolean;
};

/** Runs f with a stand-in for the kernel's display hook and returns what was sent. */
function withKernel(f: () => void): Sent[] {
  const sent: Sent[] = [];
  jupyter.lastWriteDisplayData = (content: Sent["content"], update: boolean) => sent.push({ content, update });
  try {
    f();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

/** Runs f and returns what it wrote to stdout. */
function stdoutOf(f: () => void): string {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as typeof process.stdout.write;
  try {
    f();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe("displayBundle", () => {
  it("prints the text/plain part when there is no kernel", () => {
    expect(hasKernel()).to.equal(false);
    const out = stdoutOf(() => displayBundle({ "text/html": "<b>x</b>", "text/plain": "plain x" }));
    expect(out).to.equal("plain x\n");
  });

  it("sends one multi-MIME display_data through tslab's hook", () => {
    const sent = withKernel(() => {
      expect(hasKernel()).to.equal(true);
      displayBundle({ "text/html": "<b>x</b>", "text/markdown": "**x**", "text/plain": "x" });
    });
    expect(sent).to.have.length(1);
    expect(sent[0].update).to.equal(false);
    expect(sent[0].content.data).to.deep.equal({
      "text/html": "<b>x</b>",
      "text/markdown": "**x**",
      "text/plain": "x",
    });
    expect(sent[0].content.metadata).to.deep.equal({});
    expect(sent[0].content.transient).to.deep.equal({});
  });

  it("carries the display id and sends update_display_data for updates", () => {
    const sent = withKernel(() => {
      displayBundle({ "text/plain": "a" }, { id: "bar" });
      displayBundle({ "text/plain": "b" }, { id: "bar", update: true });
    });
    expect(sent.map((s) => [s.content.transient.display_id, s.update, s.content.data["text/plain"]])).to.deep.equal([
      ["bar", false, "a"],
      ["bar", true, "b"],
    ]);
  });

  it("adds a text/plain fallback when the bundle has none", () => {
    const sent = withKernel(() => displayBundle({ "text/html": "<p>Loss &amp; accuracy</p>" }));
    expect(sent[0].content.data["text/plain"]).to.equal("Loss & accuracy");
  });

  it("rejects an update without an id", () => {
    expect(() => displayBundle({ "text/plain": "x" }, { update: true })).to.throw(CourseInputError, /id/);
  });
});

describe("htmlToText", () => {
  it("drops tags and scripts and decodes entities", () => {
    expect(htmlToText("<div>a &lt; b</div><script>var x = 1;</script><p>c</p>")).to.equal("a < b\nc");
  });
});
