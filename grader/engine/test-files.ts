/**
 * Which graded test files exist and which exercise modules there are, read from the project's folders so that a new
 * exercise is graded without any change here: test/graded/<module>.test.ts are public, test/hidden/<module>.test.ts
 * hidden; exercises/<module>.ts are the exercise modules.
 *
 * @example
 * gradedTestFiles(projectRoot, "all"); // [{ file: ".../test/graded/losses.test.ts", module: "losses", hidden: false }, …]
 */
import * as fs from "fs";
import * as path from "path";

/** One graded test file. */
export interface GradedTestFile {
  file: string;
  /** The exercise module it grades (the file name without .test.ts). */
  module: string;
  hidden: boolean;
}

function list(dir: string, hidden: boolean): GradedTestFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".test.ts"))
    .sort()
    .map((n) => ({ file: path.join(dir, n), module: n.slice(0, -".test.ts".length), hidden }));
}

/** The graded test files: public ones, plus hidden ones when visibility is "all"; only `modules` when given. */
export function gradedTestFiles(
  projectRoot: string,
  visibility: "public" | "all",
  modules?: string[],
): GradedTestFile[] {
  const files = [
    ...list(path.join(projectRoot, "test", "graded"), false),
    ...(visibility === "all" ? list(path.join(projectRoot, "test", "hidden"), true) : []),
  ];
  return modules ? files.filter((f) => modules.includes(f.module)) : files;
}

/** The exercise module names: one per exercises/<name>.ts. */
export function exerciseModules(projectRoot: string): string[] {
  return fs
    .readdirSync(path.join(projectRoot, "exercises"))
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts"))
    .map((n) => n.slice(0, -3))
    .sort();
}
