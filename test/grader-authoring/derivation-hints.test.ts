/**
 * The hints of the derivation exercises, proven end to end: a copy of the reference solutions with each derivation's
 * common mistake made on purpose (one function each) runs the public graded tests, and the failing test's message
 * must name that mistake. The copy and the test run are one mocha child process, a few seconds.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

/** One mistake: in `file`, `from` becomes `to`; the test whose title starts with `test` must show hint `hint`. */
interface Mistake {
  file: string;
  from: string;
  to: string;
  test: string;
  hint: string;
}

const MISTAKES: Mistake[] = [
  {
    file: "losses.ts",
    from: "J.set(k, j, (k === j ? p[k] : 0) - p[k] * p[j]);",
    to: "J.set(k, j, k === j ? p[k] - p[k] * p[j] : 0);",
    test: "softmaxJacobian: the lecture's cat/car/frog scores",
    hint: "softmax Jacobian without its off-diagonal entries",
  },
  {
    file: "normalization.ts",
    from: "(invStd.data[j] / n) * (n * g - sumG - xhat.data[k] * sumGXhat)",
    to: "(invStd.data[j] / n) * (n * g - xhat.data[k] * sumGXhat)",
    test: "batchnormBackwardAlt (train): dx on a seeded 6×3 batch",
    hint: "batch-norm backward without the mean term",
  },
  {
    file: "activations.ts",
    from: "if (v <= 0) dalpha.data[j] += g * v;",
    to: "dalpha.data[j] += g * v;",
    test: "preluBackward: dalpha on a hand-worked batch",
    hint: "PReLU's ∂f/∂α taken for every input",
  },
  {
    file: "activations.ts",
    from: "const c = j * pieces + argmax[i * m + j]; // only the winning piece gets the gradient\n      db.data[c] += g;\n      for (let d = 0; d < x.cols; d++) {\n        dW.set(d, c, dW.get(d, c) + x.get(i, d) * g);\n        dx.set(i, d, dx.get(i, d) + W.get(d, c) * g);\n      }",
    to: "for (let c = j * pieces; c < (j + 1) * pieces; c++) {\n      db.data[c] += g;\n      for (let d = 0; d < x.cols; d++) {\n        dW.set(d, c, dW.get(d, c) + x.get(i, d) * g);\n        dx.set(i, d, dx.get(i, d) + W.get(d, c) * g);\n      }\n      }",
    test: "maxoutBackward: dx, dW and db match numerical gradients",
    hint: "Maxout gradient sent to every piece",
  },
  {
    file: "init.ts",
    from: 'secondMoment = activation === "relu" ? v / 2 : v;',
    to: "secondMoment = v;",
    test: "preactivationVariances: fanIn 10, weight std 0.5",
    hint: "the ReLU's halving forgotten",
  },
  {
    file: "optimizers.ts",
    from: "return scale(velocityAlt, -learningRate);",
    to: "return velocityAlt;",
    test: "momentumVelocityFromAlt: a run switched",
    hint: "momentum forms related without the learning rate or its sign",
  },
  {
    file: "optimizers.ts",
    from: "return { mHat: scale(m, 1 / (1 - beta1 ** t)), vHat: scale(v, 1 / (1 - beta2 ** t)) };",
    to: "return { mHat: scale(m, 1 / (1 - beta1 ** (t - 1))), vHat: scale(v, 1 / (1 - beta2 ** (t - 1))) };",
    test: "adamBiasCorrection: m̂ and v̂ after step 3",
    hint: "Adam's bias correction with t starting at 0",
  },
];

interface Report {
  failures: { title: string; err: { message?: string } }[];
}

describe("hints of the derivation exercises, end to end", function () {
  this.timeout(120_000);

  it("each derivation's common mistake fails its public test with the hint that names it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "derivation-hints-"));
    try {
      const impl = path.join(dir, "impl");
      fs.mkdirSync(impl);
      for (const f of fs.readdirSync(path.join(root, "solutions"))) {
        if (!f.endsWith(".ts")) continue;
        const text = fs.readFileSync(path.join(root, "solutions", f), "utf8");
        fs.writeFileSync(path.join(impl, f), text.split('"../lib/').join(`"${path.join(root, "lib")}/`));
      }
      for (const m of MISTAKES) {
        const file = path.join(impl, m.file);
        const text = fs.readFileSync(file, "utf8");
        expect(
          text.includes(m.from),
          `solutions/${m.file} no longer contains the line this test breaks: ${m.from}`,
        ).to.equal(true);
        fs.writeFileSync(file, text.replace(m.from, m.to));
      }
      const out = path.join(dir, "report.json");
      const files = [...new Set(MISTAKES.map((m) => `test/graded/${m.file.replace(/\.ts$/, ".test.ts")}`))];
      const mocha = path.join(root, "node_modules", ".bin", "mocha");
      const args = ["--no-config", "--require", "tsx/cjs", "--reporter", "json", "--reporter-option", `output=${out}`];
      const run = spawnSync(mocha, [...args, "--timeout", "60000", ...files], {
        cwd: root,
        env: { ...process.env, NN_COURSE_IMPL: impl },
        encoding: "utf8",
      });
      expect(fs.existsSync(out), `mocha wrote no report: ${run.stderr}`).to.equal(true);
      const report = JSON.parse(fs.readFileSync(out, "utf8")) as Report;
      for (const m of MISTAKES) {
        const failed = report.failures.find((f) => f.title.startsWith(m.test));
        expect(failed, `"${m.test}…" should fail with the mistake made in ${m.file}`).not.to.equal(undefined);
        expect(failed!.err.message ?? "", `"${m.test}…"`).to.include(`Hint (${m.hint})`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
