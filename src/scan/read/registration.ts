// Registration: find the four solid corner squares and fit the map from the printed page's
// millimetre frame to the scan. Each mark is searched in its corner of the image only, so a
// page that is rotated a few degrees, rescaled a little or shifted by the feeder still registers
// while the rest of the page (text, boxes, barcode) is never mistaken for a mark.
import { apply, fitAffine, maxResidual, meanScale } from 'src/scan/read/affine';
import { darkThreshold } from 'src/scan/read/grey';
import { type Affine, type BallotGeometry, type GreyImage, type Orientation, type Point } from 'src/scan/read/types';

/**
 * Each corner's window reaches this far into the scan from its two edges, plus however much
 * larger than the page the scan is (a flatbed's or feeder's border around the sheet).
 */
const WINDOW_MM = 34;
/** A found mark may be this far from where the fitted page puts it (a folded or torn page is not). */
export const MAX_RESIDUAL_MM = 1.5;
/**
 * The fitted scale may differ this much from the resolution the file declares or its size
 * suggests; beyond it, what was found is not our page (every later step uses the fitted map).
 */
const MAX_SCALE_ERROR = 0.25;

type Corner = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';
const CORNERS: Corner[] = ['topLeft', 'topRight', 'bottomLeft', 'bottomRight'];

/** Which image corner holds each printed mark, for each way the page may lie on the scanner. */
const PLACEMENT: Record<Orientation, Record<Corner, Corner>> = {
  0: { topLeft: 'topLeft', topRight: 'topRight', bottomLeft: 'bottomLeft', bottomRight: 'bottomRight' },
  180: { topLeft: 'bottomRight', topRight: 'bottomLeft', bottomLeft: 'topRight', bottomRight: 'topLeft' },
  90: { topLeft: 'topRight', topRight: 'bottomRight', bottomRight: 'bottomLeft', bottomLeft: 'topLeft' },
  270: { topLeft: 'bottomLeft', topRight: 'topLeft', bottomRight: 'topRight', bottomLeft: 'bottomRight' },
};

export interface Registration {
  orientation: Orientation;
  transform: Affine;
  residualMm: number;
  /** Grey level of printed black, measured inside the marks. */
  inkLevel: number;
}

export type RegistrationResult = { ok: true; candidates: Registration[] } | { ok: false; detail: string };

/**
 * The page's possible registrations: two orientations (upright and upside down, or the two
 * sideways ones for a landscape scan) that the marks alone cannot tell apart; the barcode
 * decides between them.
 */
export function register(img: GreyImage, pxPerMm: number, geometry: BallotGeometry): RegistrationResult {
  const found: Partial<Record<Corner, { centre: Point; level: number }>> = {};
  const landscape = img.width > img.height;
  const pageW = landscape ? geometry.page.height : geometry.page.width;
  const pageH = landscape ? geometry.page.width : geometry.page.height;
  const window = {
    w: Math.min(img.width >> 1, Math.round((WINDOW_MM + Math.max(0, img.width / pxPerMm - pageW)) * pxPerMm)),
    h: Math.min(img.height >> 1, Math.round((WINDOW_MM + Math.max(0, img.height / pxPerMm - pageH)) * pxPerMm)),
  };
  for (const c of CORNERS) {
    const m = findMark(img, pxPerMm, geometry.markSize, c, window);
    if (!m) return { ok: false, detail: `no registration mark in the ${c} corner` };
    found[c] = m;
  }
  const marks = geometry.pages[0].marks;
  const orientations: Orientation[] = landscape ? [90, 270] : [0, 180];
  const candidates: Registration[] = [];
  for (const o of orientations) {
    const from = CORNERS.map((c) => marks[c]);
    const to = CORNERS.map((c) => found[PLACEMENT[o][c]]!.centre);
    const t = fitAffine(from, to);
    if (!t) return { ok: false, detail: 'the registration marks are in a line' };
    const scale = meanScale(t);
    const residualMm = maxResidual(t, from, to) / scale;
    if (residualMm > MAX_RESIDUAL_MM) return { ok: false, detail: `the marks do not form the printed page (off by ${residualMm.toFixed(1)} mm)` };
    if (Math.abs(scale / pxPerMm - 1) > MAX_SCALE_ERROR) {
      return { ok: false, detail: `the page is printed or scanned at ${Math.round((scale / pxPerMm) * 100)}% of its size` };
    }
    const inkLevel = CORNERS.reduce((s, c) => s + found[c]!.level, 0) / 4;
    candidates.push({ orientation: o, transform: t, residualMm, inkLevel });
  }
  return { ok: true, candidates };
}

