/**
 * The exercise loader: how notebooks and graded tests reach the exercise functions.
 *
 * Every exercise has one home: its reference implementation in `solutions/`, its stub in `exercises/`.
 * `NN_COURSE_IMPL` chooses which folder runs:
 *   - unset or `exercises`  → the student's `exercises/` (the default),
 *   - `solutions`           → the reference implementations (instructor mode; CI runs notebooks this way),
 *   - any other value       → a path to a folder laid out like `exercises/` (the grader uses this).
 *
 * The loader also makes notebooks pleasant to work in:
 *   - edits to an exercise file are picked up by the next call, without restarting the kernel;
 *   - calling a stub that is still unimplemented gives a short message saying which file to edit,
 *     not a stack trace;
 *   - in a notebook, loading an exercise file that has type errors shows them as a notice (file:line and
 *     TypeScript's message) in the cell that loaded it; the code still runs.
 */
import * as fs from "fs";
import * as path from "path";
import { NotImplementedError } from "./errors";
import { hasKernel } from "./display/bundle";
import { showNotice } from "./display/notice";

const projectRoot = path.resolve(__dirname, "..");

/** The folder whose exercise files run, as chosen by NN_COURSE_IMPL. */
export function implementationDir(): string {
  const choice = process.env.NN_COURSE_IMPL ?? "exercises";
  if (choice === "" || choice === "exercises") return path.join(projectRoot, "exercises");
  if (choice === "solutions") return path.join(projectRoot, "solutions");
  return path.resolve(choice);
}

/** A short name for the active implementation, for notebook banners and test reports. */
export function implementationName(): string {
  const dir = implementationDir();
  const rel = path.relative(projectRoot, dir);
  return rel.startsWith("..") ? dir : rel;
}

/** Raised instead of a NotImplementedError when a notebook or test reaches an unimplemented stub. */
export class ExerciseNotImplemented extends Error {
  constructor(
    /** The exercise function, e.g. "softmax". */
    readonly exercise: string,
    /** The file to implement it in, as the student sees it, e.g. "exercises/losses.ts". */
    readonly file: string,
  ) {
    super(`${exercise} is not implemented yet: implement ${exercise} in ${file}, save, then re-run this cell.`);
    this.name = "ExerciseNotImplemented";
    // The message says all there is to say; a stack trace into the stub would only distract.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Raised when an exercise file cannot be loaded at all (syntax error, missing file, throw at import). */
export class ExerciseLoadError extends Error {
  constructor(file: string, cause: unknown) {
    // esbuild says "Transform failed with 1 error:\n/abs/path/losses.ts:31:0: ERROR: Expected …": keep the
    // location and the message, with the path as the student sees it.
    const why = (cause instanceof Error ? cause.message : String(cause))
      .replace(/^Transform failed with \d+ errors?:\n/, "")
      .split(projectRoot + path.sep)
      .join("")
      .replace(/: ERROR: /g, ": ");
    super(`${file} could not be loaded: ${why}\nFix the file, save, then re-run this cell.`);
    this.name = "ExerciseLoadError";
    this.stack = `${this.name}: ${this.message}`;
  }
}

interface Loaded {
  module: Record<string, unknown>;
  file: string;
  stamp: string;
  checkedAt: number;
}

const loaded = new Map<string, Loaded>();

/** A fingerprint of the implementation folder: changes when any .ts file in it is saved. */
function folderStamp(dir: string): string {
  let stamp = "";
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith(".ts")) stamp += `${name}:${fs.statSync(path.join(dir, name)).mtimeMs};`;
  }
  return stamp;
}

function displayPath(file: string): string {
  const rel = path.relative(projectRoot, file);
  return rel.startsWith("..") ? file : rel;
}

/** The type check run when a notebook loads an exercise file (lib/typecheck.ts, loaded on first use). */
interface TypeChecker {
  check(req: { root: string; exercisesDir: string; files: string[] }): string[];
}
/** The modification time each exercise file had when it was last type-checked. */
const typeCheckedAt = new Map<string, number>();
/** Whether loading a file type-checks it: in a notebook (not on the reference solutions), or when set. */
let typeCheckOnLoad: boolean | undefined;

/** Turns the type check on load on or off (undefined: the default, on in a notebook). */
export function setTypeCheckOnLoad(on: boolean | undefined): void {
  typeCheckOnLoad = on;
}

