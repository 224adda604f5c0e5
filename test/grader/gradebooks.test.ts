/**
 * The gradebooks of an assignment (grader/lms/, grader/report/late.ts), from results written by hand: the late
 * policy (grace period, days late, cap, extensions) shown beside the raw score; per-module subtotals; Canvas's and
 * Moodle's import layouts with the roster's identities; and clear errors for a bad roster, extension list or times.
 */
import { expect } from "chai";
import { parse } from "csv-parse/sync";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateCourse } from "../../grader/course/course";
import { writeGradebooks } from "../../grader/lms/gradebooks";
import { readExtensions, readRoster, readSubmissionTimes } from "../../grader/lms/roster";
import { CsvError } from "../../grader/report/csv";
import { lateness } from "../../grader/report/late";
import type { GradeResults, TestResult } from "../../grader/results/types";

const test = (module: string, score: number, max: number): TestResult => ({
  name: `${module} [${max} pts]`,
  score,
  max_score: max,
  status: score === max ? "passed" : "failed",
  output: "",
  visibility: "visible",
  tags: [module],
});

const results = (tests: TestResult[]): GradeResults => ({
  score: tests.reduce((s, t) => s + t.score, 0),
  max_score: tests.reduce((s, t) => s + t.max_score, 0),
  execution_time: 1,
  tests,
  status: "graded",
});

const course = validateCourse({
  title: "T",
  latePolicy: { percentPerDay: 10, graceMinutes: 15, maxDays: 3 },
  assignments: [
    {
      name: "a1",
      title: "Assignment 1",
      modules: ["losses", "layers"],
      notebooks: [],
      points: 50,
      due: "2027-02-12T23:59:00+01:00",
    },
  ],
});
const a1 = course.assignments[0];

