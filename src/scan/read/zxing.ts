// zxing-wasm's decoder binary comes from node_modules: by default the library fetches it from a
// CDN, which fails offline and must never happen on a count machine.
import * as fs from 'node:fs';
import { prepareZXingModule } from 'zxing-wasm/reader';

let prepared = false;

/** Points zxing-wasm at its local binary; call before the first read (repeat calls do nothing). */
export function prepareZxing(): void {
  if (prepared) return;
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
  prepared = true;
}
