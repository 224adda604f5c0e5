/**
 * Writes the course kernelspec into the project-local Jupyter data folder (.jupyter/kernels/nn-course).
 * Nothing is written to the user's global Jupyter folders: tools that start Jupyter set JUPYTER_PATH themselves.
 */
import * as fs from "fs";
import * as path from "path";
import { kernelDir, kernelDisplayName, kernelName, projectRoot } from "./paths";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: string;
  metadata: Record<string, unknown>;
}

export function kernelSpec(): KernelSpec {
  return {
    // process.execPath: the same Node that installed the project, whatever is first on a Jupyter server's PATH.
    argv: [process.execPath, path.join(projectRoot, "kernel", "launch.js"), "--config-path", "{connection_file}"],
    display_name: kernelDisplayName,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { "nn-course": { project: projectRoot } },
  };
}

/** Writes kernel.json (and tslab's logo when present); returns the folder. */
export function installKernelSpec(): string {
  fs.mkdirSync(kernelDir, { recursive: true });
  fs.writeFileSync(path.join(kernelDir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return kernelDir;
}

export { kernelName };
