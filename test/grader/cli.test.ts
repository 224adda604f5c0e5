/**
 * The batch command's handling of bad input (a clear message, no stack trace) and of being killed in the middle
 * (finished results survive intact and are not graded again).
 */
import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { materialize, projectRoot, runTs } from "./fixtures";

const STACK_LINE = /^\s+at /m;

describe("grader: the grade command", function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-cli-test-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("says what is wrong, without a stack trace, for a missing folder, an empty folder and missing options", async () => {
    const missing = await runTs("grader/batch.ts", ["--submissions", path.join(tmp, "nope"), "--out", tmp]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/^grade: --submissions .*nope: no such folder/);
    fs.mkdirSync(path.join(tmp, "empty"));
    const empty = await runTs("grader/batch.ts", ["--submissions", path.join(tmp, "empty"), "--out", tmp]);
    expect(empty.code).to.equal(2);
    expect(empty.stderr).to.match(/is empty: put one folder or \.zip per student in it/);
    const usage = await runTs("grader/batch.ts", ["--out", tmp]);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.match(/--submissions and --out are required/);
    for (const run of [missing, empty, usage]) expect(run.stderr).to.not.match(STACK_LINE);
  });

  it("loses no finished result when killed mid-batch, and a re-run grades only the rest", async () => {
    const subs = path.join(tmp, "subs");
    const out = path.join(tmp, "out");
    for (const s of ["a", "b"]) materialize("type-error", path.join(subs, s), {});
    const first = path.join(out, "a", "results.json");
    const batch = spawn(
      process.execPath,
      ["--require", "tsx/cjs", "grader/batch.ts", "--submissions", subs, "--out", out, "--jobs", "1"],
      { cwd: projectRoot, detached: true, stdio: "ignore" },
    );
    const exited = new Promise((r) => batch.on("exit", r));
    while (!fs.existsSync(first)) await new Promise((r) => setTimeout(r, 50));
    process.kill(-batch.pid!, "SIGKILL"); // the batch and everything it started
    await exited;
    const stamp = fs.statSync(first).mtimeMs;
    expect(JSON.parse(fs.readFileSync(first, "utf8")).status).to.equal("graded");
    expect(fs.existsSync(path.join(out, "gradebook.csv"))).to.equal(false);

    const again = await runTs("grader/batch.ts", ["--submissions", subs, "--out", out]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stderr).to.match(/1 submission\(s\) already graded/);
    expect(fs.statSync(first).mtimeMs).to.equal(stamp);
    const rows = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(rows.length).to.equal(3);
    expect(rows[2]).to.match(/^b,graded,\d+,\d+,/);
  });
});
