/**
 * Numbers next to the slides: `fmt` prints a number as the notebooks' tables do, `agrees` says whether a computed
 * value rounds to the value a slide prints, and `slideCheck` shows the "slide value | computed | agrees" table that
 * every notebook uses to put the lectures' worked numbers beside the code's.
 */
import { meanStd } from "../stats";
import { showTable } from "./table";

/**
 * A number with fixed decimals, or in exponent form when it is tiny (|x| < 10⁻³) or huge (|x| ≥ 10⁶); −0 prints
 * as 0, NaN and ±∞ as words.
 *
 * @example
 * fmt(Math.PI); // "3.1416"
 * fmt(2.5e-7); // "2.500e-7"
 * fmt(12.3456, 1); // "12.3"
 */
export function fmt(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(3).replace("e+", "e");
  return (x === 0 ? 0 : x).toFixed(digits); // x === 0 also catches −0
}

/**
 * Measurements over several seeds as "mean ± std" (sample standard deviation), each printed by fmt.
 *
 * @example
 * fmtMeanStd([0.94, 0.92, 0.97]); // "0.943 ± 0.025"
 */
export function fmtMeanStd(xs: readonly number[], digits = 3): string {
  const { mean, std } = meanStd(xs);
  return `${fmt(mean, digits)} ± ${fmt(std, digits)}`;
}

/**
 * Whether `computed` rounds to the value a slide prints: "2.04" allows ±0.005, "2e-11" allows ±0.5·10⁻¹¹.
 *
 * @example
 * agrees("2.04", 2.0401); // true
 * agrees("0.13", 0.1419); // false
 */
export function agrees(slide: string, computed: number): boolean {
  const [mantissa, exponent = "0"] = slide.split("e");
  const decimals = (mantissa.split(".")[1] ?? "").length;
  const tolerance = 0.5 * 10 ** (Number(exponent) - decimals);
  return Math.abs(computed - Number(slide)) <= tolerance * (1 + 1e-9);
}

/** One number of a slide, next to the computed value. */
export interface SlideNumber {
  /** The quantity, as the slide writes it. */
  what: string;
  /** The value the slide prints, as it prints it ("2.04", "2e-11"). */
  slide: string;
  computed: number;
  /** Decimals to print the computed value with (default 4). */
  digits?: number;
}

/**
 * The "slide value | computed | agrees" table; a row that does not agree says "✗ see text" (the notebook's text
 * then explains the slide's mistake).
 *
 * @example
 * slideCheck("Lecture 7, slide 'Naïve Losses'", [{ what: "L²", slide: "33", computed: 33, digits: 0 }]);
 */
export function slideCheck(caption: string, rows: SlideNumber[]): void {
  showTable(
    rows.map((r) => [
      r.what,
      r.slide.replace(/e(-?\d+)$/, " × 10^$1"),
      fmt(r.computed, r.digits),
      agrees(r.slide, r.computed) ? "✓" : "✗ see text",
    ]),
    { colLabels: ["quantity", "slide value", "computed", "agrees"], caption },
  );
}
