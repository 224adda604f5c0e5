/**
 * Hand-made image features, the "feature transforms" that came before learned features (CS5330, "Image features:
 * colour histogram" and "Histogram of oriented gradients (HoG)"): a linear classifier on top of them instead of on
 * the raw pixels. Also a small synthetic colour data set, since the course ships no colour images.
 *
 * Images are rows of a matrix, as everywhere in the course: a grey image of height H and width W is a row of H·W
 * values (row by row); a colour image is a row of H·W·3 values, [r, g, b] for each pixel in turn, each in [0, 1].
 */
import { CourseInputError } from "../errors";
import { Matrix } from "../matrix";
import { rng } from "../random";

/** Options of `hogFeatures`. */
export interface HogOptions {
  /** Side of a square cell in pixels (the slide's 8 × 8 regions); default 8. H and W must be multiples of it. */
  cellSize?: number;
  /** Orientation bins over 0°–180° (unsigned edges, as Dalal and Triggs); default 9. */
  bins?: number;
}

/**
 * Histogram of oriented gradients, after the slide's three steps: (1) edge direction and strength at each pixel
 * (centred differences [−1, 0, 1], the border pixels repeated outside the image; strength √(gx² + gy²), unsigned direction in [0°, 180°));
 * (2) the image divided into cellSize × cellSize cells; (3) in each cell a histogram of edge directions weighted by
 * edge strength, each pixel's vote split linearly between the two nearest bin centres. The cell histograms are
 * concatenated (cell by cell, row by row) and the whole vector is scaled to unit length (Dalal and Triggs normalise
 * overlapping 2 × 2 blocks instead; one normalisation is enough here). A blank image gives zeros.
 *
 * Output: N × (H/cellSize · W/cellSize · bins).
 *
 * @example
 * const { X } = loadMnist({ perDigit: 10 });
 * hogFeatures(X, 28, 28, { cellSize: 7 }).shape; // [100, 144]: 4 × 4 cells × 9 bins
 */
