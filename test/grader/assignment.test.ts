/**
 * Grading one assignment of course.json end to end: `npm run grade -- --assignment a1` on three students (the
 * reference solutions, a disguised copy of them handed in late, the untouched stubs) with a roster, an extension
 * list and submission times; the gradebooks and the similarity report it writes; `--only` regrading one student
 * while keeping the earlier results; `npm run lms` writing the LMS files again; the Gradescope autograder of one
 * assignment grading a submission of only that assignment's files to full marks; and every new option's mistakes.
 */
import { expect } from "chai";
import { spawn } from "child_process";
import { parse } from "csv-parse/sync";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readCourse } from "../../grader/course/course";
import type { GradeResults } from "../../grader/engine/grade";
import { extractZip, readZip } from "../../grader/report/zip";
import { copyTs, projectRoot, runTs } from "./fixtures";

const STACK_LINE = /^\s+at /m;
const a1 = readCourse(projectRoot).assignments[0];

describe("grader: one assignment, its gradebooks, regrades and Gradescope", function () {
  this.timeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-assignment-test-"));
  const subs = path.join(tmp, "subs");
  const out = path.join(tmp, "out");
  const file = (name: string, text: string): string => {
    fs.writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };
  const book = (): Record<string, string>[] =>
    parse(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8"), { columns: true }) as Record<string, string>[];
  let grade: { code: number | null; stderr: string };
  const args = () => [
    "--submissions",
    subs,
    "--out",
    out,
    "--assignment",
    a1.name,
    "--submitted",
    path.join(tmp, "times.csv"),
    "--extensions",
    path.join(tmp, "ext.csv"),
    "--roster",
    path.join(tmp, "roster.csv"),
  ];
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(async () => {
    for (const m of a1.modules) {
      for (const [student, folder] of [
        ["alice", "solutions"],
        ["bob", "solutions"],
        ["carol", "exercises"],
      ]) {
        fs.mkdirSync(path.join(subs, student), { recursive: true });
        fs.copyFileSync(path.join(projectRoot, folder, `${m}.ts`), path.join(subs, student, `${m}.ts`));
      }
      // bob's copy: comment lines gone, indented by 4, loop variables renamed; the same code
      const f = path.join(subs, "bob", `${m}.ts`);
      const text = fs
        .readFileSync(f, "utf8")
        .replace(/^\s*\/\/.*\n/gm, "")
        .replace(/^( +)/gm, (sp: string) => sp + sp)
        .replace(/\b([ijk])\b/g, "$1$1");
      fs.writeFileSync(f, text);
    }
    const due = Date.parse(a1.due);
    const at = (days: number) => new Date(due + days * 86_400_000).toISOString();
    file("times.csv", `student,submitted\nalice,${at(-1)}\nbob,${at(1.5)}\ncarol,${at(1.5)}\n`);
    file("ext.csv", `student,days,assignment\ncarol,2,${a1.name}\n`);
    file("roster.csv", "folder,name,lms_id,login,email\nalice,Alice,11,alice1,a@x.edu\nbob,Bob,12,bob1,b@x.edu\n");
    grade = await runTs("grader/batch.ts", args());
  });

  it("grades only the assignment's modules, with the late policy in the gradebook beside the raw score", () => {
    expect(grade.code, grade.stderr).to.equal(0);
    const rows = new Map(book().map((r) => [r.student, r]));
    const alice = JSON.parse(fs.readFileSync(path.join(out, "alice", "results.json"), "utf8")) as GradeResults;
    expect([...new Set(alice.tests.map((t) => t.tags![0]))].sort()).to.deep.equal([...a1.modules].sort());
    expect(alice.score).to.equal(alice.max_score);
    expect(rows.get("alice")).to.include({ days_late: "0", late_penalty_percent: "0", lms_score: String(a1.points) });
    // bob: 1.5 days late → 2 started days; carol: the same time, but a 2-day extension
    const policy = readCourse(projectRoot).latePolicy!;
    expect(rows.get("bob")).to.include({ days_late: "2", late_penalty_percent: String(2 * policy.percentPerDay) });
    expect(rows.get("bob")!.score).to.equal(String(alice.max_score));
    expect(Number(rows.get("bob")!.final_score)).to.be.lessThan(alice.max_score);
    expect(rows.get("carol")).to.include({
      extension_days: "2",
      days_late: "0",
      score: "0",
      submitted_from: "times file",
    });
    for (const m of a1.modules) expect(rows.get("alice")![m]).to.match(/^\d+$/);
    expect(grade.stderr).to.match(/late penalty applied in the gradebooks: bob/);
    expect(grade.stderr).to.match(/not in the roster \(named by folder in the LMS files\): carol/);
  });

  it("writes Canvas's and Moodle's files with the roster's ids", () => {
    const canvas = fs.readFileSync(path.join(out, `canvas-${a1.name}.csv`), "utf8").split("\n");
    expect(canvas[0]).to.match(new RegExp(`^Student,ID,SIS User ID,SIS Login ID,Section,${a1.title}`));
    expect(canvas[1]).to.match(new RegExp(`^Points Possible,,,,,${a1.points},`));
    expect(canvas[2]).to.match(new RegExp(`^Alice,11,,alice1,,${a1.points},`));
    const moodle = parse(fs.readFileSync(path.join(out, `moodle-${a1.name}.csv`), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(moodle.map((r) => r.Username)).to.deep.equal(["alice1", "bob1", "carol"]);
    expect(moodle[1].Feedback).to.match(/2 day\(s\) late/);
  });

  it("flags the disguised copy in the similarity report, and only it", () => {
    const pairs = parse(fs.readFileSync(path.join(out, "similarity", "pairs.csv"), "utf8"), {
      columns: true,
    }) as Record<string, string>[];
    expect(pairs.filter((p) => p.flagged === "yes").map((p) => `${p.a}-${p.b}`)).to.deep.equal(["alice-bob"]);
    expect(fs.existsSync(path.join(out, "similarity", "pair-alice--bob.html"))).to.equal(true);
    expect(grade.stderr).to.match(/similarity report: .*3 pair\(s\), 1 flagged \(alice–bob/);
  });

  it("regrades one student with --only, keeping the earlier results, and leaves the others alone", async () => {
    const before = fs.readFileSync(path.join(out, "bob", "results.json"), "utf8");
    const aliceStamp = fs.statSync(path.join(out, "alice", "results.json")).mtimeMs;
    fs.copyFileSync(path.join(projectRoot, "exercises", "losses.ts"), path.join(subs, "bob", "losses.ts"));
    const again = await runTs("grader/batch.ts", [...args(), "--only", "bob"]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stderr).to.match(/bob: earlier results kept in .*earlier/);
    const earlier = fs.readdirSync(path.join(out, "bob", "earlier"));
    expect(earlier).to.have.length(1);
    expect(fs.readFileSync(path.join(out, "bob", "earlier", earlier[0], "results.json"), "utf8")).to.equal(before);
    const now = JSON.parse(fs.readFileSync(path.join(out, "bob", "results.json"), "utf8")) as GradeResults;
    expect(now.score).to.be.lessThan(now.max_score);
    expect(fs.statSync(path.join(out, "alice", "results.json")).mtimeMs).to.equal(aliceStamp);
    expect(book().find((r) => r.student === "bob")!.score).to.equal(String(now.score));
  });

  it("writes the LMS files again with npm run lms, e.g. after an extension came in", async () => {
    file("ext2.csv", "student,days\nbob,3\n");
    const lms = await runTs("grader/lms.ts", [
      "--out",
      out,
      "--assignment",
      a1.name,
      "--extensions",
      path.join(tmp, "ext2.csv"),
    ]);
    expect(lms.code, lms.stderr).to.equal(0);
    expect(book().find((r) => r.student === "bob")).to.include({ extension_days: "3", late_penalty_percent: "0" });
  });

  it("builds a Gradescope autograder of one assignment that grades that assignment's files to full marks", async () => {
    const zip = path.join(tmp, "a1.zip");
    const build = await runTs("grader/gradescope.ts", ["--out", zip, "--assignment", a1.name]);
    expect(build.code, build.stderr).to.equal(0);
    const names = (await readZip(fs.readFileSync(zip))).map((e) => e.name);
    const graded = names.filter((n) => /^(exercises\/\w+|test\/(graded|hidden)\/\w+\.test)\.ts$/.test(n));
    for (const n of graded) expect(a1.modules, n).to.include(path.basename(n).replace(/(\.test)?\.ts$/, ""));
    expect(names).to.include.members(["grader/gradescope/assignment.json", "course.json", "test/graded/graded.ts"]);

    const root = path.join(tmp, "autograder");
    const source = path.join(root, "source");
    await extractZip(zip, source);
    fs.mkdirSync(path.join(source, "node_modules"));
    for (const name of fs.readdirSync(path.join(projectRoot, "node_modules"))) {
      if (name === "nn-course" || name.startsWith(".")) continue;
      fs.symlinkSync(path.join(projectRoot, "node_modules", name), path.join(source, "node_modules", name));
    }
    fs.symlinkSync(path.join("..", "lib"), path.join(source, "node_modules", "nn-course"));
    fs.mkdirSync(path.join(root, "results"));
    const submission = path.join(root, "submission");
    fs.mkdirSync(submission);
    for (const m of a1.modules)
      fs.copyFileSync(path.join(projectRoot, "solutions", `${m}.ts`), path.join(submission, `${m}.ts`));
    const code = await new Promise((resolve) => {
      const child = spawn("bash", [path.join(source, "run_autograder")], {
        env: { ...process.env, AUTOGRADER_ROOT: root },
        stdio: "ignore",
      });
      child.on("exit", resolve);
    });
    expect(code).to.equal(0);
    const r = JSON.parse(fs.readFileSync(path.join(root, "results", "results.json"), "utf8")) as GradeResults;
    expect(r.status).to.equal("graded");
    expect(r.score, r.output).to.equal(r.max_score);
    expect(r.output ?? "").to.not.match(/missing/);
  });

  it("says what is wrong with a new option, without a stack trace", async () => {
    copyTs("exercises", path.join(tmp, "one", "x"));
    const one = path.join(tmp, "one");
    const mistakes: [string, string[], RegExp][] = [
      [
        "grader/batch.ts",
        ["--submissions", one, "--out", out, "--assignment", "zz"],
        /^grade: no assignment "zz" in course\.json; the assignments are a1/,
      ],
      [
        "grader/batch.ts",
        ["--submissions", one, "--out", out, "--extensions", "e.csv"],
        /^grade: --extensions needs --assignment/,
      ],
      [
        "grader/batch.ts",
        ["--submissions", subs, "--out", out, "--assignment", a1.name, "--only", "zed"],
        /^grade: --only zed: no such submission/,
      ],
      [
        "grader/batch.ts",
        ["--submissions", subs, "--out", out, "--only", "bob"],
        /holds the results of assignment a1, not the whole course: choose another --out/,
      ],
      [
        "grader/batch.ts",
        ["--submissions", one, "--out", out, "--roster", path.join(tmp, "times.csv")],
        /^grade: .*times\.csv: needs the column\(s\) folder/,
      ],
      [
        "grader/gradescope.ts",
        ["--out", path.join(tmp, "x.zip"), "--assignment", "zz"],
        /^no assignment "zz" in course\.json/,
      ],
      ["grader/lms.ts", ["--out", out], /^lms: --out and --assignment are required\nusage: npm run lms/],
      [
        "grader/lms.ts",
        ["--out", one, "--assignment", a1.name],
        /^lms: --out .* holds no graded batch: run npm run grade -- --assignment a1 first/,
      ],
      ["grader/lms.ts", ["--bogus"], /^lms: unknown option --bogus\nusage: npm run lms/],
      [
        "tools/authoring/release.ts",
        ["--out", path.join(tmp, "rel"), "--assignment", "zz"],
        /^release: no assignment "zz" in course\.json/,
      ],
    ];
    const runs = await Promise.all(mistakes.map(([program, a]) => runTs(program, a)));
    const wrong = mistakes.flatMap(([program, a, expected], i) => {
      const { code, stderr } = runs[i];
      const ok = code === 2 && expected.test(stderr) && !STACK_LINE.test(stderr);
      return ok ? [] : [`${program} ${a.join(" ")}: exit ${code}, said ${JSON.stringify(stderr)}`];
    });
    expect(wrong).to.deep.equal([]);
  });
});
