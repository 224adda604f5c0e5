/**
 * Type errors of exercise files, as the student should see them: "exercises/losses.ts:86:3 Type 'string' is not
 * assignable to type 'Matrix'." Strict, like the project's tsconfig. The library's files are read for their types
 * but never reported; only the files asked about are.
 *
 * The exercise loader (course.ts) uses it when a notebook cell loads an exercise file, and the grader when it grades.
 * Exercise code runs without a type check (tsx strips types), so a type error does not stop anything: it is shown
 * as a warning, because a function whose types are wrong usually has a bug the tests will find.
 *
 * @example
 * const checker = new ExerciseTypeChecker();
 * checker.typeErrors(["/course/exercises/losses.ts"]); // [] when the file is well typed
 */
import * as path from "path";
import type * as TS from "typescript";

/** Ambient names an exercise file may use without @types/node (the checks use the ES library alone). */
const GLOBALS_FILE = "__exercise_globals__.d.ts";
const GLOBALS =
  "declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void; " +
  "warn(...data: unknown[]): void };\n";

export interface TypeCheckOptions {
  /** The TypeScript to check with; default: the kernel's own (tslab's), else the project's. */
  ts?: typeof TS;
  /** Which files the checker may read (besides TypeScript's own library files); default: any. */
  canRead?: (file: string) => boolean;
  /** How a file is named in the messages; default: its path relative to the current folder. */
  displayName?: (file: string) => string;
  /** At most this many messages (then "… and N more"); default 20. */
  max?: number;
}

/** The TypeScript the running kernel has already loaded (no second copy to load), else the project's. */
function defaultTypeScript(): typeof TS {
  /* eslint-disable @typescript-eslint/no-require-imports */
  try {
    return require("@tslab/typescript-for-tslab") as typeof TS;
  } catch {
    return require("typescript") as typeof TS;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Checks exercise files, reusing its last program so that checking again after an edit is quick. */
export class ExerciseTypeChecker {
  private readonly ts: typeof TS;
  private readonly options: TS.CompilerOptions;
  private program: TS.Program | undefined;

  constructor(private readonly opts: TypeCheckOptions = {}) {
    this.ts = opts.ts ?? defaultTypeScript();
    const ts = this.ts;
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
  }

  /** The type errors of `files` (absolute paths), as "name:line:col message" lines. */
  typeErrors(files: string[]): string[] {
    const ts = this.ts;
    const host = ts.createCompilerHost(this.options);
    const libDir = path.dirname(ts.getDefaultLibFilePath(this.options));
    const canRead = this.opts.canRead ?? (() => true);
    const allowed = (f: string) => path.resolve(f).startsWith(libDir + path.sep) || canRead(path.resolve(f));
    const globals = path.resolve(GLOBALS_FILE);
    const { fileExists, readFile, directoryExists, getSourceFile } = host;
    host.fileExists = (f) => path.resolve(f) === globals || (allowed(f) && fileExists.call(host, f));
    host.readFile = (f) => (path.resolve(f) === globals ? GLOBALS : allowed(f) ? readFile.call(host, f) : undefined);
    host.directoryExists = (d) => allowed(d) && (directoryExists?.call(host, d) ?? true);
    host.getSourceFile = (f, version, onError, create) =>
      path.resolve(f) === globals
        ? ts.createSourceFile(f, GLOBALS, version)
        : allowed(f)
          ? getSourceFile.call(host, f, version, onError, create)
          : undefined;
    const roots = files.map((f) => path.resolve(f));
    this.program = ts.createProgram([...roots, globals], this.options, host, this.program);
    const name = this.opts.displayName ?? ((f: string) => path.relative(process.cwd(), f));
    const out: string[] = [];
    for (const file of roots) {
      const source = this.program.getSourceFile(file);
      if (!source) continue;
      const diagnostics = [
        ...this.program.getSyntacticDiagnostics(source),
        ...this.program.getSemanticDiagnostics(source),
      ];
      for (const d of diagnostics) {
        const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
        const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        out.push(`${name(file)}:${line + 1}:${character + 1} ${text}`);
      }
    }
    const max = this.opts.max ?? 20;
    return out.length > max ? [...out.slice(0, max), `… and ${out.length - max} more`] : out;
  }
}
