// Reading barcodes back in unit tests: the printed symbol is only right if a real reader decodes
// it, so the encoders' and the pack renderer's tests go through ZXing (zxing-wasm, loaded from
// node_modules) on PNG images, as a scanner would see them.
import * as fs from 'node:fs';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { type ModuleMatrix } from 'src/packs/render/barcodes';

export type BarcodeFormat = 'QRCode' | 'DataMatrix' | 'Code128';

let prepared = false;
function prepare(): void {
  if (prepared) return;
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
  prepared = true;
}

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
  prepare();
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

/** A black-on-white PNG of a module matrix, `scale` pixels per module, with a `quiet`-module margin. */
export function matrixPng(m: ModuleMatrix, scale = 4, quiet = 4): Buffer {
  const width = (m.cols + 2 * quiet) * scale;
  const png = new PNG({ width, height: (m.rows + 2 * quiet) * scale });
  png.data.fill(255);
  // Module by module, not pixel by pixel: jest runs this cold, and a per-pixel loop cost ~15 ms.
  for (let my = 0; my < m.rows; my++) {
    for (let mx = 0; mx < m.cols; mx++) {
      if (m.bits[my * m.cols + mx] !== 1) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (((quiet + my) * scale + dy) * width + (quiet + mx) * scale) * 4;
        for (let i = start; i < start + scale * 4; i += 4) png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  // No filtering and light compression: the image is read back at once, never stored.
  return PNG.sync.write(png, { filterType: 0, deflateLevel: 1 });
}
