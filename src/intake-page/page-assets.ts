import * as fs from 'node:fs';
import * as path from 'node:path';
import { PageLanguage } from 'src/intake-page/page-language';

// The page's files are hand-written browser code, served as they are in the repository: the
// build does not compile them (package.json `build` ignores this folder), so the same bytes are
// served from src/ under `npm start` (dist/), in the Docker image and under jest.
/** Where a staff page's `assets` folder is, beside its compiled or source module. */
export function pageAssetsDir(moduleDir: string, folder: string, html: string): string {
  return (
    [path.resolve(moduleDir, 'assets'), path.resolve(moduleDir, `../../../src/${folder}/assets`)].find((d) => fs.existsSync(path.join(d, html))) ??
    path.resolve(`src/${folder}/assets`)
  );
}

export const ASSETS_DIR = pageAssetsDir(__dirname, 'intake-page', 'intake.html');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

/** Everything the page may load, read once: nothing else in the folder (tests, HTML) is served. */
export function loadAssets(dir = ASSETS_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType || name.includes('.spec.')) continue;
    assets.set(name, { body: fs.readFileSync(path.join(dir, name)), contentType });
  }
  return assets;
}

/** The page itself: one static document; only its language attribute varies. */
export function loadPageTemplate(dir = ASSETS_DIR, file = 'intake.html'): (lang: PageLanguage) => string {
  const html = fs.readFileSync(path.join(dir, file), 'utf8');
  if (!html.includes('%LANG%')) throw new Error(`${file} must contain %LANG% in <html lang>`);
  return (lang) => html.replaceAll('%LANG%', lang);
}
