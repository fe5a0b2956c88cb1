// Small operations on grey images shared by the reader's steps.
import { type GreyImage } from 'src/scan/read/types';

// Bound once: inside jest's sandbox every `Math` lookup in a pixel loop goes through its global
// proxy, which made reading a page ~10× slower in tests than in production.
const { floor } = Math;

/**
 * The grey level halfway between the window's print (its darkest half percent: a registration
 * mark covers ~1 % of its window) and its paper (95th percentile). Null when the two are less
 * than ~80 levels apart: nothing printed there, so a blank corner does not invent a mark. (Otsu's
 * threshold was tried first: a grey scanner lid beside white paper pulls it between the two.)
 */
export function darkThreshold(img: GreyImage, x0: number, y0: number, w: number, h: number): number | null {
  const hist = new Float64Array(256);
  for (let y = y0; y < y0 + h; y++) {
    const row = y * img.width;
    for (let x = x0; x < x0 + w; x++) hist[img.data[row + x]]++;
  }
  const lo = quantile(hist, w * h * 0.005);
  const hi = quantile(hist, w * h * 0.95);
  return hi - lo < 80 ? null : (lo + hi) / 2;
}

function quantile(hist: Float64Array, rank: number): number {
  let seen = 0;
  for (let i = 0; i < 256; i++) {
    seen += hist[i];
    if (seen > rank) return i;
  }
  return 255;
}

/** Bilinear sample at a sub-pixel position; white outside the image. */
export function sample(img: GreyImage, x: number, y: number): number {
  const x0 = floor(x - 0.5);
  const y0 = floor(y - 0.5);
  const fx = x - 0.5 - x0;
  const fy = y - 0.5 - y0;
  const at = (xx: number, yy: number): number => (xx < 0 || yy < 0 || xx >= img.width || yy >= img.height ? 255 : img.data[yy * img.width + xx]);
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}
