import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASSETS_DIR as BOOTH_ASSETS_DIR, loadAssets } from 'src/booth-page/page-assets';
import type { Asset } from 'src/intake-page/page-assets';

// The trustee page is made like the voter pages (hand-written browser files served as they are,
// one esbuild bundle for the crypto): same places, from src/ under `npm start`, in the Docker
// image and under jest; the bundle from dist/booth/ (scripts/build-booth.js).
export const TRUSTEE_ASSETS_DIR =
  [path.resolve(__dirname, 'assets'), path.resolve(__dirname, '../../../src/trustee-page/assets')].find((d) => fs.existsSync(path.join(d, 'trustee.html'))) ??
  path.resolve('src/trustee-page/assets');

export const TRUSTEE_BUNDLE_NAME = 'trustee-crypto.js';
export const TRUSTEE_BUNDLE_FILE =
  [path.resolve(__dirname, '../../booth', TRUSTEE_BUNDLE_NAME), path.resolve(__dirname, '../../dist/booth', TRUSTEE_BUNDLE_NAME)].find((f) => fs.existsSync(f)) ??
  path.resolve('dist/booth', TRUSTEE_BUNDLE_NAME);

/** The voter pages' files the trustee page reuses, served beside its own. */
const SHARED = ['dom.js', 'api.js', 'booth.css'];

export function loadTrusteeAssets(dir = TRUSTEE_ASSETS_DIR, bundle = TRUSTEE_BUNDLE_FILE): Map<string, Asset> {
  const assets = loadAssets(dir, bundle, TRUSTEE_BUNDLE_NAME);
  for (const name of SHARED) {
    assets.set(name, { body: fs.readFileSync(path.join(BOOTH_ASSETS_DIR, name)), contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' });
  }
  return assets;
}
