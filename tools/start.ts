/**
 * `npm start`: opens the workbook in JupyterLab (or Jupyter Notebook) with the course kernel, at notebooks/.
 * Without Jupyter, it executes every notebook with the embedded engine and writes browsable HTML copies instead.
 */
import { spawn } from "child_process";
import * as path from "path";
import { installKernelSpec } from "./kernelspec";
import { findFrontEnd, installHint } from "./jupyter";
import { jupyterEnv, projectRoot } from "./paths";
import { runNotebooks } from "./notebooks/run";
import { parseCommandLine } from "../lib/cli";

function openJupyter(frontEnd: NonNullable<ReturnType<typeof findFrontEnd>>, extraArgs: string[]): void {
  // The server's root is the project, so exercises/ can be edited from the same browser tab; it opens at notebooks/.
  const args =
    frontEnd.name === "JupyterLab"
      ? [`--ServerApp.root_dir=${projectRoot}`, "--LabApp.default_url=/lab/tree/notebooks", ...extraArgs]
      : [`--notebook-dir=${projectRoot}`, "--NotebookApp.default_url=/tree/notebooks", ...extraArgs];
  console.log(`Starting ${frontEnd.name} with the "TypeScript (NN course)" kernel (Ctrl+C to stop)…`);
  const child = spawn(frontEnd.command, args, { stdio: "inherit", env: jupyterEnv() });
  const stop = () => child.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

/**
 * `--headless`: never open Jupyter, run the notebooks with the embedded engine. Every other argument goes to Jupyter
 * as it is (e.g. `npm start -- --port=9999`), so options the project does not know are not refused here.
 */
async function main(argv: string[]): Promise<void> {
  const { values } = parseCommandLine({
    args: argv,
    options: { headless: { type: "boolean" } },
    strict: false,
    allowPositionals: true,
  });
  const headless = values.headless === true;
  installKernelSpec();
  const frontEnd = headless ? undefined : findFrontEnd();
  if (frontEnd) return openJupyter(frontEnd, argv);
  const { outDir, failures } = await runNotebooks({ check: false, engine: "tslab", html: true });
  const rel = path.relative(process.cwd(), outDir);
  console.log(`\nOpen ${path.join(rel, "01-losses.html")} (and the other .html files there) in a browser.`);
  if (failures.length > 0) {
    console.log("Some cells reported errors: usually an exercise you have not implemented yet (the page says which).");
  }
  if (!headless) console.log("\n" + installHint);
}

void main(process.argv.slice(2));