/**
 * The centre of the one solid square of about the mark's size in a corner window: the window is
 * split between print and paper, and connected dark regions are judged by area, extent and
 * solidity; of the acceptable ones, the most mark-like wins.
 */
function findMark(img: GreyImage, pxPerMm: number, markMm: number, corner: Corner, window: { w: number; h: number }): { centre: Point; level: number } | null {
  const { w: ww, h: wh } = window;
  const x0 = corner === 'topLeft' || corner === 'bottomLeft' ? 0 : img.width - ww;
  const y0 = corner === 'topLeft' || corner === 'topRight' ? 0 : img.height - wh;
  const threshold = darkThreshold(img, x0, y0, ww, wh);
  if (threshold === null) return null;
  const side = markMm * pxPerMm;
  const expectedArea = side * side;
  const labels = new Int8Array(ww * wh).fill(-1);
  const stack: number[] = [];
  let best: { score: number; centre: Point; level: number } | null = null;
  const visit = (q: number): void => {
    if (labels[q] !== -1) return;
    if (img.data[(y0 + ((q / ww) | 0)) * img.width + x0 + (q % ww)] < threshold) {
      labels[q] = 1;
      stack.push(q);
    } else labels[q] = 0;
  };
  for (let start = 0; start < ww * wh; start++) {
    if (labels[start] !== -1) continue;
    const sx = start % ww;
    const sy = (start / ww) | 0;
    if (img.data[(y0 + sy) * img.width + x0 + sx] >= threshold) {
      labels[start] = 0;
      continue;
    }
    // Flood-fill one dark region, collecting its area, bounding box, centroid and grey level.
    let area = 0;
    let sumX = 0;
    let sumY = 0;
    let sumLevel = 0;
    let minX = sx;
    let maxX = sx;
    let minY = sy;
    let maxY = sy;
    labels[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % ww;
      const y = (p / ww) | 0;
      const v = img.data[(y0 + y) * img.width + x0 + x];
      area++;
      sumX += x;
      sumY += y;
      sumLevel += v;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      // The four neighbours, inline: this loop runs for every dark pixel of four windows.
      if (x > 0) visit(p - 1);
      if (x < ww - 1) visit(p + 1);
      if (y > 0) visit(p - ww);
      if (y < wh - 1) visit(p + ww);
    }
    if (area < expectedArea * 0.6 || area > expectedArea * 1.5) continue;
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    // A square turned by up to ~5° has a bounding box up to ~1.16 × its side.
    if (w < side * 0.8 || w > side * 1.3 || h < side * 0.8 || h > side * 1.3) continue;
    const solidity = area / (w * h);
    if (solidity < 0.7) continue;
    const score = Math.abs(area / expectedArea - 1) + Math.abs(w / side - 1) + Math.abs(h / side - 1) + (1 - solidity);
    if (!best || score < best.score) best = { score, centre: { x: x0 + sumX / area + 0.5, y: y0 + sumY / area + 0.5 }, level: sumLevel / area };
  }
  return best ? { centre: best.centre, level: best.level } : null;
}

/** Where a point of the printed page (mm, geometry frame) is in the scan. */
export function toImage(r: Registration, p: Point): Point {
  return apply(r.transform, p);
}
