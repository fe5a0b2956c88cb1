// Barcodes as vector paths (issue 4): an encoder computes the symbol (a module matrix or bar
// widths) and we write one filled path of rectangles into the content stream. No images, no
// per-module pdfkit calls — perf-limits §3 measured this as the fastest way. QR and DataMatrix
// use our own encoders; Code 128 still comes from bwip-js (`raw()`).
import * as bwipjs from 'bwip-js';
import { encodeDataMatrix } from 'src/packs/render/datamatrix';
import { encodeQr } from 'src/packs/render/qr';

export interface ModuleMatrix {
  cols: number;
  rows: number;
  /** Row-major, row 0 at the top; 1 = dark module. */
  bits: ArrayLike<number>;
}

type RawBars = { sbs: number[] };

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

/** Code 128 bar/space widths in modules, starting with a bar (start, data, check and stop included). */
export function code128Widths(text: string): number[] {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text } as bwipjs.RawOptions) as RawBars[];
  if (!symbol?.sbs) throw new Error('bwip-js returned no Code 128 bars');
  return symbol.sbs;
}

const num = (v: number): string => (Math.round(v * 1000) / 1000).toString();

/**
 * PDF path operators filling the dark modules of `m` with the top-left corner at (x, y) in the
 * page's top-down user space, `module` points per module. Horizontal runs become one rectangle.
 */
export function matrixPathOps(m: ModuleMatrix, x: number, y: number, module: number): string {
  const parts: string[] = [];
  for (let r = 0; r < m.rows; r++) {
    let c = 0;
    while (c < m.cols) {
      if (!m.bits[r * m.cols + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.cols && m.bits[r * m.cols + c]) c++;
      parts.push(`${num(x + start * module)} ${num(y + r * module)} ${num((c - start) * module)} ${num(module)} re`);
    }
  }
  return parts.join('\n') + '\nf';
}

/** Path operators for the bars of a linear code, top-left at (x, y), `module` points wide, `height` tall. */
export function barsPathOps(widths: number[], x: number, y: number, module: number, height: number): string {
  const parts: string[] = [];
  let at = x;
  widths.forEach((w, i) => {
    if (i % 2 === 0) parts.push(`${num(at)} ${num(y)} ${num(w * module)} ${num(height)} re`);
    at += w * module;
  });
  return parts.join('\n') + '\nf';
}

export function totalModules(widths: number[]): number {
  return widths.reduce((a, b) => a + b, 0);
}
