// Reading barcodes back in unit tests: the printed symbol is only right if a real reader decodes
// it, so the encoders' and the pack renderer's tests go through ZXing (zxing-wasm, loaded from
// node_modules) on PNG images, as a scanner would see them.
import { PNG } from 'pngjs';
import { readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { type ModuleMatrix } from 'src/packs/render/barcodes';
import { prepareZxing } from 'src/scan/read/zxing';

export type BarcodeFormat = 'QRCode' | 'DataMatrix' | 'Code128';

export interface ReadSymbol {
  text: string;
  /** As ZXing names it: "18x18" for a DataMatrix, "3" for a QR code. */
  version: string;
  /**
   * The share of error correction left unused: 1 when not one codeword was wrong. An encoder's
   * symbol must read at 1, since Reed–Solomon would quietly repair a misplaced codeword.
   */
  unusedErrorCorrection: number | undefined;
}

/** The valid `format` symbols ZXing finds in a PNG image. */
export async function readSymbols(png: Buffer, format: BarcodeFormat): Promise<ReadSymbol[]> {
  prepareZxing();
  const results: ReadResult[] = await readBarcodes(new Uint8Array(png), { formats: [format], tryHarder: true, maxNumberOfSymbols: 4 });
  return results
    .filter((r) => r.isValid)
    .map((r) => {
      const extra = (r.extra ? JSON.parse(r.extra) : {}) as { UEC?: number; Version?: string };
      return { text: r.text, version: extra.Version ?? r.version, unusedErrorCorrection: extra.UEC };
    });
}

/** The texts of the valid `format` symbols ZXing finds in a PNG image. */
export async function readBarcodeTexts(png: Buffer, format: BarcodeFormat): Promise<string[]> {
  return (await readSymbols(png, format)).map((r) => r.text);
}

/** Black on white, `scale` pixels per module, a light quiet zone of `quiet` modules all round. */
function modulesPng(cols: number, rows: number, dark: (col: number, row: number) => boolean, scale: number, quiet: number): Buffer {
  const width = (cols + 2 * quiet) * scale;
  const png = new PNG({ width, height: (rows + 2 * quiet) * scale });
  png.data.fill(255);
  // A module row is drawn once and copied `scale` times: per-pixel work is slow under jest.
  const rowBytes = width * 4;
  const line = Buffer.alloc(rowBytes);
  for (let row = 0; row < rows; row++) {
    line.fill(255);
    for (let col = 0; col < cols; col++) {
      for (let px = 0; px < scale && dark(col, row); px++) line.fill(0, ((quiet + col) * scale + px) * 4, ((quiet + col) * scale + px) * 4 + 3);
    }
    for (let k = 0; k < scale; k++) line.copy(png.data, ((quiet + row) * scale + k) * rowBytes);
  }
  // No filter: pngjs' per-row filter search took ~0.9 s for a 1000 × 150 image under jest.
  return PNG.sync.write(png, { filterType: 0 });
}

/** A 2D symbol (QR, DataMatrix) as a PNG. */
export function matrixPng(m: ModuleMatrix, scale = 4, quiet = 4): Buffer {
  return modulesPng(m.cols, m.rows, (col, row) => m.bits[row * m.cols + col] === 1, scale, quiet);
}

/** A linear symbol from its bar/space widths (starting with a bar) as a PNG, `rows` modules tall. */
export function barsPng(widths: readonly number[], scale = 3, quiet = 10, rows = 30): Buffer {
  const dark: boolean[] = [];
  widths.forEach((w, i) => {
    for (let k = 0; k < w; k++) dark.push(i % 2 === 0);
  });
  return modulesPng(dark.length, rows, (col) => dark[col], scale, quiet);
}
