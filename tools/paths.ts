/** Where the project keeps things: one place for every path the tools share. */
import * as path from "path";

export const projectRoot = path.resolve(__dirname, "..");
/** The project-local Jupyter data folder (JUPYTER_PATH); the course kernelspec lives in its kernels/ folder. */
export const jupyterDataDir = path.join(projectRoot, ".jupyter");
export const kernelName = "nn-course";
export const kernelDisplayName = "TypeScript (NN course)";
export const kernelDir = path.join(jupyterDataDir, "kernels", kernelName);
export const notebooksDir = path.join(projectRoot, "notebooks");
/** Generated output (executed notebooks, HTML, screenshots, benchmark results); git-ignored. */
export const buildDir = path.join(projectRoot, "build");

/** The environment for any Jupyter process: the project-local kernelspec first on JUPYTER_PATH. */
export function jupyterEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const prior = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: prior ? `${jupyterDataDir}${path.delimiter}${prior}` : jupyterDataDir,
    ...extra,
  };
}
