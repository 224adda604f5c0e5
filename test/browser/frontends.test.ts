/**
 * The course in other front ends: the Binder/JupyterHub configuration (repo2docker's environment.yml and postBuild)
 * is consistent with the project and installs a working kernelspec, and the kernelspec is discoverable through the
 * project's Jupyter path (what VS Code's Jupyter extension and any other client use).
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { installKernelSpec } from "../../tools/kernelspec";
import { jupyterEnv, kernelDir, kernelDisplayName, kernelName, projectRoot } from "../../tools/paths";

const jupyter = fs.existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";

function hasJupyterClient(): boolean {
  return spawnSync(jupyter, ["kernelspec", "--version"], { stdio: "ignore", timeout: 30_000 }).status === 0;
}

interface SpecList {
  kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string; argv: string[] } }>;
}

function kernelspecList(env: NodeJS.ProcessEnv): SpecList {
  const r = spawnSync(jupyter, ["kernelspec", "list", "--json"], { env, encoding: "utf8", timeout: 30_000 });
  expect(r.status, r.stderr).to.equal(0);
  return JSON.parse(r.stdout) as SpecList;
}

/** "1.2.3" or "1.2" → [1, 2, 3]. */
const version = (v: string) => v.split(".").map(Number);
const atLeast = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe("front ends beyond the browser test", () => {
  describe("Binder / JupyterHub (repo2docker)", () => {
    const postBuild = path.join(projectRoot, "postBuild");
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
      engines: { node: string };
      scripts: Record<string, string>;
    };

    it("environment.yml installs a Node.js that satisfies package.json's engines", () => {
      const env = fs.readFileSync(path.join(projectRoot, "environment.yml"), "utf8");
      expect(env).to.match(/^channels:\s*\n\s*- conda-forge/m);
      const pin = /^\s*-\s*nodejs\s*>=\s*([\d.]+)\s*$/m.exec(env);
      expect(pin, "a dependency line `- nodejs>=X.Y`").to.not.equal(null);
      const engines = /^>=\s*([\d.]+)$/.exec(pkg.engines.node);
      expect(engines, `engines.node is ">=X.Y" (${pkg.engines.node})`).to.not.equal(null);
      expect(
        atLeast(version(pin![1]), version(engines![1])),
        `nodejs>=${pin![1]} vs engines ${pkg.engines.node}`,
      ).to.equal(true);
    });

    it("postBuild is an executable bash script that stops on the first failure", () => {
      const text = fs.readFileSync(postBuild, "utf8");
      expect(text.startsWith("#!/usr/bin/env bash\n")).to.equal(true);
      expect(text).to.match(/^set -euo pipefail$/m);
      expect(fs.statSync(postBuild).mode & 0o111, "postBuild must be executable (repo2docker runs it)").to.not.equal(0);
    });

    it("postBuild runs the same set-up as npm install, then installs that kernelspec into the image's Jupyter", function () {
      this.timeout(60_000);
      // stand-ins for npm and jupyter record what postBuild runs; the kernelspec step is then replayed for real
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nn-postbuild-"));
      const bin = path.join(tmp, "bin");
      const log = path.join(tmp, "calls.log");
      fs.mkdirSync(bin);
      for (const cmd of ["npm", "jupyter"]) {
        fs.writeFileSync(path.join(bin, cmd), `#!/bin/sh\necho "${cmd} $*" >> "${log}"\n`, { mode: 0o755 });
      }
      const r = spawnSync("bash", [postBuild], {
        cwd: projectRoot,
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).to.equal(0);
      const calls = fs.readFileSync(log, "utf8").trim().split("\n");
      expect(calls).to.deep.equal([
        "npm ci",
        `jupyter kernelspec install --sys-prefix --name ${kernelName} .jupyter/kernels/${kernelName}`,
      ]);
      // npm ci runs package.json's postinstall, which is what writes .jupyter/kernels/nn-course
      expect(pkg.scripts.postinstall).to.equal("tsx tools/setup.ts");
      expect(path.relative(projectRoot, kernelDir)).to.equal(path.join(".jupyter", "kernels", kernelName));
      expect(fs.existsSync(path.join(projectRoot, "package-lock.json")), "npm ci needs the lock file").to.equal(true);

      if (!hasJupyterClient()) {
        console.log("      (jupyter not installed: the kernelspec install itself was not replayed)");
        return;
      }
      // the install step for real, into a throwaway prefix instead of the image's environment
      installKernelSpec();
      const prefix = path.join(tmp, "prefix");
      const args = calls[1].split(" ").slice(1);
      args[args.indexOf("--sys-prefix")] = `--prefix=${prefix}`;
      const install = spawnSync(jupyter, args, { cwd: projectRoot, encoding: "utf8", timeout: 30_000 });
      expect(install.status, install.stderr).to.equal(0);
      const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") };
      delete env.JUPYTER_DATA_DIR;
      const spec = kernelspecList(env).kernelspecs[kernelName];
      expect(spec, "the installed kernelspec is listed").to.not.equal(undefined);
      expect(spec.spec.display_name).to.equal(kernelDisplayName);
      expect(spec.spec.argv[1], "the kernel is started from the repository").to.equal(
        path.join(projectRoot, "kernel", "launch.js"),
      );
      expect(fs.existsSync(spec.spec.argv[0]), `the kernel's node (${spec.spec.argv[0]}) exists`).to.equal(true);
      fs.rmSync(tmp, { recursive: true, force: true });
    });
  });

  describe("VS Code and other Jupyter clients", () => {
    it("`jupyter kernelspec list` with the project's JUPYTER_PATH lists the course kernel", function () {
      this.timeout(60_000);
      if (!hasJupyterClient()) {
        console.log("      skipped: jupyter (jupyter_client) is not installed");
        this.skip();
      }
      installKernelSpec();
      const spec = kernelspecList(jupyterEnv()).kernelspecs[kernelName];
      expect(spec, `${kernelName} in \`jupyter kernelspec list\``).to.not.equal(undefined);
      expect(fs.realpathSync(spec.resource_dir)).to.equal(fs.realpathSync(kernelDir));
      expect(spec.spec.display_name).to.equal(kernelDisplayName);
    });
  });
});
