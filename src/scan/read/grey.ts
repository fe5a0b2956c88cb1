// Small operations on grey images shared by the reader's steps.
import { type GreyImage } from 'src/scan/read/types';

/**
 * Otsu's threshold of a window: the grey level that best splits it into two classes. Null when
 * the window is flat (nothing printed in it), so a blank corner does not invent a mark.
 */
export function otsuThreshold(img: GreyImage, x0: number, y0: number, w: number, h: number): number | null {
  const hist = new Float64Array(256);
  for (let y = y0; y < y0 + h; y++) {
    const row = y * img.width;
    for (let x = x0; x < x0 + w; x++) hist[img.data[row + x]]++;
  }
  const total = w * h;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let weightB = 0;
  let sumB = 0;
  let best = -1;
  let threshold = 0;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / weightB;
    const mF = (sumAll - sumB) / weightF;
    const between = weightB * weightF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t + 1;
    }
  }
  // Two classes less than ~60 grey levels apart are paper texture or noise, not print.
  let dark = 0;
  let darkN = 0;
  let light = 0;
  let lightN = 0;
  for (let i = 0; i < 256; i++) {
    if (i < threshold) {
      dark += i * hist[i];
      darkN += hist[i];
    } else {
      light += i * hist[i];
      lightN += hist[i];
    }
  }
  if (darkN === 0 || lightN === 0 || light / lightN - dark / darkN < 60) return null;
  return threshold;
}

/** Bilinear sample at a sub-pixel position; white outside the image. */
export function sample(img: GreyImage, x: number, y: number): number {
  const x0 = Math.floor(x - 0.5);
  const y0 = Math.floor(y - 0.5);
  const fx = x - 0.5 - x0;
  const fy = y - 0.5 - y0;
  const at = (xx: number, yy: number): number => (xx < 0 || yy < 0 || xx >= img.width || yy >= img.height ? 255 : img.data[yy * img.width + xx]);
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}
