// Ink on a grey page, in pure TypeScript: marks are a few hundred pixels square, so per-pixel
// coverage in a bounding box is fast and needs no image library. Ink is subtractive — a stroke of
// darkness d keeps (1 − d·coverage) of what is under it — so crossing strokes and pencil over a
// fold shadow darken as on paper. Coordinates are pixels, (0, 0) the top-left corner of the image
// and pixel (i, j) centred at (i + ½, j + ½).
import { type GreyImage, type Point } from 'src/scan/read/types';

// Module constants, not `Math.…` in the loops: under jest the global object is a VM context's,
// where each global look-up costs ~50× more (the corpus runs in tests).
const { abs, ceil, cos, floor, max, min, round, sqrt, PI } = Math;
const FAR = Number.POSITIVE_INFINITY;

export interface Ink {
  /** 0 (none) … 1 (black). */
  darkness: number;
  /** Pencil grain: each pixel keeps a random 1 − grain … 1 of the stroke's darkness. */
  grain?: number;
  /** Random source for the grain; required when grain > 0. */
  random?: () => number;
}

export function blankImage(width: number, height: number, value = 255): GreyImage {
  return { width, height, data: new Uint8Array(width * height).fill(value) };
}

export function cloneImage(img: GreyImage): GreyImage {
  return { width: img.width, height: img.height, data: img.data.slice() };
}

function applyInk(img: GreyImage, x: number, y: number, coverage: number, ink: Ink): void {
  let d = ink.darkness * coverage;
  if (ink.grain && ink.random) d *= 1 - ink.grain * ink.random();
  const i = y * img.width + x;
  img.data[i] = round(img.data[i] * (1 - d));
}

/**
 * A stroke of width `widthPx` along the polyline (round caps and joins). Each pixel takes the
 * largest coverage over the segments, so joints are not inked twice.
 */
export function strokePolyline(img: GreyImage, points: Point[], widthPx: number, ink: Ink): void {
  if (points.length < 2) return;
  const half = widthPx / 2;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = max(0, floor(min(...xs) - half - 1));
  const x1 = min(img.width - 1, ceil(max(...xs) + half + 1));
  const y0 = max(0, floor(min(...ys) - half - 1));
  const y1 = min(img.height - 1, ceil(max(...ys) + half + 1));
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      let best = FAR;
      for (let s = 0; s + 1 < points.length; s++) best = min(best, distToSegment(px, py, points[s], points[s + 1]));
      // Area coverage of a pixel by an edge at distance `best`, linear over one pixel.
      const c = min(1, max(0, half + 0.5 - best));
      if (c > 0) applyInk(img, x, y, c, ink);
    }
  }
}

function distToSegment(px: number, py: number, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : min(1, max(0, ((px - a.x) * dx + (py - a.y) * dy) / len2));
  const ex = px - (a.x + t * dx);
  const ey = py - (a.y + t * dy);
  return sqrt(ex * ex + ey * ey);
}

export function fillDisc(img: GreyImage, centre: Point, radiusPx: number, ink: Ink): void {
  strokePolyline(img, [centre, { x: centre.x + 1e-6, y: centre.y }], 2 * radiusPx, ink);
}

/**
 * A soft band across the whole image (a fold's shadow): darkness peaks on the line `pos` and falls
 * off as a raised cosine over `widthPx`.
 */
export function shadeBand(img: GreyImage, axis: 'horizontal' | 'vertical', pos: number, widthPx: number, darkness: number): void {
  const half = widthPx / 2;
  const lo = max(0, floor(pos - half));
  const hi = min((axis === 'horizontal' ? img.height : img.width) - 1, ceil(pos + half));
  const keep = new Float64Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) {
    const t = min(1, abs(k + 0.5 - pos) / half);
    keep[k - lo] = 1 - darkness * 0.5 * (1 + cos(PI * t));
  }
  const { width, data } = img;
  if (axis === 'horizontal') {
    for (let y = lo; y <= hi; y++) {
      const f = keep[y - lo];
      for (let i = y * width, end = i + width; i < end; i++) data[i] = round(data[i] * f);
    }
  } else {
    for (let y = 0; y < img.height; y++) {
      const row = y * width;
      for (let x = lo; x <= hi; x++) data[row + x] = round(data[row + x] * keep[x - lo]);
    }
  }
}
