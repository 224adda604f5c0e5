/**
 * The kernel's TypeScript program includes only the Node.js declarations among the `@types` packages.
 *
 * tslab's compiler options set no `types`, so TypeScript reads every package in node_modules/@types into the
 * kernel's program at start (and keeps it there): the project's test and tooling types (mocha, chai, ws, react,
 * emscripten, …) cost about a fifth of the kernel's start and are of no use in a notebook. tslab's options cannot be
 * changed from outside, but TypeScript finds those packages by listing each `@types` folder through `ts.sys`, which
 * the kernel can narrow. A package a cell imports (`import seedrandom from "seedrandom"`) still finds its
 * declarations in @types by module resolution, which does not list folders.
 *
 * @example
 * limitAutomaticTypes(ts); // before tslab builds its program
 * ts.sys.getDirectories("/project/node_modules/@types"); // ["node"]
 */

/** The part of TypeScript's `sys` this narrows. */
export interface DirectoryLister {
  getDirectories(path: string): string[];
}

/** The @types packages every cell sees without importing them. */
export const AUTOMATIC_TYPES = ["node"];

const TYPES_FOLDER = /[\\/]node_modules[\\/]@types[\\/]?$/;

/** Narrows `sys.getDirectories` so that an @types folder lists only AUTOMATIC_TYPES; other folders are unchanged. */
export function limitAutomaticTypes(sys: DirectoryLister, keep: readonly string[] = AUTOMATIC_TYPES): void {
  const list = sys.getDirectories.bind(sys);
  sys.getDirectories = (path: string) => {
    const entries = list(path);
    return TYPES_FOLDER.test(path) ? entries.filter((name) => keep.includes(name)) : entries;
  };
}
