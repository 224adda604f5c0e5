/**
 * The similarity report of a batch: which pairs of submissions have suspiciously alike code, ranked, each flagged
 * pair with a side-by-side page. It is evidence for a person to look at, never a grade: similar code can have an
 * innocent cause (a short exercise with one natural solution, code from the lecture), and the report says so.
 *
 * Comparison is token-based in the spirit of MOSS and JPlag, with Dolos's winnowing (@dodona/dolos-core): each
 * exercise file becomes tokens with identifiers, literals, comments and whitespace normalised away (./tokens.ts),
 * k-grams of tokens are hashed and winnowed into fingerprints, and two files are as similar as the share of their
 * fingerprints they have in common. The starter code (the stubs in exercises/) is discounted: fingerprints it has
 * are ignored, and so are fingerprints that more than half of the class shares (code everyone writes alike).
 * Files are compared module by module; a pair's similarity adds up its modules.
 *
 * Writes OUT/index.html (the ranked pairs), OUT/pairs.csv (every pair) and OUT/pair-<a>--<b>.html per flagged pair.
 *
 * @example
 * const r = await similarityReport({ submissions: [{ student: "alice", file: "subs/alice" }, …], out: "out/similarity", projectRoot });
 * r.pairs[0]; // { a: "alice", b: "bob", similarity: 0.93, longest: 120, flagged: true, modules: […] }
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { File, FingerprintIndex, Fragment, Region, TokenizedFile } from "@dodona/dolos-core";
import { findExercisesDir } from "../engine/find-exercises";
import { exerciseModules } from "../engine/test-files";
import { csvLine } from "../report/csv";
import { writeAtomic } from "../report/gradebook";
import { extractZip } from "../report/zip";
import { escapeHtml } from "../../lib/display/escape";
import { tokenize } from "./tokens";

/** Tokens per k-gram and k-grams per winnowing window (short exercise functions: smaller than Dolos's 23 and 17). */
const K = 12;
const WINDOW = 8;
/** A pair at or above this similarity, with a shared stretch of at least MIN_LONGEST k-grams, is flagged. */
export const FLAG_AT = 0.6;
const MIN_LONGEST = 5;
/** Files larger than this are left out (no exercise file is near it). */
const MAX_BYTES = 512 * 1024;

/** One module of a pair. */
export interface ModuleMatch {
  module: string;
  similarity: number;
  longest: number;
  covered: number;
  total: number;
  fragments: { left: Region; right: Region }[];
  left: string;
  right: string;
}

/** Two submissions compared. */
export interface PairResult {
  a: string;
  b: string;
  similarity: number;
  longest: number;
  flagged: boolean;
  modules: ModuleMatch[];
}

/** One submission of the batch: the student's name and their folder or .zip. */
export interface SimilarityInput {
  student: string;
  file: string;
}

