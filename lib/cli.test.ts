import { expect } from "chai";
import { parseCommandLine, UsageError } from "./cli";

/** The UsageError parseCommandLine throws for `args` (with a string option --out and a boolean --force). */
function mistake(args: string[], usage?: string): UsageError {
  try {
    parseCommandLine({ args, options: { out: { type: "string" }, force: { type: "boolean" } } }, usage);
  } catch (e) {
    expect(e).to.be.instanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error(`${args.join(" ")} was accepted`);
}

describe("command lines (lib/cli.ts)", () => {
  it("parses options (--out x and --out=x) and positionals with util.parseArgs", () => {
    const options = { out: { type: "string" }, force: { type: "boolean" } } as const;
    expect(parseCommandLine({ args: ["--out", "a", "--force"], options }).values).to.deep.include({
      out: "a",
      force: true,
    });
    expect(parseCommandLine({ args: ["--out=b"], options }).values.out).to.equal("b");
    expect(parseCommandLine({ args: ["x", "y"], options: {}, allowPositionals: true }).positionals).to.deep.equal([
      "x",
      "y",
    ]);
  });

  it("says what is wrong in a few words, then the usage line", () => {
    expect(mistake(["--fast"]).message).to.equal("unknown option --fast");
    expect(mistake(["--fast"])).to.include({ problem: "unknown option", arg: "--fast" });
    expect(mistake(["-q"]).message).to.equal("unknown option -q");
    expect(mistake(["--out"]).message).to.equal("--out needs a value");
    expect(mistake(["--out", "--force"]).message, "an option where the value should be").to.equal(
      "--out needs a value",
    );
    expect(mistake(["--force=yes"]).message).to.equal("--force takes no value");
    expect(mistake(["stray"]).message).to.equal("unexpected argument stray");
    expect(mistake(["--fast"], "usage: x [--out DIR]").message).to.equal("unknown option --fast\nusage: x [--out DIR]");
  });
});
