/**
 * Finds the folder holding a submission's exercise files: the submission's root, its exercises/ folder, or the same
 * inside a single wrapping folder (what zipping a folder usually gives).
 *
 * @example
 * findExercisesDir("/subs/alice", ["losses"]); // "/subs/alice/exercises" when losses.ts is there
 */
import * as fs from "fs";
import * as path from "path";

function hasAny(dir: string, modules: string[]): boolean {
  return modules.some((m) => {
    try {
      return fs.lstatSync(path.join(dir, `${m}.ts`)).isFile();
    } catch {
      return false;
    }
  });
}

function isDir(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory(); // a link to a folder is not followed
  } catch {
    return false;
  }
}

/** The folder with at least one of `modules` as <module>.ts, or null when there is none. */
export function findExercisesDir(submission: string, modules: string[]): string | null {
  for (const dir of [path.join(submission, "exercises"), submission]) {
    if (isDir(dir) && hasAny(dir, modules)) return dir;
  }
  const inner = isDir(submission)
    ? fs
        .readdirSync(submission)
        .filter((n) => !n.startsWith(".") && n !== "__MACOSX" && isDir(path.join(submission, n)))
    : [];
  return inner.length === 1 ? findExercisesDir(path.join(submission, inner[0]), modules) : null;
}
