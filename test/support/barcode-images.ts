// Our own barcode encoders are proved by reading their symbols back with an independent decoder
// (ZXing, through zxing-wasm), the way a phone or the mail room's scanner would.
import * as fs from 'node:fs';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { type ModuleMatrix } from 'src/packs/render/barcodes';

export type BarcodeFormat = 'QRCode' | 'DataMatrix' | 'Code128';

let prepared = false;
/** Loads zxing-wasm's binary from node_modules (never fetched); call it in a beforeAll. */
export function prepareZxing(): void {
  if (prepared) return;
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
  prepared = true;
}

/** The texts of the valid symbols of `format` that ZXing finds in a PNG image. */
export async function decodeBarcodes(png: Buffer, format: BarcodeFormat): Promise<string[]> {
  const results: ReadResult[] = await readBarcodes(new Uint8Array(png), { formats: [format], tryHarder: true, maxNumberOfSymbols: 4 });
  return results.filter((r) => r.isValid).map((r) => r.text);
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