/** The exercise files of one submission, module → source (modules it does not have are left out). */
async function readSubmission(entry: SimilarityInput, modules: string[], all: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let tmp: string | undefined;
  try {
    let dir = entry.file;
    const st = fs.lstatSync(entry.file);
    if (st.isFile() && /\.zip$/i.test(entry.file)) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nn-similarity-"));
      await extractZip(entry.file, tmp);
      dir = tmp;
    } else if (!st.isDirectory()) return out;
    const found = findExercisesDir(dir, all);
    if (found === null) return out;
    for (const m of modules) {
      const file = path.join(found, `${m}.ts`);
      try {
        const fst = fs.lstatSync(file);
        if (fst.isFile() && fst.size <= MAX_BYTES) out.set(m, fs.readFileSync(file, "utf8"));
      } catch {
        // not submitted: nothing to compare
      }
    }
  } catch {
    // an unreadable submission (its grade says why) has nothing to compare
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

function tokenized(name: string, source: string): TokenizedFile {
  const tokens = tokenize(source);
  const mapping = tokens.map((t) => new Region(t.startRow, t.startCol, t.endRow, t.endCol));
  return new TokenizedFile(
    new File(name, source),
    tokens.map((t) => t.text),
    mapping,
  );
}

/** Compares every pair of `sources` (student → module → source), with `stubs` (module → starter code) discounted. */
export function comparePairs(sources: Map<string, Map<string, string>>, stubs: Map<string, string>): PairResult[] {
  const pairs = new Map<string, PairResult>();
  const students = [...sources.keys()].sort();
  const modules = [...new Set([...sources.values()].flatMap((m) => [...m.keys()]))].sort();
  const indexes = new Map<string, { index: FingerprintIndex; files: Map<string, TokenizedFile> }>();
  for (const module of modules) {
    const files = new Map<string, TokenizedFile>();
    for (const s of students) {
      const src = sources.get(s)!.get(module);
      if (src !== undefined) files.set(s, tokenized(`${s}/${module}.ts`, src));
    }
    if (files.size < 2) continue;
    // Fingerprints of more than half of the class are ignored (set here: changing it later would undo the stubs').
    const index = new FingerprintIndex(K, WINDOW, false, Math.max(2, Math.floor(files.size / 2)));
    index.addFiles([...files.values()]);
    // Added after the submissions: the index discounts an ignored file's fingerprints in the files already there.
    const stub = stubs.get(module);
    if (stub !== undefined) index.addIgnoredFile(tokenized(`stub/${module}.ts`, stub));
    indexes.set(module, { index, files });
    const who = new Map([...files].map(([s, f]) => [f.id, s] as const));
    // The k-grams of each file that count: all but those whose fingerprint is ignored (starter code, or common).
    const counted = new Map(
      index
        .entries()
        .map(
          (e) =>
            [
              e.file.id,
              e.kgrams.length - [...e.ignored].reduce((n, fp) => n + fp.occurrencesOf(e.file).length, 0),
            ] as const,
        ),
    );
    for (const pair of index.allPairs()) {
      const [a, b] = [who.get(pair.leftFile.id)!, who.get(pair.rightFile.id)!].sort();
      const total = counted.get(pair.leftFile.id)! + counted.get(pair.rightFile.id)!;
      const key = `${a}\n${b}`;
      const result = pairs.get(key) ?? { a, b, similarity: 0, longest: 0, flagged: false, modules: [] };
      result.modules.push({
        module,
        similarity: total > 0 ? Math.min(1, (pair.leftCovered + pair.rightCovered) / total) : 0,
        longest: pair.longest,
        covered: pair.leftCovered + pair.rightCovered,
        total: Math.max(0, total),
        fragments: [],
        left: sources.get(a)!.get(module)!,
        right: sources.get(b)!.get(module)!,
      });
      pairs.set(key, result);
    }
  }
  for (const p of pairs.values()) {
    const covered = p.modules.reduce((s, m) => s + m.covered, 0);
    const total = p.modules.reduce((s, m) => s + m.total, 0);
    p.similarity = total > 0 ? Math.min(1, covered / total) : 0;
    p.longest = Math.max(0, ...p.modules.map((m) => m.longest));
    p.flagged = p.similarity >= FLAG_AT && p.longest >= MIN_LONGEST;
    if (!p.flagged) continue;
    // The shared stretches, for the side-by-side page: only for flagged pairs (a class has many pairs).
    for (const m of p.modules) {
      const { index, files } = indexes.get(m.module)!;
      m.fragments = index
        .getPair(files.get(p.a)!, files.get(p.b)!)
        .buildFragments()
        .map((f: Fragment) => ({ left: f.leftSelection, right: f.rightSelection }));
    }
  }
  return [...pairs.values()].sort(
    (x, y) => y.similarity - x.similarity || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}.flag{color:#b00020;font-weight:bold}
pre{margin:0;font-size:.85em;white-space:pre-wrap;overflow-wrap:anywhere}.code td{border:none;padding:0 .5em}
.pair{table-layout:fixed;width:100%}.side{width:50%}.code{width:100%}.code td:first-child{width:3em;color:#888}
.f0{background:#ffe08a}.f1{background:#b5e3ff}.f2{background:#c9f2c0}.f3{background:#ffc9de}.f4{background:#e0d4ff}.f5{background:#ffd9b3}
.note{background:#f4f4f4;padding:.6em 1em;border-left:4px solid #999}`;

const NOTE =
  '<p class="note">Evidence for a person to look at, not a grade. Similar code can have an innocent cause: a short ' +
  "exercise with one natural solution, code shown in the lecture, or the starter code (discounted here). Look at " +
  "the side-by-side pages before drawing any conclusion.</p>";

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const pairFile = (p: PairResult): string => `pair-${encodeURIComponent(p.a)}--${encodeURIComponent(p.b)}.html`;

/** One side of a module: its lines, each shared stretch coloured (the same colour on both sides). */
function side(source: string, regions: Region[]): string {
  const mark = new Map<number, number>();
  regions.forEach((r, i) => {
    for (let row = r.startRow; row <= r.endRow; row++) if (!mark.has(row)) mark.set(row, i);
  });
  const lines = source.split("\n").map((line, row) => {
    const f = mark.get(row);
    const cls = f === undefined ? "" : ` class="f${f % 6}" title="shared stretch ${f + 1}"`;
    return `<tr${cls}><td>${row + 1}</td><td><pre>${escapeHtml(line) || " "}</pre></td></tr>`;
  });
  return `<table class="code">${lines.join("")}</table>`;
}

/** The side-by-side page of a pair. */
export function pairHtml(p: PairResult): string {
  const modules = p.modules
    .filter((m) => m.fragments.length > 0)
    .map(
      (m) =>
        `<h2>${escapeHtml(m.module)}.ts: ${pct(m.similarity)} alike, ${m.fragments.length} shared stretch(es)</h2>` +
        `<table class="pair"><tr><th class="side">${escapeHtml(p.a)}</th><th class="side">${escapeHtml(p.b)}</th></tr>` +
        `<tr><td>${side(
          m.left,
          m.fragments.map((f) => f.left),
        )}</td><td>${side(
          m.right,
          m.fragments.map((f) => f.right),
        )}</td></tr></table>`,
    );
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(p.a)} and ${escapeHtml(p.b)}</title>` +
    `<style>${STYLE}</style></head><body><h1>${escapeHtml(p.a)} and ${escapeHtml(p.b)}: ${pct(p.similarity)} alike</h1>${NOTE}` +
    `<p>Coloured lines are stretches of code that are the same in both files once names, numbers, strings, comments ` +
    `and layout are ignored; the starter code is not counted. <a href="index.html">All pairs</a></p>${modules.join("")}</body></html>\n`
  );
}

/** The ranked list of pairs. */
export function indexHtml(pairs: PairResult[], shown = 50): string {
  const rows = pairs.slice(0, shown).map((p) => {
    const name = `${escapeHtml(p.a)} — ${escapeHtml(p.b)}`;
    const link = p.flagged ? `<a href="${escapeHtml(pairFile(p))}">${name}</a>` : name;
    const modules = p.modules.map((m) => `${escapeHtml(m.module)} ${pct(m.similarity)}`).join(", ");
    return `<tr><td>${link}</td><td${p.flagged ? ' class="flag"' : ""}>${pct(p.similarity)}</td><td>${p.longest}</td><td>${modules}</td></tr>`;
  });
  const flagged = pairs.filter((p) => p.flagged).length;
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Similarity report</title><style>${STYLE}</style></head><body>` +
    `<h1>Similarity report</h1>${NOTE}<p>${pairs.length} pair(s) compared; ${flagged} at or above ${pct(FLAG_AT)} ` +
    `(linked to a side-by-side view). The ${Math.min(shown, pairs.length)} most alike:</p>` +
    `<table><thead><tr><th>pair</th><th>alike</th><th>longest shared stretch (fingerprints)</th><th>per module</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></body></html>\n`
  );
}

/** Reads the submissions, compares them, writes the report into `out`; returns the pairs and a one-line summary. */
export async function similarityReport(opts: {
  submissions: SimilarityInput[];
  out: string;
  projectRoot: string;
  /** Only these modules (an assignment's); all exercise modules by default. */
  modules?: string[];
}): Promise<{ pairs: PairResult[]; summary: string }> {
  const all = exerciseModules(opts.projectRoot);
  const modules = opts.modules ?? all;
  const sources = new Map<string, Map<string, string>>();
  for (const s of opts.submissions) sources.set(s.student, await readSubmission(s, modules, all));
  const stubs = new Map<string, string>();
  for (const m of modules) {
    const stub = path.join(opts.projectRoot, "exercises", `${m}.ts`);
    if (fs.existsSync(stub)) stubs.set(m, fs.readFileSync(stub, "utf8"));
  }
  const pairs = comparePairs(sources, stubs);
  fs.rmSync(opts.out, { recursive: true, force: true });
  writeAtomic(path.join(opts.out, "index.html"), indexHtml(pairs));
  const csv = [csvLine(["a", "b", "similarity", "longest", "flagged", "modules"])];
  for (const p of pairs) {
    const modules = p.modules.map((m) => `${m.module}:${m.similarity.toFixed(3)}`).join(" ");
    csv.push(csvLine([p.a, p.b, p.similarity.toFixed(3), p.longest, p.flagged ? "yes" : "no", modules]));
  }
  writeAtomic(path.join(opts.out, "pairs.csv"), csv.join("\n") + "\n");
  for (const p of pairs.filter((p) => p.flagged)) writeAtomic(path.join(opts.out, pairFile(p)), pairHtml(p));
  const flagged = pairs.filter((p) => p.flagged);
  const summary =
    `similarity report: ${path.join(opts.out, "index.html")}: ${pairs.length} pair(s), ${flagged.length} flagged` +
    (flagged.length > 0 ? ` (${flagged.map((p) => `${p.a}–${p.b} ${pct(p.similarity)}`).join(", ")})` : "");
  return { pairs, summary };
}
