/**
 * Browser side of the JupyterLab 4 rendering test: JupyterLab's own output rendering (@jupyterlab/outputarea and
 * @jupyterlab/rendermime, the code Lab runs for every output cell) bundled by esbuild for the page. The page calls
 * `window.nnLab.render(notebook, trusted)`: each code cell's saved outputs become an OutputAreaModel (trusted as Lab
 * marks a notebook its server trusts, or not) shown by an OutputArea with Lab's standard renderers, as in Lab.
 */
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { Widget } from "@lumino/widgets";
import type * as nbformat from "@jupyterlab/nbformat";

interface SavedNotebook {
  cells: { cell_type: string; outputs?: nbformat.IOutput[] }[];
}

/**
 * Renders the outputs of `nb` into #notebook, one OutputArea per code cell (a div.nn-lab-cell with data-cell=index).
 * `cells`, when given, lists the code-cell indices to attach (the others are left out of the page, as Lab's windowed
 * notebook leaves off-screen cells out).
 */
function render(nb: SavedNotebook, trusted: boolean, cells?: number[]): number {
  const host = document.getElementById("notebook")!;
  host.innerHTML = "";
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  let n = 0;
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code" || (cell.outputs ?? []).length === 0) return;
    if (cells && !cells.includes(i)) return;
    const box = document.createElement("div");
    box.className = "nn-lab-cell";
    box.dataset.cell = String(i);
    host.appendChild(box);
    const model = new OutputAreaModel({ values: cell.outputs, trusted });
    const area = new OutputArea({ model, rendermime });
    Widget.attach(area, box);
    n++;
  });
  return n;
}

(window as unknown as { nnLab: unknown }).nnLab = { render };
