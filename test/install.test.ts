/**
 * The install: npm (from version 12 on) runs a dependency's install script only when package.json's `allowScripts`
 * approves it. The project reviews each one: zeromq's is approved (it checks that the kernel's native messaging
 * addon loads, and builds it where no prebuilt one fits the machine); esbuild's is denied (it only re-checks and
 * relinks esbuild's binary, which tsx reaches through esbuild's JavaScript API without it).
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>;

describe("install: dependency install scripts", () => {
  it("reviews exactly the dependencies that have install scripts, and approves only zeromq's", () => {
    const lock = read("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([where, p]) => where !== "" && p.hasInstallScript)
      .map(([where]) => where.replace(/^.*node_modules\//, ""))
      .sort();
    const allow = read("package.json").allowScripts as Record<string, boolean>;
    expect(Object.keys(allow).sort()).to.deep.equal(withScripts);
    expect(allow).to.deep.equal({ zeromq: true, esbuild: false });
  });

  it("leaves npm nothing to warn about (where npm knows allowScripts)", function () {
    const r = spawnSync("npm", ["install-scripts", "ls"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0 && /Unknown command|not a valid command/i.test(r.stdout + r.stderr)) {
      this.skip(); // an npm without install-script review runs every script and has nothing to warn about
    }
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain("No packages with unreviewed install scripts");
  });
});
