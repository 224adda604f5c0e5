import { expect } from "chai";
import { CellOutput, HEAD_CHARS, TAIL_CHARS } from "./output";

type Message = [string, { name?: string; text?: string }];

function collect(): { messages: Message[]; output: CellOutput } {
  const messages: Message[] = [];
  const output = new CellOutput((type, content) => messages.push([type, content as Message[1]]));
  return { messages, output };
}

describe("kernel: a cell's printed output", () => {
  it("sends writes together, and before any other output so that the order is kept", () => {
    const { messages, output } = collect();
    output.send("stream", { name: "stdout", text: "a\n" });
    output.send("stream", { name: "stdout", text: "b\n" });
    output.send("stream", { name: "stderr", text: "warning\n" });
    expect(messages).to.deep.equal([]); // nothing sent while the cell is busy
    output.send("display_data", { data: {} });
    output.send("stream", { name: "stdout", text: "c\n" });
    output.end();
    expect(messages.map(([t, c]) => `${t}:${c.name ?? ""}:${c.text ?? ""}`)).to.deep.equal([
      "stream:stdout:a\nb\n",
      "stream:stderr:warning\n",
      "display_data::",
      "stream:stdout:c\n",
    ]);
  });

  it("sends the buffered text by itself once the event loop is free", async () => {
    const { messages, output } = collect();
    output.send("stream", { name: "stdout", text: "epoch 1\n" });
    await new Promise((r) => setTimeout(r, 120));
    expect(messages).to.deep.equal([["stream", { name: "stdout", text: "epoch 1\n" }]]);
  });

  it("shows the first and last part of a flood of lines and says how many lines it left out", () => {
    const { messages, output } = collect();
    const lines = 200_000;
    for (let i = 0; i < lines; i++) output.send("stream", { name: "stdout", text: `line ${i}\n` });
    output.end();
    const texts = messages.map(([, c]) => c.text ?? "");
    const total = texts.join("").length;
    expect(total).to.be.below(HEAD_CHARS + TAIL_CHARS + 200);
    const note = texts.find((t) => t.includes("not shown"));
    expect(note).to.match(/\[… [\d,]+ more lines not shown/);
    const shownLines = texts
      .filter((t) => t !== note)
      .join("")
      .split("\n")
      .filter(Boolean);
    const omitted = Number(/… ([\d,]+) more/.exec(note!)![1].replace(/,/g, ""));
    expect(shownLines.length + omitted).to.equal(lines); // every line is shown or counted
    expect(shownLines[0]).to.equal("line 0");
    expect(shownLines[shownLines.length - 1]).to.equal(`line ${lines - 1}`);
    expect(texts[texts.length - 1].endsWith(`line ${lines - 1}\n`)).to.equal(true);
  });
});
