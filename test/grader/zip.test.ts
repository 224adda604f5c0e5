/**
 * The zip reader and writer: round trip, compatibility with the system's unzip, zip64, and refusal of bad zips.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Readable } from "stream";
import * as yazl from "yazl";
import { extractZip, readZip, writeZip, ZipError } from "../../grader/report/zip";
import { zipNamed } from "./fixtures";

/** The ZipError `promise` rejects with (fails when it resolves or rejects with anything else). */
async function refusal(promise: Promise<unknown>): Promise<ZipError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(ZipError);
    return e as ZipError;
  }
  throw new Error("expected a ZipError, but the zip was accepted");
}

/** A zip written by yazl with `options` for each entry and for the whole file (e.g. zip64, links). */
async function yazlZip(
  entries: { name: string; data: Buffer; mode?: number }[],
  options: { forceZip64Format?: boolean } = {},
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { ...options, ...(e.mode ? { mode: e.mode } : {}) });
  zip.end({ forceZip64Format: options.forceZip64Format ?? false, comment: "" });
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("grader: zip", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-zip-test-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("reads back what it writes, with Unix modes", async () => {
    const big = Buffer.from("x".repeat(100_000));
    const entries = await readZip(
      await writeZip([
        { name: "run_autograder", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
        { name: "dir/ü.txt", data: big },
      ]),
    );
    expect(entries.map((e) => [e.name, e.data.length, e.mode])).to.deep.equal([
      ["run_autograder", 10, 0o755],
      ["dir/ü.txt", 100_000, 0o644],
    ]);
  });

  it("writes zips that the system's unzip accepts (when unzip is installed)", async function () {
    const file = path.join(tmp, "a.zip");
    fs.writeFileSync(file, await writeZip([{ name: "a/b.txt", data: Buffer.from("hello\n") }]));
    const run = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    if (run.error) this.skip();
    expect(run.status, run.stdout + run.stderr).to.equal(0);
  });

  it("extracts into a folder, keeping scripts executable", async () => {
    const file = path.join(tmp, "b.zip");
    fs.writeFileSync(file, await writeZip([{ name: "s/run.sh", data: Buffer.from("echo\n"), mode: 0o755 }]));
    await extractZip(file, path.join(tmp, "b"));
    expect(fs.statSync(path.join(tmp, "b", "s", "run.sh")).mode & 0o777).to.equal(0o755);
  });

  it("reads a zip64 archive", async () => {
    const zip64 = await yazlZip([{ name: "losses.ts", data: Buffer.from("export {};\n") }], { forceZip64Format: true });
    expect(zip64.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06])), "a zip64 end of central directory").to.equal(true);
    const entries = await readZip(zip64);
    expect(entries.map((e) => [e.name, e.data.toString()])).to.deep.equal([["losses.ts", "export {};\n"]]);
  });

  it("skips links and folders", async () => {
    const zip = await yazlZip([
      { name: "link.ts", data: Buffer.from("/etc/passwd"), mode: 0o120777 },
      { name: "losses.ts", data: Buffer.from("export {};\n") },
    ]);
    expect((await readZip(zip)).map((e) => e.name)).to.deep.equal(["losses.ts"]);
  });

  it("refuses a file that is not a zip, a damaged entry, and an entry outside the target folder", async () => {
    expect((await refusal(readZip(Buffer.from("not a zip at all")))).message).to.match(/not a zip file/);
    const good = await writeZip([{ name: "a.txt", data: Buffer.from("hello hello hello") }]);
    good[40] ^= 0xff; // inside the compressed data
    expect((await refusal(readZip(good))).message).to.match(/damaged entry a\.txt/);
    for (const name of ["../escaped.txt", "/tmp/escaped.txt"]) {
      const file = path.join(tmp, "slip.zip");
      fs.writeFileSync(file, await zipNamed(name, Buffer.from("x")));
      expect((await refusal(extractZip(file, path.join(tmp, "slip")))).message, name).to.match(/outside its folder/);
    }
    expect(fs.existsSync(path.join(tmp, "escaped.txt"))).to.equal(false);
  });
});
