import { expect } from "chai";
import { showHtml, showLatex, showMarkdown, latexBundle } from "./rich";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

function sentData(f: () => void): Record<string, string>[] {
  const sent: Record<string, string>[] = [];
  jupyter.lastWriteDisplayData = (content: { data: Record<string, string> }) => sent.push(content.data);
  try {
    f();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

describe("showHtml / showMarkdown / showLatex", () => {
  it("showHtml sends HTML with the given or derived plain text", () => {
    const [a, b] = sentData(() => {
      showHtml("<b>Loss</b> went down", "Loss went down!");
      showHtml("<i>accuracy</i> 0.9");
    });
    expect(a).to.deep.equal({ "text/html": "<b>Loss</b> went down", "text/plain": "Loss went down!" });
    expect(b["text/plain"]).to.equal("accuracy 0.9");
  });

  it("showMarkdown sends markdown and the same text as plain text", () => {
    const [a] = sentData(() => showMarkdown("**Epoch 3**"));
    expect(a).to.deep.equal({ "text/markdown": "**Epoch 3**", "text/plain": "**Epoch 3**" });
  });

  it("showLatex sends a $$ display block as markdown, text/latex and the TeX as plain text", () => {
    const [a] = sentData(() => showLatex("  \\sigma(z) = \\frac{1}{1 + e^{-z}} "));
    expect(a["text/markdown"]).to.equal("$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$");
    expect(a["text/latex"]).to.equal("$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$");
    expect(a["text/plain"]).to.equal("\\sigma(z) = \\frac{1}{1 + e^{-z}}");
    expect(latexBundle("x")).to.deep.equal({ "text/markdown": "$$\nx\n$$", "text/latex": "$$x$$", "text/plain": "x" });
  });
});
