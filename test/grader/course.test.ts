/**
 * The course file (course.json): it is valid, every exercise module of solutions/ is in exactly one assignment and
 * every module and notebook it names exists, each assignment's student edition holds every module its notebooks
 * need, and mistakes in a course file are reported with where and what to do.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assignmentOf, assignmentsThrough, CourseError, readCourse, validateCourse } from "../../grader/course/course";
import { editionScope, ReleaseError } from "../../tools/authoring/release";
import { projectRoot } from "./fixtures";

const good = () => ({
  title: "T",
  assignments: [
    { name: "a1", title: "A1", modules: ["losses"], notebooks: ["01-losses"], points: 10, due: "2027-01-01T12:00:00Z" },
    { name: "a2", title: "A2", modules: ["layers"], notebooks: [], points: 10, due: "2027-02-01T12:00:00+01:00" },
  ],
});

describe("course file: course.json", function () {
  this.timeout(60_000);
  const course = readCourse(projectRoot);

  it("puts every exercise module of solutions/ in exactly one assignment", () => {
    const modules = fs
      .readdirSync(path.join(projectRoot, "solutions"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3));
    const homeless = modules
      .filter((m) => !course.assignments.some((a) => a.modules.includes(m)))
      .map(
        (m) =>
          `solutions/${m}.ts is in no assignment: add "${m}" to the "modules" of one assignment in course.json ` +
          `(the first one whose notebooks use it; see grader/course/README.md)`,
      );
    expect(homeless).to.deep.equal([]);
  });

  it("names only modules and notebooks that exist", () => {
    const missing = course.assignments.flatMap((a) => [
      ...a.modules
        .filter((m) => !fs.existsSync(path.join(projectRoot, "solutions", `${m}.ts`)))
        .map((m) => `${a.name}: module ${m} has no solutions/${m}.ts`),
      ...a.notebooks
        .filter((n) => !fs.existsSync(path.join(projectRoot, "notebooks", `${n}.ipynb`)))
        .map((n) => `${a.name}: notebook ${n} has no notebooks/${n}.ipynb`),
    ]);
    expect(missing).to.deep.equal([]);
  });

  it("gives each assignment's edition every module its notebooks need, directly or through the library", () => {
    for (const a of course.assignments) {
      const scope = editionScope(projectRoot, a.name);
      expect(scope.modules).to.include.members(a.modules);
    }
    const last = course.assignments[course.assignments.length - 1].name;
    expect(editionScope(projectRoot, last).modules.length).to.equal(
      course.assignments.reduce((n, a) => n + a.modules.length, 0),
    );
  });

  it("refuses an edition whose notebook needs a module of a later assignment, saying what to move", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "course-test-"));
    try {
      fs.symlinkSync(path.join(projectRoot, "lib"), path.join(tmp, "lib"));
      fs.mkdirSync(path.join(tmp, "notebooks"));
      fs.copyFileSync(
        path.join(projectRoot, "notebooks", "02-softmax-gradient.ipynb"),
        path.join(tmp, "notebooks", "02-softmax-gradient.ipynb"),
      );
      const c = good();
      c.assignments[0].notebooks = ["02-softmax-gradient"]; // it uses layers, which comes with a2
      fs.writeFileSync(path.join(tmp, "course.json"), JSON.stringify(c));
      expect(() => editionScope(tmp, "a1"))
        .to.throw(ReleaseError)
        .with.property("message")
        .that.matches(
          /02-softmax-gradient \(assignment a1\) needs module layers, which comes with the later assignment a2/,
        );
      expect(editionScope(tmp, "a2").notebooks).to.deep.equal(["02-softmax-gradient"]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("reads assignments in order, and says which exist when a name is unknown", () => {
    const c = validateCourse(good());
    expect(assignmentsThrough(c, "a2").map((a) => a.name)).to.deep.equal(["a1", "a2"]);
    expect(() => assignmentOf(c, "a3")).to.throw(
      CourseError,
      'no assignment "a3" in course.json; the assignments are a1, a2',
    );
  });

  it("reports each kind of mistake with where it is", () => {
    const mistakes: [(c: ReturnType<typeof good>) => void, RegExp][] = [
      [
        (c) => (c.assignments[1].modules = ["losses"]),
        /assignments\[1\] \(a2\): module losses is already in assignment a1/,
      ],
      [(c) => (c.assignments[1].name = "a1"), /the name a1 is used twice/],
      [(c) => (c.assignments[0].due = "2027-01-01 12:00"), /"due" must be a date and time with a time zone/],
      [(c) => (c.assignments[0].points = 0), /"points" must be a number > 0/],
      [(c) => (c.assignments[0].name = "A 1"), /"name" must be a short name/],
      [
        (c) => ((c as Record<string, unknown>).latePolicy = { percentPerDay: 150 }),
        /latePolicy.percentPerDay must be a number from 0 to 100/,
      ],
      [(c) => ((c.assignments[0] as Record<string, unknown>).deadline = "x"), /unknown key\(s\) deadline/],
      [(c) => (c.assignments = []), /"assignments" must be a list with at least one assignment/],
    ];
    for (const [change, message] of mistakes) {
      const c = good();
      change(c);
      expect(() => validateCourse(c), String(message)).to.throw(CourseError, message);
    }
  });
});
