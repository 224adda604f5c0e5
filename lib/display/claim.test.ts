import { expect } from "chai";
import { claim, ClaimFailed } from "./claim";

/** Runs `f` with NN_COURSE_IMPL set to `impl`, collecting what it prints. */
function printed(impl: string | undefined, f: () => void): string {
  const saved = process.env.NN_COURSE_IMPL;
  const write = process.stdout.write.bind(process.stdout);
  let out = "";
  process.stdout.write = ((s: string) => (out += s).length > 0) as typeof process.stdout.write;
  if (impl === undefined) delete process.env.NN_COURSE_IMPL;
  else process.env.NN_COURSE_IMPL = impl;
  try {
    f();
  } finally {
    process.stdout.write = write;
    if (saved === undefined) delete process.env.NN_COURSE_IMPL;
    else process.env.NN_COURSE_IMPL = saved;
  }
  return out;
}

describe("display: claims are code", () => {
  it("shows a claim that holds with ✓ and the evidence under it", () => {
    const out = printed("solutions", () => claim("The L¹ optimum stays at 8", true, "best c 8.00, median 8"));
    expect(out).to.equal("✓ The L¹ optimum stays at 8\n  best c 8.00, median 8\n");
  });

  it("fails the cell with the reference solutions (as CI runs the notebooks) when the claim does not hold", () => {
    expect(() => printed("solutions", () => claim("The L¹ optimum stays at 8", false, "best c 56.00"))).to.throw(
      ClaimFailed,
      'This claim does not hold: "The L¹ optimum stays at 8" (measured: best c 56.00)',
    );
  });

  it("with a student's code shows ✗ and what was measured, and the run goes on", () => {
    const out = printed(undefined, () => claim("The L¹ optimum stays at 8", false, "best c 56.00"));
    expect(out).to.match(/^✗ The L¹ optimum stays at 8 — does not hold with your code/);
    expect(out).to.contain("best c 56.00");
  });
});
