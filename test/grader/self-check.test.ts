/**
 * The self-check lists the type errors of the checked file by default (file:line:col and TypeScript's message), in
 * the table and the results, without changing any points; the check runs beside the tests.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { selfCheck } from "../../grader/check";
import { checkHtml, checkText } from "../../grader/report/check-table";
import type { GradeResults } from "../../grader/engine/grade";
import { materialize } from "./fixtures";

const TYPE_ERROR = "losses.ts:9:9 Type 'string' is not assignable to type 'Matrix'.";

describe("grader: type errors in the self-check", function () {
  this.timeout(30_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grader-self-check-test-"));
  // A student part-way through losses.ts: sigmoid right but with a type error, l1Loss wrong, the rest stubs.
  const halfDone = path.join(tmp, "half-done");
  let self: GradeResults;

  before(async () => {
    materialize("half-done", halfDone, {});
    self = await selfCheck("losses", { exercisesDir: halfDone, show: false });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("lists the checked file's type errors by default (file:line:col and TypeScript's message)", async () => {
    expect(self.typeErrors).to.deep.equal([TYPE_ERROR]);
    expect(self.output).to.include(TYPE_ERROR);
    expect(checkText("losses", self)).to.include(`Type errors in losses.ts`).and.include(`  ${TYPE_ERROR}`);
    expect(checkHtml("losses", self))
      .to.include("Type errors in losses.ts")
      .and.include(TYPE_ERROR.replace(/'/g, "&#39;"));
    // The points do not depend on type errors; typeCheck: false leaves them out.
    const plain = await selfCheck("losses", { exercisesDir: halfDone, show: false, typeCheck: false });
    expect(plain.typeErrors).to.equal(undefined);
    expect(plain.score).to.equal(self.score).and.to.be.greaterThan(0);
  });
});
