/**
 * The zip reader and writer: round trip, compatibility with the system's unzip, and refusal of bad zips.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { extractZip, readZip, writeZip, ZipError } from "../../grader/report/zip";

describe("grader: zip", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-zip-test-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("reads back what it writes, with Unix modes", () => {
    const big = Buffer.from("x".repeat(100_000));
    const entries = readZip(
      writeZip([
        { name: "run_autograder", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
        { name: "dir/ü.txt", data: big },
      ]),
    );
    expect(entries.map((e) => [e.name, e.data.length, e.mode])).to.deep.equal([
      ["run_autograder", 10, 0o755],
      ["dir/ü.txt", 100_000, 0o644],
    ]);
  });

  it("writes zips that the system's unzip accepts (when unzip is installed)", function () {
    const file = path.join(tmp, "a.zip");
    fs.writeFileSync(file, writeZip([{ name: "a/b.txt", data: Buffer.from("hello\n") }]));
    const run = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    if (run.error) this.skip();
    expect(run.status, run.stdout + run.stderr).to.equal(0);
  });

  it("extracts into a folder, keeping scripts executable", () => {
    const file = path.join(tmp, "b.zip");
    fs.writeFileSync(file, writeZip([{ name: "s/run.sh", data: Buffer.from("echo\n"), mode: 0o755 }]));
    extractZip(file, path.join(tmp, "b"));
    expect(fs.statSync(path.join(tmp, "b", "s", "run.sh")).mode & 0o777).to.equal(0o755);
  });

  it("refuses a file that is not a zip, a damaged entry, and an entry outside the target folder", () => {
    expect(() => readZip(Buffer.from("not a zip at all"))).to.throw(ZipError, /not a zip file/);
    const good = writeZip([{ name: "a.txt", data: Buffer.from("hello hello hello") }]);
    good[40] ^= 0xff; // inside the compressed data
    expect(() => readZip(good)).to.throw(ZipError, /damaged entry a\.txt/);
    const file = path.join(tmp, "slip.zip");
    fs.writeFileSync(file, writeZip([{ name: "../escaped.txt", data: Buffer.from("x") }]));
    expect(() => extractZip(file, path.join(tmp, "slip"))).to.throw(ZipError, /outside its folder/);
    expect(fs.existsSync(path.join(tmp, "escaped.txt"))).to.equal(false);
  });
});
