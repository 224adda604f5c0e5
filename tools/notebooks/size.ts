/**
 * The size bound of an executed, saved notebook: plotly.js travels compressed once per notebook (~0.67 MB), so
 * everything a notebook shows fits in 1.5 MB; a second copy of the library, or figure data stored twice, would not.
 */
import * as fs from "fs";
import * as path from "path";

/** At most this many bytes per executed notebook (1.5 MB). */
export const MAX_NOTEBOOK_BYTES = 1_500_000;

/**
 * A message when the executed notebook `file` is larger than the bound, else undefined.
 *
 * @example
 * sizeProblem("build/notebooks/03-backprop-mlp.ipynb"); // undefined, or "03-backprop-mlp.ipynb is 5.08 MB …"
 */
export function sizeProblem(file: string): string | undefined {
  const bytes = fs.statSync(file).size;
  if (bytes <= MAX_NOTEBOOK_BYTES) return undefined;
  return (
    `${path.basename(file)} is ${(bytes / 1e6).toFixed(2)} MB executed, more than the ` +
    `${MAX_NOTEBOOK_BYTES / 1e6} MB bound: does a figure carry plotly.js again, or its data twice?`
  );
}
