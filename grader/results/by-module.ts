/**
 * How results are laid out for reading (the check table, feedback.html, the summary in results.json's output): by
 * exercise module, each with its points, failed tests first, and repetitive failures folded into one line:
 *   - tests that fail only because the functions they call are not implemented yet become one line naming those
 *     functions ("softmax, crossEntropy not implemented yet (12 tests): implement them in losses.ts");
 *   - three or more failed tests with the same message (a module that is missing, tests not run because the time
 *     budget ran out) become one line with that message.
 * The module of a test is its first tag (the grader tags each result with its module).
 *
 * @example
 * for (const g of groupByModule(results.tests)) console.log(`${g.module}: ${g.score} / ${g.max}`);
 */
import type { TestResult } from "./types";

/** Failed tests shown as one line. */
export interface Fold {
  /** The line's text, e.g. "softmax, crossEntropy not implemented yet (12 tests): implement them in losses.ts". */
  text: string;
  tests: TestResult[];
  max: number;
}

/** One exercise module's results, ready to show. */
export interface ModuleGroup {
  module: string;
  score: number;
  max: number;
  /** Tests shown one per row: failed first, then passed, each in the order they were declared. */
  rows: TestResult[];
  /** The untouched stubs' tests, if any, as one line. */
  notImplemented: (Fold & { exercises: string[] }) | null;
  /** Other failures folded by message. */
  folds: Fold[];
  tests: TestResult[];
}

const FOLD_AT = 3;

/** The message of a test that failed because it reached the stub of `exercise` in `module`. */
export function notImplementedMessage(exercise: string, module: string): string {
  return `${exercise} is not implemented yet: implement ${exercise} in ${module}.ts`;
}

/** The exercise and file a notImplementedMessage names, or null for any other message. */
export function parseNotImplemented(output: string): { exercise: string; file: string } | null {
  const m = /^(\S+) is not implemented yet: implement \1 in (\S+\.ts)$/.exec(output);
  return m ? { exercise: m[1], file: m[2] } : null;
}

/**
 * `text` without wording that only makes sense in a notebook ("…, save, then re-run this cell."): reports are read
 * outside notebooks.
 */
export function reportWording(text: string): string {
  return text
    .replace(/\n?Fix the file, save, then re-run this cell\.?/g, "")
    .replace(/,? save, then re-run this cell\.?/g, ".")
    .replace(/re-run this cell/g, "run the check again");
}

/** The module a result belongs to ("other" for results without a tag). */
export function moduleOf(t: TestResult): string {
  return t.tags?.[0] ?? "other";
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Sum of points. */
const total = (tests: TestResult[], key: "score" | "max_score"): number => tests.reduce((s, t) => s + t[key], 0);

/** The results grouped by module (in the order the modules first appear), with the folds described above. */
export function groupByModule(tests: TestResult[]): ModuleGroup[] {
  const byModule = new Map<string, TestResult[]>();
  for (const t of tests) {
    const list = byModule.get(moduleOf(t)) ?? [];
    list.push(t);
    byModule.set(moduleOf(t), list);
  }
  return [...byModule].map(([module, list]) => {
    const failed = list.filter((t) => t.status !== "passed");
    const passed = list.filter((t) => t.status === "passed");
    const stubs = failed.filter((t) => parseNotImplemented(t.output) !== null);
    let notImplemented: ModuleGroup["notImplemented"] = null;
    if (stubs.length > 0) {
      const parsed = stubs.map((t) => parseNotImplemented(t.output)!);
      const exercises = [...new Set(parsed.map((p) => p.exercise))];
      const files = [...new Set(parsed.map((p) => p.file))];
      const them = exercises.length === 1 ? exercises[0] : "them";
      notImplemented = {
        exercises,
        text: `${exercises.join(", ")} not implemented yet (${plural(stubs.length, "test")}): implement ${them} in ${files.join(", ")}`,
        tests: stubs,
        max: total(stubs, "max_score"),
      };
    }
    const rest = failed.filter((t) => !stubs.includes(t));
    const byMessage = new Map<string, TestResult[]>();
    for (const t of rest) byMessage.set(t.output, [...(byMessage.get(t.output) ?? []), t]);
    const folds: Fold[] = [];
    for (const [message, same] of byMessage) {
      if (same.length < FOLD_AT) continue;
      folds.push({ text: `${plural(same.length, "test")}: ${message}`, tests: same, max: total(same, "max_score") });
    }
    const folded = new Set(folds.flatMap((f) => f.tests));
    return {
      module,
      score: total(list, "score"),
      max: total(list, "max_score"),
      rows: [...rest.filter((t) => !folded.has(t)), ...passed],
      notImplemented,
      folds,
      tests: list,
    };
  });
}

/** One line per module: "losses: 54 / 57 points" and, when some are, how many tests failed or did not run. */
export function moduleSubtotals(tests: TestResult[]): string[] {
  return groupByModule(tests).map((g) => {
    const notes: string[] = [];
    if (g.notImplemented) notes.push(`not implemented yet: ${g.notImplemented.exercises.join(", ")}`);
    const notRun = g.tests.filter((t) => t.output.startsWith("not run")).length;
    const failed = g.tests.filter((t) => t.status !== "passed").length - notRun - (g.notImplemented?.tests.length ?? 0);
    if (failed > 0) notes.push(`${plural(failed, "test")} failed`);
    if (notRun > 0) notes.push(`${plural(notRun, "test")} not run`);
    return `${g.module}: ${g.score} / ${g.max} points${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
  });
}
