/**
 * Type errors of exercise files, as a student should see them: "losses.ts:86:3 Type 'string' is not assignable to
 * type 'Matrix'." Strict, like the project's tsconfig. The one type check of exercise files: the exercise loader
 * runs it when a notebook cell loads a file, the self-check for its table, and the grader for the official grade.
 *
 * Exercise code runs without a type check (tsx strips types), so a type error stops nothing: it is shown as a
 * warning, because a function whose types are wrong usually has a bug the tests will find.
 *
 * The files are checked as if they sat in `root/exercises/` next to the course library in `root/lib/` (the layout
 * of the project and of the grader's working copy); `exercisesDir` says where they really are, so a student's folder
 * anywhere is checked against the course library. The checker may read only those files, `root/lib/` and
 * TypeScript's own library files: an `import` of a path elsewhere (solutions/, hidden tests) is "not found", so no
 * type information leaks into the messages.
 *
 * A TypeChecker keeps the files it parsed (TypeScript's library, the course library) and parses them again only when
 * their text changes, so checking again in the same process costs a fraction of the first check.
 *
 * @example
 * const checker = new TypeChecker();
 * checker.check({ root: projectRoot, exercisesDir: "/home/me/hw", files: ["losses.ts"] }); // [] when well typed
 */
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

/** Ambient names an exercise file may use without @types/node. */
const GLOBALS =
  "declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void; " +
  "warn(...data: unknown[]): void };\n";

const MAX_REPORTED = 20;

/** What to check. */
export interface TypeCheckRequest {
  /** A folder laid out like the project: root/lib is the course library, root/exercises the exercise files. */
  root: string;
  /** Where the exercise files really are (default root/exercises). */
  exercisesDir?: string;
  /** The exercise files to check, by name ("losses.ts"); errors are listed for these files only. */
  files: string[];
}

/**
 * The TypeScript a notebook kernel has already loaded (tslab's: no second copy to load), else the project's.
 * Exported for tests; the grader passes the project's TypeScript explicitly.
 */
export function defaultTypeScript(): typeof TS {
  /* eslint-disable @typescript-eslint/no-require-imports */
  try {
    return require("@tslab/typescript-for-tslab") as typeof TS;
  } catch {
    return require("typescript") as typeof TS;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** A type checker that keeps what it parsed between checks. */
export class TypeChecker {
  private readonly parsed = new Map<string, { text: string; file: TS.SourceFile }>();
  private readonly options: TS.CompilerOptions;
  private readonly tsLibDir: string;

  constructor(private readonly ts: typeof TS = defaultTypeScript()) {
    this.options = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: [],
      lib: ["lib.es2022.d.ts"],
    };
    this.tsLibDir = path.dirname(ts.getDefaultLibFilePath(this.options));
  }

  /** Type errors in the request's files, as "file:line:col message" lines; at most 20. */
  check(req: TypeCheckRequest): string[] {
    const ts = this.ts;
    const root = path.resolve(req.root);
    const exRoot = path.join(root, "exercises");
    const exDir = path.resolve(req.exercisesDir ?? exRoot);
    const libRoot = path.join(root, "lib");
    const globals = path.join(root, "globals.d.ts");
    const shim = path.join(root, "node_modules", "nn-course");
    const virtual = new Map<string, string>([
      [globals, GLOBALS],
      [path.join(shim, "package.json"), JSON.stringify({ name: "nn-course", main: "../../lib/index.js" })],
    ]);
    const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
    /** The real file behind a path the checker asks for, or null when it may not read it. */
    const real = (f: string): string | null => {
      const p = path.resolve(f);
      if (inside(p, exRoot)) {
        const rel = path.relative(exRoot, p);
        if (rel === "" || rel.includes(path.sep)) return rel === "" ? exDir : null; // exercises/ has no subfolders
        try {
          return fs.lstatSync(path.join(exDir, rel)).isFile() ? path.join(exDir, rel) : null; // links not followed
        } catch {
          return null;
        }
      }
      return inside(p, libRoot) || inside(p, this.tsLibDir) ? p : null;
    };
    const host = ts.createCompilerHost(this.options);
    const readFile = (f: string): string | undefined => {
      const v = virtual.get(path.resolve(f));
      if (v !== undefined) return v;
      const r = real(f);
      if (r === null) return undefined;
      try {
        return fs.readFileSync(r, "utf8");
      } catch {
        return undefined;
      }
    };
    host.readFile = readFile;
    host.fileExists = (f) => virtual.has(path.resolve(f)) || (real(f) !== null && readFile(f) !== undefined);
    host.directoryExists = (d) => {
      const p = path.resolve(d);
      if (inside(root, p) || p === exRoot || inside(p, shim) || inside(shim, p)) return true;
      const r = real(d);
      return r !== null && fs.existsSync(r) && fs.statSync(r).isDirectory();
    };
    host.realpath = (f) => f;
    host.getSourceFile = (fileName, languageVersion) => {
      const text = readFile(fileName);
      if (text === undefined) return undefined;
      const version = typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion;
      const key = `${version}\0${path.resolve(fileName)}`;
      const known = this.parsed.get(key);
      if (known && known.text === text) return known.file;
      const file = ts.createSourceFile(fileName, text, languageVersion);
      this.parsed.set(key, { text, file });
      return file;
    };
    const roots = req.files.filter((f) => f.endsWith(".ts")).map((f) => path.join(exRoot, f));
    const program = ts.createProgram([...roots, globals], this.options, host);
    const out: string[] = [];
    // Only the requested files are checked; the library's own files are read for their types but not checked.
    for (const name of roots) {
      const file = program.getSourceFile(name);
      if (!file) continue;
      for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
        const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
        const { line, character } = file.getLineAndCharacterOfPosition(d.start ?? 0);
        out.push(`${path.basename(file.fileName)}:${line + 1}:${character + 1} ${text}`);
      }
    }
    return out.length > MAX_REPORTED ? [...out.slice(0, MAX_REPORTED), `… and ${out.length - MAX_REPORTED} more`] : out;
  }
}

let shared: TypeChecker | undefined;

/** This process's type checker with the default TypeScript, made on first use (the loader and check() share it). */
export function sharedTypeChecker(): TypeChecker {
  return (shared ??= new TypeChecker());
}
