/**
 * The student edition of one assignment (`npm run release -- --assignment NAME`): the notebooks, stubs and public
 * tests of that assignment and the earlier ones, nothing of later ones, and the earlier assignments' stubs exactly
 * as in their own edition, so that a student's repository takes the next edition without conflicts.
 */
import { expect } from "chai";
import * as path from "path";
import { readCourse } from "../../grader/course/course";
import { buildRelease, RELEASE_MARKER, type ReleaseFile } from "../../tools/authoring/release";

const root = path.resolve(__dirname, "..", "..");

describe("release: the edition of one assignment", function () {
  this.timeout(120_000);
  const course = readCourse(root);
  const [first, second] = course.assignments;
  let one: ReleaseFile[];
  let two: ReleaseFile[];

  before(async () => {
    one = await buildRelease(root, { assignment: first.name });
    two = await buildRelease(root, { assignment: second.name });
  });

  const names = (files: ReleaseFile[], re: RegExp): string[] =>
    files
      .map((f) => re.exec(f.path)?.[1])
      .filter((n): n is string => n !== undefined)
      .sort();

  it("holds the assignment's notebooks, stubs and public tests, and nothing of later assignments", () => {
    expect(names(one, /^exercises\/(\w+)\.ts$/)).to.deep.equal([...first.modules].sort());
    expect(names(one, /^test\/graded\/(\w+)\.test\.ts$/)).to.deep.equal(
      first.modules.filter((m) => two.some((f) => f.path === `test/graded/${m}.test.ts`)).sort(),
    );
    expect(names(one, /^notebooks\/([\w-]+)\.ipynb$/)).to.deep.equal([...first.notebooks].sort());
    expect(one.some((f) => f.path === "test/graded/graded.ts")).to.equal(true);
    const marker = JSON.parse(one.find((f) => f.path === RELEASE_MARKER)!.content.toString()) as { assignment: string };
    expect(marker.assignment).to.equal(first.name);
  });

  it("holds the earlier assignments too, with the same stubs", () => {
    expect(names(two, /^exercises\/(\w+)\.ts$/)).to.deep.equal([...first.modules, ...second.modules].sort());
    expect(names(two, /^notebooks\/([\w-]+)\.ipynb$/)).to.deep.equal([...first.notebooks, ...second.notebooks].sort());
    for (const m of first.modules) {
      const a = one.find((f) => f.path === `exercises/${m}.ts`)!.content;
      const b = two.find((f) => f.path === `exercises/${m}.ts`)!.content;
      expect(a.equals(b), `exercises/${m}.ts`).to.equal(true);
    }
  });
});
