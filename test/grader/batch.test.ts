/**
 * Batch grading of one folder of submissions holding the reference solutions, the untouched stubs, zips, broken
 * input, and a hostile submission for each attack the grader must withstand. One batch run; each `it` checks one
 * submission's row, results.json and feedback.html, and that the project's files are unchanged.
 */
import { expect } from "chai";
import { parse } from "csv-parse/sync";
import * as dgram from "dgram";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import type { GradeResults } from "../../grader/engine/grade";
import { writeZip } from "../../grader/report/zip";
import { copyTs, hashTrackedFiles, materialize, projectRoot, Run, runTs, zipNamed } from "./fixtures";

const HOSTILE = [
  "compile-error",
  "type-error",
  "throw-at-import",
  "infinite-loop",
  "loop-at-import",
  "out-of-memory",
  "process-exit",
  "patch-globals",
  "read-solutions",
  "write-files",
  "spawn-process",
  "network",
  "fake-output",
];

describe("grader: batch grading of honest, broken and hostile submissions", function () {
  this.timeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-batch-test-"));
  const subs = path.join(tmp, "submissions");
  const out = path.join(tmp, "out");
  const marker = path.join(tmp, "marker-spawned");
  let run: Run;
  let hashesBefore: Map<string, string>;
  let connections = 0;
  let tcp: net.Server;
  let udp: dgram.Socket;

  const results = (student: string): GradeResults =>
    JSON.parse(fs.readFileSync(path.join(out, student, "results.json"), "utf8")) as GradeResults;
  const gradebook = (): Map<string, Record<string, string>> => {
    const rows = parse(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]).slice(0, 4)).to.deep.equal(["student", "status", "score", "max_score"]);
    return new Map(rows.map((r) => [r.student, r]));
  };
  const referenceMax = (): number => results("reference").max_score;

  before(async function () {
    tcp = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", () => r()));
    const port = (tcp.address() as net.AddressInfo).port;
    udp = dgram.createSocket("udp4").on("message", () => connections++);
    await new Promise<void>((r) => udp.bind(port, "127.0.0.1", () => r()));

    const vars = { __PROJECT__: projectRoot, __OUT__: out, __PORT__: String(port), __MARKER__: marker };
    for (const name of HOSTILE) materialize(name, path.join(subs, name), vars);
    copyTs("solutions", path.join(subs, "reference"));
    copyTs("exercises", path.join(subs, "stubs", "exercises"));
    const losses = fs.readFileSync(path.join(projectRoot, "solutions", "losses.ts"));
    fs.writeFileSync(
      path.join(subs, "zipped.zip"),
      await writeZip([{ name: "alice/exercises/losses.ts", data: losses }]),
    );
    fs.writeFileSync(path.join(subs, "not-a-zip.zip"), "this is not a zip file\n");
    fs.writeFileSync(path.join(subs, "zip-slip.zip"), await zipNamed("../../escaped.ts", losses));
    fs.mkdirSync(path.join(subs, "no-exercises"));
    fs.writeFileSync(path.join(subs, "no-exercises", "notes.txt"), "I could not do it\n");

    hashesBefore = hashTrackedFiles();
    // 5 s per test (not the default 10) keeps the time-outs of infinite-loop and loop-at-import short.
    run = await runTs("grader/batch.ts", ["--submissions", subs, "--out", out, "--timeout-per-test", "5000"]);
  });

  after(() => {
    tcp.close();
    udp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("finishes the batch and writes one gradebook row, results.json and feedback.html per student", () => {
    expect(run.code, run.stderr).to.equal(0);
    const rows = gradebook();
    const students = fs.readdirSync(subs).map((n) => n.replace(/\.zip$/, ""));
    expect([...rows.keys()].sort()).to.deep.equal(students.sort());
    for (const s of students) {
      expect(fs.existsSync(path.join(out, s, "feedback.html")), `${s}/feedback.html`).to.equal(true);
      const r = results(s);
      expect(r.score, `${s} score`).to.equal(r.tests.reduce((sum, t) => sum + t.score, 0));
    }
  });

  it("leaves every file of the project unchanged", () => {
    const after = hashTrackedFiles();
    const changed = [...hashesBefore].filter(([f, h]) => after.get(f) !== h).map(([f]) => f);
    expect(changed, "project files changed during grading").to.deep.equal([]);
    expect(fs.existsSync(path.join(projectRoot, "pwned-by-submission.txt"))).to.equal(false);
  });

  it("gives the reference solutions full marks, and the same through a zip with a wrapping folder", () => {
    const r = results("reference");
    expect(r.status).to.equal("graded");
    expect(r.max_score).to.be.greaterThan(0);
    expect(r.score).to.equal(r.max_score);
    expect(
      r.tests.some((t) => t.visibility !== "visible"),
      "hidden tests are graded too",
    ).to.equal(true);
    const z = results("zipped");
    const lossesTests = r.tests.filter((t) => z.tests.some((u) => u.name === t.name && u.status === "passed"));
    expect(z.score).to.be.greaterThan(0);
    expect(z.score).to.equal(lossesTests.reduce((s, t) => s + t.max_score, 0));
  });

  it("gives the untouched stubs (under exercises/) zero, with the not-implemented message", () => {
    const r = results("stubs");
    expect(r.status).to.equal("graded");
    expect(r.score).to.equal(0);
    expect(r.max_score).to.equal(referenceMax());
    expect(r.tests.some((t) => /is not implemented yet/.test(t.output))).to.equal(true);
    // Report wording, not the notebook's: no "re-run this cell", the file to edit by its name.
    const json = fs.readFileSync(path.join(out, "stubs", "results.json"), "utf8");
    const html = fs.readFileSync(path.join(out, "stubs", "feedback.html"), "utf8");
    for (const text of [json, html]) expect(text).not.to.match(/this cell|re-run/);
    expect(r.tests.find((t) => t.name.startsWith("softmax:"))?.output).to.equal(
      "softmax is not implemented yet: implement softmax in losses.ts",
    );
    // feedback.html: one folded line per untouched module instead of a row per test.
    expect(html.match(/not implemented yet \(\d+ tests?\)/g)?.length).to.equal(
      new Set(r.tests.map((t) => t.tags?.[0])).size,
    );
    expect(html).not.to.contain("<td>softmax: lecture score table");
  });

  it("records bad input per student: a .zip that is not a zip, a zip escaping its folder, no exercise files", () => {
    const rows = gradebook();
    expect(rows.get("not-a-zip")?.status).to.equal("bad-submission");
    expect(results("not-a-zip").reason).to.match(/not a zip file/);
    expect(rows.get("zip-slip")?.status).to.equal("bad-submission");
    expect(fs.existsSync(path.join(os.tmpdir(), "escaped.ts"))).to.equal(false);
    expect(rows.get("no-exercises")?.status).to.equal("no-exercises");
    expect(results("no-exercises").reason).to.match(/no exercise files found \(expected .*losses\.ts/);
  });

  it("compile-error: status compile-error with the syntax error, no points", () => {
    const r = results("compile-error");
    expect(r.status).to.equal("compile-error");
    expect(r.reason).to.match(/losses\.ts:4:\d+/);
    expect(r.score).to.equal(0);
  });

  it("type-error: the type error is reported but the code still runs and earns sigmoid's points", () => {
    const r = results("type-error");
    expect(r.status).to.equal("graded");
    expect(r.output).to.match(/Type errors[\s\S]*losses\.ts:5:\d+ Type 'string' is not assignable to type 'number'/);
    const sigmoid = r.tests.filter((t) => t.name.startsWith("sigmoid:"));
    expect(sigmoid.length).to.be.greaterThan(0);
    expect(sigmoid.every((t) => t.status === "passed")).to.equal(true);
    expect(r.score).to.equal(sigmoid.reduce((s, t) => s + t.max_score, 0));
  });

  it("throw-at-import: status import-error naming the error, no points", () => {
    const r = results("throw-at-import");
    expect(r.status).to.equal("import-error");
    expect(r.reason).to.match(/losses\.ts could not be loaded: Error: boom while loading/);
    expect(r.score).to.equal(0);
  });

  it("infinite-loop: each l1Loss test times out alone; the tests after it still run, in a fresh sandbox", () => {
    const r = results("infinite-loop");
    expect(r.status).to.equal("timeout");
    expect(r.reason).to.match(/losses\.l1Loss timed out after 5 s \(in \d+ tests: "l1Loss/);
    const looping = r.tests.filter((t) => /\bl1Loss\b/.test(t.name));
    expect(looping.length).to.be.greaterThan(1);
    for (const t of looping) expect(t.output, t.name).to.equal("losses.l1Loss timed out after 5 s");
    // sigmoid is right wherever its tests come (public ones before the time-outs, the hidden one after).
    const passed = r.tests.filter((t) => t.status === "passed");
    expect(passed.map((t) => t.name)).to.deep.equal(
      r.tests.filter((t) => t.name.startsWith("sigmoid:")).map((t) => t.name),
    );
    expect(passed.some((t) => t.visibility !== "visible")).to.equal(true);
    expect(r.score).to.equal(passed.reduce((s, t) => s + t.max_score, 0));
    // Later tests ran: they fail on their own answers, not as "not run".
    const later = r.tests.filter((t) => t.name.startsWith("l2Loss") || t.name.startsWith("softmax"));
    expect(later.length).to.be.greaterThan(0);
    expect(later.every((t) => t.status === "failed" && !t.output.startsWith("not run"))).to.equal(true);
  });

  it("loop-at-import: times out while loading once; its tests fail at once, no points", () => {
    const r = results("loop-at-import");
    expect(r.status).to.equal("timeout");
    expect(r.reason).to.match(/losses\.ts timed out after 5 s while loading/);
    expect(r.score).to.equal(0);
    const losses = r.tests.filter((t) => t.tags?.[0] === "losses");
    expect(losses.every((t) => /^losses\.ts timed out after 5 s while loading/.test(t.output))).to.equal(true);
    expect(r.execution_time, "one time-out, not one per test").to.be.lessThan(30);
  });

  it("out-of-memory: the sandbox dies of its memory limit, status crashed, no points", () => {
    const r = results("out-of-memory");
    expect(r.status).to.equal("crashed");
    expect(r.reason).to.match(/ran out of memory/);
    expect(r.score).to.equal(0);
  });

  it("process-exit: status crashed with the exit code, no points", () => {
    const r = results("process-exit");
    expect(r.status).to.equal("crashed");
    expect(r.reason).to.match(/losses\.sigmoid crashed: the sandbox exited with code 0 .*\(in .*"sigmoid/);
    expect(r.score).to.equal(0);
  });

  it("patch-globals: patching Math, prototypes, mocha's globals and chai changes nothing outside the sandbox", () => {
    const r = results("patch-globals");
    expect(r.status).to.equal("graded");
    expect(r.score).to.equal(0);
    expect(r.max_score).to.equal(referenceMax());
  });

  it("read-solutions: solutions/, test/hidden/ and the project are unreadable, also through node_modules links", () => {
    const r = results("read-solutions");
    expect(r.output).to.not.match(/LEAKED/);
    expect((r.output ?? "").match(/denied [^\n]*ERR_ACCESS_DENIED/g)?.length).to.equal(6);
    expect(r.score).to.equal(0);
  });

  it("write-files: no file is written in the project, outside the sandbox, in its folder, the shared library or OUT", () => {
    const r = results("write-files");
    expect(r.output).to.not.match(/WROTE/);
    expect((r.output ?? "").match(/denied [^\n]*ERR_ACCESS_DENIED/g)?.length).to.equal(7);
    expect(fs.existsSync("/tmp/pwned-by-submission.txt")).to.equal(false);
    expect(results("stubs").score).to.equal(0);
    expect(r.score).to.equal(0);
  });

  it("spawn-process: no process or worker starts", () => {
    const r = results("spawn-process");
    expect(r.output).to.not.match(/STARTED/);
    expect((r.output ?? "").match(/denied [^\n]*ERR_ACCESS_DENIED/g)?.length).to.equal(6);
    expect(fs.existsSync(marker)).to.equal(false);
    expect(r.score).to.equal(0);
  });

  it("network: no TCP, HTTP or UDP packet reaches a server on this machine", () => {
    const r = results("network");
    expect(connections).to.equal(0);
    expect(r.output).to.not.match(/CONNECTED/);
    expect(r.score).to.equal(0);
  });

  it("fake-output: printed results and a results.json in the submission are kept as output, never scored", () => {
    const r = results("fake-output");
    expect(r.score).to.equal(0);
    expect(r.output).to.match(/Printed by the submission[\s\S]*68 passing/);
    expect(r.tests.every((t) => t.status === "failed")).to.equal(true);
    const html = fs.readFileSync(path.join(out, "fake-output", "feedback.html"), "utf8");
    expect(html).to.contain("✓ sigmoid: σ(x) = 1 / (1 + e^{−x}) element-wise [1 pt]");
    expect(html).to.contain("✗ failed");
  });

  it("re-running with the same OUT skips every finished submission", async () => {
    const stamp = fs.statSync(path.join(out, "reference", "results.json")).mtimeMs;
    const again = await runTs("grader/batch.ts", ["--submissions", subs, "--out", out]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stderr).to.match(new RegExp(`${fs.readdirSync(subs).length} submission\\(s\\) already graded`));
    expect(fs.statSync(path.join(out, "reference", "results.json")).mtimeMs).to.equal(stamp);
    expect(gradebook().size).to.equal(fs.readdirSync(subs).length);
  });
});