export function hogFeatures(images: Matrix, height: number, width: number, options: HogOptions = {}): Matrix {
  const { cellSize = 8, bins = 9 } = options;
  if (!(images instanceof Matrix))
    throw new CourseInputError("hogFeatures: images must be a Matrix, one image per row.");
  for (const [name, v] of [
    ["height", height],
    ["width", width],
    ["cellSize", cellSize],
    ["bins", bins],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new CourseInputError(`hogFeatures: ${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (images.cols !== height * width) {
    throw new CourseInputError(
      `hogFeatures: each row must hold height × width = ${height * width} grey values, but the rows have ${images.cols}.`,
    );
  }
  if (height % cellSize !== 0 || width % cellSize !== 0) {
    throw new CourseInputError(
      `hogFeatures: height ${height} and width ${width} must be multiples of cellSize ${cellSize}; choose a cellSize that divides both.`,
    );
  }
  const cy = height / cellSize;
  const cx = width / cellSize;
  const out = Matrix.zeros(images.rows, cy * cx * bins);
  const binWidth = Math.PI / bins;
  for (let n = 0; n < images.rows; n++) {
    const px = (i: number, j: number) =>
      images.data[n * images.cols + Math.min(height - 1, Math.max(0, i)) * width + Math.min(width - 1, Math.max(0, j))];
    const o = n * out.cols;
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        const gx = px(i, j + 1) - px(i, j - 1);
        const gy = px(i + 1, j) - px(i - 1, j);
        const strength = Math.hypot(gx, gy);
        if (strength === 0) continue;
        let angle = Math.atan2(gy, gx); // (−π, π]
        if (angle < 0) angle += Math.PI;
        if (angle >= Math.PI) angle -= Math.PI; // unsigned: [0, π)
        const pos = angle / binWidth - 0.5; // bin centres at (b + ½)·binWidth
        const lo = Math.floor(pos);
        const frac = pos - lo;
        const cell = (Math.floor(i / cellSize) * cx + Math.floor(j / cellSize)) * bins;
        out.data[o + cell + ((lo + bins) % bins)] += strength * (1 - frac);
        out.data[o + cell + ((lo + 1) % bins)] += strength * frac;
      }
    }
    let norm = 0;
    for (let k = 0; k < out.cols; k++) norm += out.data[o + k] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < out.cols; k++) out.data[o + k] /= norm;
  }
  return out;
}

/** The hue of an RGB colour in [0, 1): 0 red, 1/3 green, 2/3 blue; 0 for greys (r = g = b). */
export function hue(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const c = max - Math.min(r, g, b);
  if (c === 0) return 0;
  let h: number;
  if (max === r) h = ((g - b) / c) % 6;
  else if (max === g) h = (b - r) / c + 2;
  else h = (r - g) / c + 4;
  h /= 6;
  return h < 0 ? h + 1 : h;
}

/**
 * Colour histogram (the slide's first feature, after cs231n's `color_histogram_hsv`): how much of an image's colour
 * falls in each of `bins` equal hue bins of the colour circle. Each pixel votes for the bin of its hue with its
 * chroma (max − min of r, g, b), so that greys, whose hue means nothing, do not vote; each row is then scaled to sum
 * to 1 (an all-grey image gives zeros). It ignores texture and spatial positions, as the slide says: moving or
 * reshaping the objects changes nothing. Output: N × bins.
 *
 * @example
 * const redAndGrey = Matrix.from2D([[1, 0, 0, 0.5, 0.5, 0.5]]); // a red pixel and a grey one
 * colorHistogram(redAndGrey, 6).toArray(); // [[1, 0, 0, 0, 0, 0]]
 */
export function colorHistogram(images: Matrix, bins = 10): Matrix {
  if (!(images instanceof Matrix))
    throw new CourseInputError("colorHistogram: images must be a Matrix, one image per row.");
  if (!Number.isInteger(bins) || bins < 1)
    throw new CourseInputError(`colorHistogram: bins must be a whole number ≥ 1, got ${bins}.`);
  if (images.cols % 3 !== 0) {
    throw new CourseInputError(
      `colorHistogram: each row must hold [r, g, b] for every pixel (a multiple of 3 values), but the rows have ${images.cols}.`,
    );
  }
  const pixels = images.cols / 3;
  const out = Matrix.zeros(images.rows, bins);
  for (let n = 0; n < images.rows; n++) {
    const o = n * images.cols;
    let total = 0;
    for (let p = 0; p < pixels; p++) {
      const [r, g, b] = [images.data[o + 3 * p], images.data[o + 3 * p + 1], images.data[o + 3 * p + 2]];
      const chroma = Math.max(r, g, b) - Math.min(r, g, b);
      out.data[n * bins + Math.min(bins - 1, Math.floor(hue(r, g, b) * bins))] += chroma;
      total += chroma;
    }
    if (total > 0) for (let k = 0; k < bins; k++) out.data[n * bins + k] /= total;
  }
  return out;
}

/**
 * A small synthetic colour data set (there are no colour images offline): `size` × `size` images of a grey,
 * noisy background with one filled square of random size and position; the class is the square's colour family
 * — 0 reds, 1 greens, 2 blues, 3 yellows — with hue jittered by ±`hueJitter` of the circle and random
 * brightness. Where the square is carries no information about the class.
 *
 * @example
 * const { X, y } = colourSquares(50, 12, 0); // 200 images of 12 × 12 × 3 values, 50 per class
 */
export function colourSquares(
  perClass: number,
  size: number,
  seed: number,
  hueJitter = 0.04,
): { X: Matrix; y: number[] } {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new CourseInputError(`colourSquares: perClass must be a whole number ≥ 1, got ${perClass}.`);
  }
  if (!Number.isInteger(size) || size < 4)
    throw new CourseInputError(`colourSquares: size must be a whole number ≥ 4, got ${size}.`);
  const r = rng(seed);
  const hues = [0, 1 / 3, 2 / 3, 1 / 6];
  const classes = hues.length;
  const X = Matrix.zeros(perClass * classes, size * size * 3);
  const y: number[] = [];
  const order = r.permutation(perClass * classes);
  for (let k = 0; k < order.length; k++) {
    const c = order[k] % classes;
    y.push(c);
    const h = (hues[c] + r.uniform(-hueJitter, hueJitter) + 1) % 1;
    const [cr, cg, cb] = hsvToRgb(h, r.uniform(0.6, 1), r.uniform(0.5, 1));
    const side = r.int(3, size - 1);
    const top = r.int(0, size - side + 1);
    const left = r.int(0, size - side + 1);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const at = k * X.cols + 3 * (i * size + j);
        const inside = i >= top && i < top + side && j >= left && j < left + side;
        const grey = 0.5 + r.gaussian(0, 0.05);
        const [pr, pg, pb] = inside ? [cr, cg, cb] : [grey, grey, grey];
        X.data[at] = clip01(pr + r.gaussian(0, 0.02));
        X.data[at + 1] = clip01(pg + r.gaussian(0, 0.02));
        X.data[at + 2] = clip01(pb + r.gaussian(0, 0.02));
      }
    }
  }
  return { X, y };
}

function clip01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** HSV (each in [0, 1]) to RGB. */
function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}
