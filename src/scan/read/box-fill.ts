// How much ink is in an answer box. The box's interior (its printed border excluded) is sampled
// through the page map, each sample's darkness measured between the local paper tone (a ring
// just outside the box, so a fold shadow or tinted paper is discounted) and printed black (the
// registration marks). Darkness below a small floor is paper, noise or shadow, not ink. The
// result is the mean ink over the interior (`fill`): a solid fill reads ~1, a pen cross ~0.2–0.4,
// a tick ~0.1–0.2, a stray dot under ~0.03. A faint pencil line has little ink but spreads across
// the box, which a dot does not: `trace` is the share of the interior touched by any mark, so a
// faint mark is never taken for an empty box (docs/SCANNING.md has the measured distributions).
import { apply } from 'src/scan/read/affine';
import { sample } from 'src/scan/read/grey';
import { type Affine, type GreyImage } from 'src/scan/read/types';
import { type RectMm } from 'src/scan/read/barcode';

const { min } = Math; // bound once, as in grey.ts

/** Inset from the box's printed edge: clears the 0.42 mm border and ~0.5 mm of registration error. */
export const INTERIOR_INSET_MM = 1.1;
/** Darkness below this (as a fraction of paper-to-black) is not ink. */
export const INK_FLOOR = 0.15;
const RING_FROM_MM = 0.9;
const RING_TO_MM = 2.4;
/** The paper tone is this quantile of the ring (robust to ink straying outside the box and to answer text). */
const PAPER_QUANTILE = 0.8;

/** Darkness from which a sample counts as touched by a mark, however faint (pencil is ~0.3–0.6). */
export const TRACE_FLOOR = 0.1;

export interface BoxInk {
  fill: number;
  trace: number;
}

export function boxInk(img: GreyImage, t: Affine, pxPerMm: number, box: RectMm, inkLevel: number): BoxInk {
  const paper = paperLevel(img, t, pxPerMm, box);
  const range = paper - inkLevel;
  if (range < 40) return { fill: 1, trace: 1 }; // no contrast between paper and ink here: as dark as print
  const step = 1 / pxPerMm;
  const x0 = box.x + INTERIOR_INSET_MM;
  const y0 = box.y + INTERIOR_INSET_MM;
  const x1 = box.x + box.width - INTERIOR_INSET_MM;
  const y1 = box.y + box.height - INTERIOR_INSET_MM;
  let sum = 0;
  let touched = 0;
  let n = 0;
  for (let y = y0 + step / 2; y < y1; y += step) {
    for (let x = x0 + step / 2; x < x1; x += step) {
      const p = apply(t, { x, y });
      const darkness = (paper - sample(img, p.x, p.y)) / range;
      if (darkness > INK_FLOOR) sum += min(1, (darkness - INK_FLOOR) / (1 - INK_FLOOR));
      if (darkness >= TRACE_FLOOR) touched++;
      n++;
    }
  }
  return n === 0 ? { fill: 0, trace: 0 } : { fill: sum / n, trace: touched / n };
}

function paperLevel(img: GreyImage, t: Affine, pxPerMm: number, box: RectMm): number {
  const values: number[] = [];
  const step = 1 / pxPerMm;
  for (let d = RING_FROM_MM; d <= RING_TO_MM; d += step) {
    const left = box.x - d;
    const right = box.x + box.width + d;
    const top = box.y - d;
    const bottom = box.y + box.height + d;
    for (let s = top; s <= bottom; s += step) {
      values.push(at(img, t, left, s), at(img, t, right, s));
    }
    for (let s = left; s <= right; s += step) {
      values.push(at(img, t, s, top), at(img, t, s, bottom));
    }
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length * PAPER_QUANTILE)];
}

function at(img: GreyImage, t: Affine, x: number, y: number): number {
  const p = apply(t, { x, y });
  return sample(img, p.x, p.y);
}
