// Barcodes as vector paths (issue 4): our own encoders compute the symbol (a module matrix or
// bar widths) and we write one filled path of rectangles into the content stream. No images, no
// per-module pdfkit calls — perf-limits §3 measured this as the fastest way. All three replaced
// bwip-js, whose encoders were most of a pack's render time; bwip-js remains as the reference
// the encoders' tests compare against.
import { encodeDataMatrix } from 'src/packs/render/datamatrix';
import { encodeQr } from 'src/packs/render/qr';

export interface ModuleMatrix {
  cols: number;
  rows: number;
  /** Row-major, row 0 at the top; 1 = dark module. */
  bits: ArrayLike<number>;
}

/**
 * QR code, error correction M, fixed mask: our own encoder (src/packs/render/qr.ts), since
 * bwip-js' QR encoder cost ~13 ms per code (perf-limits §3 and bench/packs.ts).
 */
export function qrMatrix(text: string): ModuleMatrix {
  return encodeQr(text);
}

/**
 * DataMatrix ECC 200, smallest square symbol: our own encoder (src/packs/render/datamatrix.ts),
 * since bwip-js' took ~1 ms per code, about 18% of a pack run's time.
 */
export function dataMatrix(text: string): ModuleMatrix {
  return encodeDataMatrix(text);
}

// Code 128 bar/space widths for the return slip: our own encoder (src/packs/render/code128.ts),
// the same bars as bwip-js drew, in a few microseconds instead of ~0.1 ms (bwip-js' Code 128 was
// ~6 % of a pack's render time).
export { code128Widths } from 'src/packs/render/code128';

const num = (v: number): string => (Math.round(v * 1000) / 1000).toString();
// Scale factors carry more digits: they multiply up to ~40 modules.
const scale = (v: number): string => (Math.round(v * 1e5) / 1e5).toString();

// Each symbol is drawn in its own module space (a `cm` that puts module (0, 0) at the corner and
// makes one unit one module), so its rectangles are small integers: a QR code is ~3× fewer content
// bytes to write and deflate than with page coordinates, and no per-rectangle number formatting.
// Callers wrap the operators in `q … Q`, which also restores the transformation.

/**
 * PDF operators filling the dark modules of `m` with the top-left corner at (x, y) in the page's
 * top-down user space, `module` points per module. Horizontal runs become one rectangle.
 */
export function matrixPathOps(m: ModuleMatrix, x: number, y: number, module: number): string {
  const parts: string[] = [`${scale(module)} 0 0 ${scale(module)} ${num(x)} ${num(y)} cm`];
  for (let r = 0; r < m.rows; r++) {
    let c = 0;
    while (c < m.cols) {
      if (!m.bits[r * m.cols + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.cols && m.bits[r * m.cols + c]) c++;
      parts.push(`${start} ${r} ${c - start} 1 re`);
    }
  }
  return parts.join('\n') + '\nf';
}

/** Operators for the bars of a linear code, top-left at (x, y), `module` points wide, `height` tall. */
export function barsPathOps(widths: number[], x: number, y: number, module: number, height: number): string {
  const parts: string[] = [`${scale(module)} 0 0 ${scale(height)} ${num(x)} ${num(y)} cm`];
  let at = 0;
  widths.forEach((w, i) => {
    if (i % 2 === 0) parts.push(`${at} 0 ${w} 1 re`);
    at += w;
  });
  return parts.join('\n') + '\nf';
}

export function totalModules(widths: number[]): number {
  return widths.reduce((a, b) => a + b, 0);
}
