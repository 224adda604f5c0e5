/**
 * The one low-level way the course library shows rich output: a multi-MIME bundle sent as a Jupyter
 * display_data (or update_display_data) message through the tslab kernel. Every other display helper builds a
 * bundle and calls displayBundle.
 *
 * With no kernel (plain node, mocha, a tsx script) the text/plain part is printed to stdout instead, so code that
 * displays things still runs and its output stays readable.
 */
import { CourseInputError } from "../errors";

/** A MIME bundle: MIME type → content, e.g. `{ "text/html": "<b>hi</b>", "text/plain": "hi" }`. */
export type MimeBundle = Record<string, string>;

/** The shape of tslab's process-wide display hook (set by the kernel while it runs a cell). */
type DisplayHook = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

interface TslabJupyterModule {
  lastWriteDisplayData: DisplayHook | null;
}

let tslabJupyter: TslabJupyterModule | null | undefined;

/** tslab's jupyter module (the one the running kernel uses), or null when tslab cannot be loaded. */
function tslabModule(): TslabJupyterModule | null {
  if (tslabJupyter === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      tslabJupyter = require("tslab/dist/jupyter") as TslabJupyterModule;
    } catch {
      tslabJupyter = null;
    }
  }
  return tslabJupyter;
}

/** The kernel's display hook; null outside a notebook. Also finds a second copy of tslab loaded by the kernel. */
function displayHook(): DisplayHook | null {
  const own = tslabModule()?.lastWriteDisplayData;
  if (typeof own === "function") return own;
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const hook = (mod?.exports as Partial<TslabJupyterModule> | undefined)?.lastWriteDisplayData;
    if (typeof hook === "function") return hook;
  }
  return null;
}

/**
 * True inside a running tslab kernel (a notebook), false in plain node, mocha or a script.
 *
 * @example
 * if (!hasKernel()) console.log("figures are printed as text here");
 */
export function hasKernel(): boolean {
  return displayHook() !== null;
}

/** A short plain-text stand-in for HTML: tags dropped, common entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h[1-6])>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/** The text/plain fallback of a bundle: its own, else one derived from the richest text it has. */
function plainText(data: MimeBundle): string {
  if (typeof data["text/plain"] === "string") return data["text/plain"];
  if (typeof data["text/markdown"] === "string") return data["text/markdown"];
  if (typeof data["text/latex"] === "string") return data["text/latex"];
  if (typeof data["text/html"] === "string") return htmlToText(data["text/html"]);
  return "[output]";
}

/**
 * Shows a multi-MIME bundle in the notebook; the frontend picks the richest type it can render. With
 * `{ id }` the output can later be replaced in place by calling again with `{ id, update: true }`; `metadata` travels
 * with the output (tools read it, e.g. the notebook runner finds the course's notices by theirs).
 * A text/plain part is added when missing. Without a kernel, prints the text/plain part to stdout.
 *
 * @example
 * displayBundle({ "text/html": "<b>bold</b>", "text/plain": "bold" });
 * displayBundle({ "text/plain": "step 1" }, { id: "status" });
 * displayBundle({ "text/plain": "step 2" }, { id: "status", update: true });
 */
export function displayBundle(
  data: MimeBundle,
  opts: { id?: string; update?: boolean; metadata?: Record<string, unknown> } = {},
): void {
  if (data === null || typeof data !== "object") {
    throw new CourseInputError(
      'displayBundle needs an object mapping MIME types to strings, e.g. { "text/plain": "hi" }.',
    );
  }
  if (opts.update && !opts.id) {
    throw new CourseInputError(
      "displayBundle: { update: true } needs the id of the output to replace, e.g. { id, update: true }.",
    );
  }
  const bundle: MimeBundle = { ...data, "text/plain": plainText(data) };
  const hook = displayHook();
  if (hook === null) {
    process.stdout.write(bundle["text/plain"] + "\n");
    return;
  }
  hook(
    { data: bundle, metadata: opts.metadata ?? {}, transient: opts.id ? { display_id: opts.id } : {} },
    opts.update === true,
  );
}
