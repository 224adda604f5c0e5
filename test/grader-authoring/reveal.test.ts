/**
 * reveal(): a notebook's derivation is shown only once the exercise's public checks pass — true (and the derivation
 * shown) on the reference solutions, false (and a notice naming the checks still to pass) on the untouched stubs, and
 * an error for a test name that matches no public test. Three self-checks of the small init module, a few seconds.
 */
import { expect } from "chai";
import { reveal } from "../../lib/check";

/** Runs reveal with NN_COURSE_IMPL = impl; outside a kernel what it shows goes to stdout, kept here as `shown`. */
async function revealWith(impl: string, tests: string[]): Promise<{ done: boolean; shown: string }> {
  const saved = process.env.NN_COURSE_IMPL;
  const write = process.stdout.write;
  const shown: string[] = [];
  process.env.NN_COURSE_IMPL = impl;
  process.stdout.write = ((chunk: string | Uint8Array) => shown.push(String(chunk)) > 0) as typeof write;
  try {
    const done = await reveal("init", tests, "THE DERIVATION");
    return { done, shown: shown.join("") };
  } finally {
    process.stdout.write = write;
    if (saved === undefined) delete process.env.NN_COURSE_IMPL;
    else process.env.NN_COURSE_IMPL = saved;
  }
}

describe("reveal: a derivation shown once its exercise passes", function () {
  this.timeout(120_000);

  it("shows the derivation when the exercise's public tests pass (the reference solutions)", async () => {
    const { done, shown } = await revealWith("solutions", ["preactivationVariances"]);
    expect(done).to.equal(true);
    expect(shown).to.include("THE DERIVATION");
  });

  it("shows a notice naming the checks still to pass instead on the untouched stubs", async () => {
    const { done, shown } = await revealWith("exercises", ["preactivationVariances"]);
    expect(done).to.equal(false);
    expect(shown).not.to.include("THE DERIVATION");
    expect(shown).to.include("exercises/init.ts").and.include("preactivationVariances: fanIn 10");
  });

  it("refuses a test name that matches no public test of the module", async () => {
    let error: unknown;
    try {
      await revealWith("solutions", ["noSuchFunction"]);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include("no public test of init starts with noSuchFunction");
  });
});
