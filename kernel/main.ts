/**
 * The course kernel: tslab, started so that notebooks can import the course library by name
 * (`import { Matrix } from "nn-course"`) and the exercise files, which are TypeScript, load without a build step.
 *
 * Jupyter starts it as `node kernel/launch.js --config-path <connection file>` (see tools/kernelspec.ts).
 */
import { startKernel } from "tslab/dist/main";
import * as path from "path";
import * as ts from "@tslab/typescript-for-tslab";
import { installFixes } from "./fixes";
import { limitAutomaticTypes } from "./type-roots";
import { useDeclarations } from "./declarations";
import { exitOnUsageError, parseCommandLine, UsageError } from "../lib/cli";

const USAGE = "usage: node kernel/launch.js --config-path <connection-file.json> (Jupyter passes this itself)";

export function main(argv: string[]): void {
  const configPath = exitOnUsageError(() => {
    const { values } = parseCommandLine({ args: argv, options: { "config-path": { type: "string" } } }, USAGE);
    if (!values["config-path"]) throw new UsageError(USAGE);
    return values["config-path"];
  });
  // Protocol fixes over tslab (errors, Out[n] results, kernel_info, is_complete, clearOutput…): see fixes.ts.
  installFixes();
  // Only @types/node is read into every cell's program (not the project's test and tooling types): see type-roots.ts.
  limitAutomaticTypes(ts.sys);
  // Cells type-check against the library's declarations made at install, when current (see declarations.ts).
  useDeclarations(ts.sys, path.resolve(__dirname, ".."));
  // enableFindLocal: false — always this project's tslab, never another copy found up the folder tree.
  startKernel({ configPath, enableFindLocal: false });
}
