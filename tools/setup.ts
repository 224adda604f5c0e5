/**
 * Runs after `npm install`: registers the course kernel in the project-local Jupyter folder and says what is next.
 */
import { installKernelSpec } from "./kernelspec";
import { findFrontEnd, installHint } from "./jupyter";

const dir = installKernelSpec();
console.log(`Course kernel "TypeScript (NN course)" registered in ${dir} (project-local; JUPYTER_PATH points there).`);
const frontEnd = findFrontEnd();
if (frontEnd) console.log(`${frontEnd.name} found: \`npm start\` opens the notebooks.`);
else console.log(installHint + "\nWithout Jupyter, `npm start` still runs every notebook and writes HTML copies.");
