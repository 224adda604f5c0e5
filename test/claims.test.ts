/**
 * Claims are code: a notebook's sentence about what an experiment shows is a `claim(…)`, and the notebook run of
 * `npm test` (the reference solutions) fails when the experiment stops showing it. Proven here by flipping one
 * experiment's setting in a copy of notebook 01: without the outlier, "one corrupted label drags the L² optimum far
 * away" is no longer true, and the run must fail on exactly that sentence.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readNotebook, writeNotebook, joinText } from "../tools/notebooks/nbformat";
import { firstError } from "../tools/notebooks/run";

const root = path.resolve(__dirname, "..");

describe("claims: a notebook run fails when an experiment stops showing what its text claims", function () {
  this.timeout(120_000);

  it("notebook 01 without its outlier fails on the sentence about the outlier", () => {
    fs.mkdirSync(path.join(root, "build"), { recursive: true }); // a fresh clone has no build/ yet
    const dir = fs.mkdtempSync(path.join(root, "build", "claims-"));
    try {
      const nb = readNotebook(path.join(root, "notebooks", "01-losses.ipynb"));
      const setting = "const targetsOutlier = [2, 3, 5, 8, 13, 21, 340];";
      const cell = nb.cells.find((c) => joinText(c.source).includes(setting));
      expect(cell, "the experiment's setting is where the test expects it").to.not.equal(undefined);
      cell!.source = joinText(cell!.source).replace(setting, "const targetsOutlier = [2, 3, 5, 8, 13, 21, 34];");
      const src = path.join(dir, "01-flipped.ipynb");
      const out = path.join(dir, "01-flipped.out.ipynb");
      writeNotebook(src, nb);
      const r = spawnSync(
        process.execPath,
        ["--require", "tsx/cjs", path.join(root, "tools", "notebooks", "engine.ts"), src, out],
        { cwd: root, encoding: "utf8", env: { ...process.env, NN_COURSE_IMPL: "solutions" } },
      );
      expect(r.status, r.stderr).to.equal(1);
      expect(firstError(out)).to.match(
        /ClaimFailed: This claim does not hold: "One corrupted label drags the L² optimum far away/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