/** Shows the type errors of `file` as a notice, once per saved version of the file. */
function warnAboutTypes(file: string): void {
  const on = typeCheckOnLoad ?? (hasKernel() && process.env.NN_COURSE_IMPL !== "solutions");
  if (!on) return;
  let mtime: number;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return;
  }
  if (typeCheckedAt.get(file) === mtime) return;
  typeCheckedAt.set(file, mtime);
  // Loaded here, not imported: TypeScript's types would otherwise enter every notebook's type check of the library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sharedTypeChecker } = require("./typecheck") as { sharedTypeChecker(): TypeChecker };
  const dir = path.dirname(file);
  const shownDir = displayPath(dir);
  const errors = sharedTypeChecker()
    .check({ root: projectRoot, exercisesDir: dir, files: [path.basename(file)] })
    .map((e) => (e.startsWith("… and") ? e : `${shownDir}/${e}`)); // "exercises/losses.ts:86:3 …"
  if (errors.length === 0) return;
  const shown = displayPath(file);
  showNotice(
    "exercise-type-errors",
    `${shown} has type errors (the code still runs; fix them before you submit):\n${errors.join("\n")}`,
    { file: shown, errors },
  );
}

/** Where exercise modules come from instead of `require`, when set (the grader runs submissions in a sandbox). */
export type ModuleProvider = (name: string) => Record<string, unknown>;
let provider: ModuleProvider | undefined;

/** Replaces how exercise modules are loaded (undefined restores the default: require from implementationDir()). */
export function setModuleProvider(p: ModuleProvider | undefined): void {
  provider = p;
}

/** Loads (or reloads, when a file changed) the module `name` of the active implementation folder. */
function current(name: string): Record<string, unknown> {
  if (provider) return provider(name);
  // Keyed by the choice of implementation and the module: the fast path (a map lookup, no paths) runs on every call
  // of an exercise function, and hot loops call them hundreds of thousands of times.
  const key = `${process.env.NN_COURSE_IMPL ?? ""}\n${name}`;
  const now = Date.now();
  const cached = loaded.get(key);
  // Looking at the folder costs a few microseconds, so it is looked at most every 200 ms.
  if (cached && now - cached.checkedAt < 200) return cached.module;
  const dir = implementationDir();
  const file = path.join(dir, `${name}.ts`);
  let stamp: string;
  try {
    stamp = folderStamp(dir);
  } catch (e) {
    throw new ExerciseLoadError(displayPath(file), e);
  }
  if (cached && cached.file === file && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached.module;
  }
  // Something changed (or first load): forget every module of the folder so that helpers reload too.
  for (const id of Object.keys(require.cache)) {
    if (path.dirname(id) === dir) delete require.cache[id];
  }
  let module: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(file) as Record<string, unknown>;
  } catch (e) {
    throw new ExerciseLoadError(displayPath(file), e);
  }
  loaded.set(key, { module, file, stamp, checkedAt: now });
  warnAboutTypes(file);
  return module;
}

/**
 * The exercise module `name` (e.g. "losses") of the active implementation, typed as `T`.
 *
 * Each function it returns is a stable wrapper that calls the newest saved version of the function,
 * so `const { softmax } = exerciseModule<...>("losses")` keeps working after the student edits the file.
 *
 * @example
 * import type { LossesApi } from "./api";
 * const losses = exerciseModule<LossesApi>("losses");
 * losses.softmax(scores);
 */
export function exerciseModule<T extends object>(name: string): T {
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  /** The file to point the student at, as the notebook shows it. */
  const fileToEdit = () => displayPath(path.join(implementationDir(), `${name}.ts`));
  const read = (prop: string): unknown => {
    // A function's wrapper, once made, is returned as it is: it looks up the newest version itself when called.
    const made = wrappers.get(prop);
    if (made) return made;
    const value = current(name)[prop];
    if (typeof value !== "function") return value;
    const wrapper = (...args: unknown[]) => {
      const fn = current(name)[prop];
      if (typeof fn !== "function") {
        throw new ExerciseLoadError(fileToEdit(), new Error(`${prop} is no longer an exported function of this file`));
      }
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof NotImplementedError || (e instanceof Error && e.name === "NotImplementedError")) {
          throw new ExerciseNotImplemented((e as NotImplementedError).exercise ?? prop, fileToEdit());
        }
        throw e;
      }
    };
    Object.defineProperty(wrapper, "name", { value: prop });
    wrappers.set(prop, wrapper);
    return wrapper;
  };
  // A Proxy so that the wrapper needs no list of names: reading `losses.softmax` returns softmax's wrapper.
  return new Proxy({} as T, {
    get: (_target, prop) => (typeof prop === "string" ? read(prop) : undefined),
    has: (_target, prop) => typeof prop === "string" && prop in current(name),
    ownKeys: () => Object.keys(current(name)),
    getOwnPropertyDescriptor: (_target, prop) =>
      typeof prop === "string" && prop in current(name)
        ? { enumerable: true, configurable: true, value: read(prop) }
        : undefined,
  });
}
