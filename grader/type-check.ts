/**
 * Type-checks a submission's exercise files in its working copy (strict, like the project's tsconfig).
 *
 * Type errors are reported to the student but do not stop grading: the notebooks and the self-check run exercise
 * code without a type check (tsx), so a function that runs correctly earns its points in both places. Only files that
 * do not compile at all (syntax errors) make a "compile-error" submission.
 *
 * The checker may read only the working copy and TypeScript's own library files: an `import` of a path elsewhere
 * (solutions/, hidden tests) is "not found" here, so no type information leaks into the messages.
 *
 * @example
 * typeErrors(copy.workDir, ["losses.ts"]); // ["losses.ts:12:5 Type 'string' is not assignable to type 'number'."]
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** Ambient names an exercise file may use without @types/node. */
const GLOBALS = `declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void };\n`;

const MAX_REPORTED = 20;

/** Type errors in `files` (names inside workDir/exercises), as "file:line:col message" lines; at most 20. */
export function typeErrors(workDir: string, files: string[]): string[] {
  const exDir = path.join(workDir, "exercises");
  const globals = path.join(workDir, "globals.d.ts");
  fs.writeFileSync(globals, GLOBALS);
  const options: ts.CompilerOptions = {
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
  const host = ts.createCompilerHost(options);
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const allowed = (f: string) => {
    const p = path.resolve(f);
    return p === workDir || p.startsWith(workDir + path.sep) || p.startsWith(libDir + path.sep);
  };
  const { fileExists, readFile, directoryExists } = host;
  host.fileExists = (f) => allowed(f) && fileExists.call(host, f);
  host.readFile = (f) => (allowed(f) ? readFile.call(host, f) : undefined);
  host.directoryExists = (d) => allowed(d) && (directoryExists?.call(host, d) ?? true);
  const roots = files.filter((f) => f.endsWith(".ts")).map((f) => path.join(exDir, f));
  const program = ts.createProgram([...roots, globals], options, host);
  const out: string[] = [];
  // Only the submission's files are checked; the library's own files are read for their types but not checked.
  for (const file of program.getSourceFiles()) {
    if (!path.resolve(file.fileName).startsWith(exDir + path.sep)) continue;
    for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const { line, character } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      out.push(`${path.basename(file.fileName)}:${line + 1}:${character + 1} ${text}`);
    }
  }
  return out.length > MAX_REPORTED ? [...out.slice(0, MAX_REPORTED), `… and ${out.length - MAX_REPORTED} more`] : out;
}
