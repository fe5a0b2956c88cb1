// The paper barcode: a DataMatrix whose place on the page the geometry gives, so only a small
// crop around it is decoded (research/perf-limits.md §4: ~3 ms in a tight crop against
// 100–170 ms for a whole page). zxing-wasm's binary is loaded from node_modules, never fetched.
import { readBarcodes } from 'zxing-wasm/reader';
import { apply } from 'src/scan/read/affine';
import { type Affine, type GreyImage, type Point } from 'src/scan/read/types';
import { prepareZxing } from 'src/scan/read/zxing';

/** Margin around the printed symbol: its quiet zone plus registration error. */
const CROP_MARGIN_MM = 3;

export interface RectMm {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The corners of a printed rectangle (mm, geometry frame) in the scan. */
export function cornersOf(t: Affine, r: RectMm): [Point, Point, Point, Point] {
  return [apply(t, { x: r.x, y: r.y }), apply(t, { x: r.x + r.width, y: r.y }), apply(t, { x: r.x + r.width, y: r.y + r.height }), apply(t, { x: r.x, y: r.y + r.height })];
}

/** The text of the DataMatrix printed in `rect`, or null if none could be decoded there. */
export async function decodeBarcodeAt(img: GreyImage, t: Affine, rect: RectMm): Promise<string | null> {
  prepareZxing();
  const m = CROP_MARGIN_MM;
  const corners = cornersOf(t, { x: rect.x - m, y: rect.y - m, width: rect.width + 2 * m, height: rect.height + 2 * m });
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))));
  const x1 = Math.min(img.width, Math.ceil(Math.max(...corners.map((c) => c.x))));
  const y1 = Math.min(img.height, Math.ceil(Math.max(...corners.map((c) => c.y))));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 8 || h < 8) return null;
  // zxing-wasm takes RGBA pixels; the crop is small, so the copy costs little.
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const row = (y0 + y) * img.width + x0;
    for (let x = 0; x < w; x++) {
      const v = img.data[row + x];
      const o = (y * w + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  const results = await readBarcodes({ data: rgba, width: w, height: h, colorSpace: 'srgb' }, {
    formats: ['DataMatrix'],
    tryHarder: true,
    maxNumberOfSymbols: 1,
  });
  const valid = results.find((r) => r.isValid);
  return valid ? valid.text : null;
}
