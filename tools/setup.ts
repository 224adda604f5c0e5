/**
 * Runs after `npm install`: registers the course kernel in the project-local Jupyter folder, writes the course
 * library's declarations that the kernel type-checks cells against (kernel/declarations.ts), and says what is next.
 */
import { installKernelSpec } from "./kernelspec";
import { findFrontEnd, installHint } from "./jupyter";
import { projectRoot } from "./paths";
import { DECLARATIONS_DIR, writeDeclarations } from "../kernel/declarations";

const dir = installKernelSpec();
console.log(`Course kernel "TypeScript (NN course)" registered in ${dir} (project-local; JUPYTER_PATH points there).`);
try {
  const { files, seconds } = writeDeclarations(projectRoot);
  console.log(
    `The course library's declarations written to ${DECLARATIONS_DIR} (${files} files, ${seconds.toFixed(1)} s).`,
  );
} catch (e) {
  // Not fatal: the kernel then type-checks cells against the library's sources, only more slowly.
  console.log(`${(e as Error).message}\nThe kernel will read the library's sources instead (slower first import).`);
}
const frontEnd = findFrontEnd();
if (frontEnd) console.log(`${frontEnd.name} found: \`npm start\` opens the notebooks.`);
else console.log(installHint + "\nWithout Jupyter, `npm start` still runs every notebook and writes HTML copies.");
