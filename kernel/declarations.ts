/**
 * The course library's declaration files, generated once at install, which the kernel type-checks cells against
 * instead of the library's sources.
 *
 * A cell importing `nn-course` made the kernel's TypeScript program parse, bind and check every source file of the
 * library (about 300 KB) before the cell ran. `npm install` (tools/setup.ts) now writes the library's declarations
 * to build/types/ (lib/*.d.ts and the grader files lib/check.ts imports), with a manifest of the sources they were
 * made from (a hash of each one's text). At start the kernel compares the manifest with the sources (about 300 KB to
 * hash, a few milliseconds): when every source is unchanged, the kernel's TypeScript sees each source file `X.ts` of
 * the library as its declaration `X.d.ts` (same folder, so relative imports resolve as before); when any source
 * changed or the manifest is missing, nothing is redirected and the kernel reads the sources as before. Cells are type-checked either way, against the
 * same types; only what the compiler has to read differs. Code still runs from the sources (tsx).
 *
 * @example
 * writeDeclarations(projectRoot); // at install: { files: 80, seconds: 1.6 } or throws saying why
 * useDeclarations(ts.sys, projectRoot); // in the kernel, before tslab builds its program: "declarations" | "sources: …"
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as ts from "@tslab/typescript-for-tslab";

/** Where the generated declarations live, under the project root (git-ignored build output). */
export const DECLARATIONS_DIR = path.join("build", "types");
const MANIFEST = "manifest.json";
/** The library's entry points a cell imports: `nn-course` and `nn-course/exercises`. */
const ENTRY_POINTS = ["lib/index.ts", "lib/exercises.ts"];

interface Manifest {
  /** Project-relative source path (forward slashes) → a hash of its text when the declarations were made. */
  sources: Record<string, string>;
}

const slash = (p: string): string => p.split(path.sep).join("/");

/**
 * Generates the declarations of the library (the entry points' import closure outside node_modules) into
 * `root/build/types`, the manifest last. Uses the kernel's own TypeScript, so the files are what it can read.
 * Throws with the compiler's message when the library does not compile.
 */
export function writeDeclarations(root: string): { files: number; seconds: number } {
  const start = performance.now();
  const outDir = path.join(root, DECLARATIONS_DIR);
  fs.rmSync(outDir, { recursive: true, force: true });
  const program = ts.createProgram(
    ENTRY_POINTS.map((f) => path.join(root, f)),
    {
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      types: ["node"],
      declaration: true,
      emitDeclarationOnly: true,
      rootDir: root,
      outDir,
    },
  );
  const sources = program
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && !f.fileName.includes("/node_modules/"))
    .map((f) => path.resolve(f.fileName));
  const written: string[] = [];
  const result = program.emit(undefined, (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (result.emitSkipped || errors.length > 0) {
    fs.rmSync(outDir, { recursive: true, force: true });
    const why = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n");
    throw new Error(`the course library's declarations could not be generated: ${why || "emit skipped"}`);
  }
  const manifest: Manifest = { sources: {} };
  for (const file of sources) manifest.sources[slash(path.relative(root, file))] = hashOf(file);
  fs.writeFileSync(path.join(outDir, MANIFEST), JSON.stringify(manifest, null, 1) + "\n");
  return { files: written.length, seconds: (performance.now() - start) / 1000 };
}

/** Why the declarations cannot be used (missing, or a source changed since they were made); null when they can. */
export function staleDeclarations(root: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, DECLARATIONS_DIR, MANIFEST), "utf8")) as Manifest;
  } catch {
    return `no ${slash(path.join(DECLARATIONS_DIR, MANIFEST))} (npm install writes it)`;
  }
  for (const [rel, was] of Object.entries(manifest.sources)) {
    let now: string;
    try {
      now = hashOf(path.join(root, rel));
    } catch {
      return `${rel} is gone`;
    }
    if (now !== was) return `${rel} changed since npm install`;
  }
  return null;
}

const hashOf = (file: string): string => createHash("sha1").update(fs.readFileSync(file)).digest("hex");

/** The part of TypeScript's `sys` this redirects. */
export interface FileReader {
  fileExists(path: string): boolean;
  readFile(path: string, encoding?: string): string | undefined;
}

/**
 * When the declarations are current, makes `sys` show each library source `X.ts` (under root or under any
 * `node_modules/nn-course` link to root/lib) as its declaration `X.d.ts`. Returns what the kernel type-checks
 * against: "declarations", or "sources: <why>".
 */
export function useDeclarations(sys: FileReader, root: string): string {
  const stale = staleDeclarations(root);
  if (stale) return `sources: ${stale}`;
  const manifest = JSON.parse(fs.readFileSync(path.join(root, DECLARATIONS_DIR, MANIFEST), "utf8")) as Manifest;
  const declarationOf = new Map<string, string>(); // a source's path, as TypeScript may ask → its generated .d.ts
  const redirected = new Map<string, string>(); // the .d.ts path beside the source → the generated .d.ts
  const linked = path.join(root, "node_modules", "nn-course");
  for (const rel of Object.keys(manifest.sources)) {
    const generated = path.join(root, DECLARATIONS_DIR, rel.replace(/\.ts$/, ".d.ts"));
    const places = [path.join(root, rel)];
    if (rel.startsWith("lib/")) places.push(path.join(linked, rel.slice("lib/".length)));
    for (const place of places) {
      declarationOf.set(slash(place), generated);
      redirected.set(slash(place.replace(/\.ts$/, ".d.ts")), generated);
    }
  }
  const exists = sys.fileExists.bind(sys);
  const read = sys.readFile.bind(sys);
  const libPackage = slash(path.join(root, "lib", "package.json"));
  // A student's own copy of the course (JupyterHub: ~/nn-course) reaches lib through its own node_modules link;
  // such a path is looked up by where its folder really is, so the source stays hidden there too (TypeScript asserts
  // that a symlinked file it resolved exists at its real path).
  const viaLink = new Map<string, string>();
  const canonical = (p: string): string => {
    if (declarationOf.has(p) || redirected.has(p) || !p.includes("/node_modules/nn-course/")) return p;
    let real = viaLink.get(p);
    if (real === undefined) {
      try {
        real = slash(path.join(fs.realpathSync(path.dirname(p)), path.basename(p)));
      } catch {
        real = p;
      }
      viaLink.set(p, real);
    }
    return real;
  };
  sys.fileExists = (p: string) => {
    const c = canonical(p);
    return declarationOf.has(c) ? false : redirected.has(c) ? true : exists(p);
  };
  sys.readFile = (p: string, encoding?: string) => {
    const c = canonical(p);
    const generated = redirected.get(c);
    if (generated) return read(generated, encoding);
    if (c === libPackage || p === slash(path.join(linked, "package.json"))) {
      // The package's "types" names index.ts, which the kernel now sees as index.d.ts.
      const pkg = JSON.parse(read(p, encoding) ?? "{}") as Record<string, unknown>;
      return JSON.stringify({ ...pkg, types: "index.d.ts" });
    }
    return read(p, encoding);
  };
  return "declarations";
}