describe("gradebooks: late policy, subtotals, Canvas and Moodle", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gradebooks-test-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    fs.writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };

  it("counts started days after the due date, with a grace period, a cap and an extension", () => {
    const policy = { percentPerDay: 10, graceMinutes: 15, maxDays: 3 };
    const due = "2027-02-12T22:59:00Z";
    const at = (submitted: string, extensionDays = 0) => lateness({ submitted, due, extensionDays, policy });
    expect(at("2027-02-12T22:59:00Z")).to.include({ daysLate: 0, penaltyPercent: 0 });
    expect(at("2027-02-12T23:10:00Z"), "within the grace period").to.include({ daysLate: 0, penaltyPercent: 0 });
    expect(at("2027-02-12T23:20:00Z"), "a started day").to.include({ daysLate: 1, penaltyPercent: 10 });
    expect(at("2027-02-14T23:00:00Z")).to.include({ daysLate: 3, penaltyPercent: 30 });
    expect(at("2027-02-15T23:00:00Z"), "past maxDays").to.include({ daysLate: 4, penaltyPercent: 100 });
    expect(at("2027-02-15T10:00:00Z", 2), "two days' extension").to.include({ daysLate: 1, penaltyPercent: 10 });
    expect(at("2027-02-14T23:00:00Z", 2).due).to.equal("2027-02-14T22:59:00.000Z");
    const none = lateness({ submitted: "2027-02-14T23:00:00Z", due, extensionDays: 0, policy: null });
    expect(none, "no policy: shown, not charged").to.include({ daysLate: 3, penaltyPercent: 0 });
  });

  it("writes gradebook.csv, Canvas's and Moodle's files with the penalty beside the raw score", () => {
    const out = path.join(tmp, "out");
    const write = (student: string, r: GradeResults, submitted: string) => {
      fs.mkdirSync(path.join(out, student), { recursive: true });
      fs.writeFileSync(path.join(out, student, "results.json"), JSON.stringify(r));
      fs.writeFileSync(path.join(out, student, "submission.json"), JSON.stringify({ submitted, from: "times file" }));
    };
    write("alice", results([test("losses", 6, 6), test("layers", 4, 4)]), "2027-02-12T20:00:00Z");
    write("bob", results([test("losses", 6, 6), test("layers", 0, 4)]), "2027-02-14T20:00:00Z");
    write("carol", results([test("losses", 3, 6), test("layers", 4, 4)]), "2027-02-14T20:00:00Z");
    const roster = readRoster(
      file(
        "roster.csv",
        "Folder,Name,LMS_ID,SIS_User_ID,Login,Section,Email\n" +
          'alice,"Smith, Alice",101,S1,asmith,L1,alice@example.edu\nbob,"Jones, Bob",102,S2,bjones,L1,bob@example.edu\n',
      ),
    );
    const extensions = readExtensions(file("ext.csv", "student,days,assignment\ncarol,2,a1\nbob,5,a9\n"), "a1");
    const { files } = writeGradebooks(out, ["alice", "bob", "carol"], { course, assignment: a1, roster, extensions });
    expect(files.map((f) => path.basename(f))).to.deep.equal(["gradebook.csv", "canvas-a1.csv", "moodle-a1.csv"]);

    const book = parse(fs.readFileSync(files[0], "utf8"), { columns: true }) as Record<string, string>[];
    const bob = book.find((r) => r.student === "bob")!;
    expect(bob).to.include({ score: "6", max_score: "10", losses: "6", layers: "0", days_late: "2" });
    expect(bob).to.include({ late_penalty_percent: "20", final_score: "4.8", points: "50", lms_score: "24" });
    const carol = book.find((r) => r.student === "carol")!;
    expect(carol).to.include({ extension_days: "2", days_late: "0", late_penalty_percent: "0", lms_score: "35" });

    const canvas = fs.readFileSync(files[1], "utf8").trim().split("\n");
    expect(canvas[0]).to.equal(
      "Student,ID,SIS User ID,SIS Login ID,Section,Assignment 1,Assignment 1: losses,Assignment 1: layers",
    );
    expect(canvas[1]).to.equal("Points Possible,,,,,50,6,4");
    expect(canvas[2]).to.equal('"Smith, Alice",101,S1,asmith,L1,50,6,4');
    expect(canvas[3]).to.equal('"Jones, Bob",102,S2,bjones,L1,24,6,0');
    expect(canvas[4], "not in the roster: the folder as login").to.equal("carol,,,carol,,35,3,4");

    const moodle = parse(fs.readFileSync(files[2], "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(moodle[0]).slice(0, 4)).to.deep.equal([
      "Username",
      "ID number",
      "Email address",
      "Assignment 1",
    ]);
    expect(moodle[1]).to.include({ Username: "bjones", "ID number": "S2", "Email address": "bob@example.edu" });
    expect(moodle[1].Feedback).to.match(/layers 0\/4.*2 day\(s\) late: −20 %, 4\.8\/10.*Scaled to 50: 24/);

    fs.writeFileSync(
      path.join(out, "carol", "submission.json"),
      JSON.stringify({ submitted: "2027-03-01T00:00:00Z", from: "file times" }),
    );
    const untimed = writeGradebooks(out, ["carol"], { course, assignment: a1 }).rows[0];
    expect(untimed.late, "a file's time is never charged").to.equal(null);
    expect(untimed.final).to.equal(untimed.results.score);
  });

  it("says what is wrong with a roster, an extension list or a times file", () => {
    const bad: [() => unknown, RegExp][] = [
      [() => readRoster(file("r1.csv", "name,login\nA,a\n")), /needs the column\(s\) folder in its header line/],
      [() => readRoster(file("r2.csv", "folder,login\na,x\na,y\n")), /line 3: a is listed twice/],
      [
        () => readRoster(file("r3.csv", "folder,name\na,Alice\n")),
        /line 2 \(a\) has no lms_id, sis_user_id, login or email/,
      ],
      [() => readRoster(path.join(tmp, "nope.csv")), /nope\.csv: no such file/],
      [() => readExtensions(file("e1.csv", "student,days\na,two\n"), "a1"), /days must be a number ≥ 0, got "two"/],
      [() => readSubmissionTimes(file("t1.csv", "student,submitted\na,2027-02-12 10:00\n")), /with a time zone/],
      [() => readRoster(file("r4.csv", 'folder,login\n"a,x\n')), /not a CSV file with a header line/],
    ];
    for (const [read, message] of bad) expect(read, String(message)).to.throw(CsvError, message);
  });
});
