/**
 * Finding the Jupyter that is installed, if any. Front ends are looked up as executables
 * (jupyter-lab, jupyter-notebook) so that a `python3` without Jupyter first on PATH does not hide Debian's Jupyter.
 */
import { spawnSync } from "child_process";

function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 30_000 });
  return r.status === 0;
}

/** The first front end that runs here: JupyterLab, then Notebook; undefined when neither is installed. */
export function findFrontEnd(): { name: "JupyterLab" | "Jupyter Notebook"; command: string } | undefined {
  if (works("jupyter-lab", ["--version"])) return { name: "JupyterLab", command: "jupyter-lab" };
  if (works("jupyter-notebook", ["--version"])) return { name: "Jupyter Notebook", command: "jupyter-notebook" };
  return undefined;
}

/** A Python that can execute notebooks with nbclient and export them with nbconvert, or undefined. */
export function findNotebookPython(): string | undefined {
  for (const python of ["python3", "/usr/bin/python3"]) {
    if (works(python, ["-c", "import nbclient, nbformat, nbconvert, jupyter_client"])) return python;
  }
  return undefined;
}

export const installHint = [
  "Jupyter is not installed. To open the notebooks interactively, install one of:",
  "  pip install jupyterlab                      (JupyterLab, any OS)",
  "  sudo apt-get install jupyter-notebook       (Debian/Ubuntu: classic Notebook)",
  "then run `npm start` again.",
].join("\n");
