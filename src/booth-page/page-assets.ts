import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Asset } from 'src/intake-page/page-assets';
import type { PageLanguage } from 'src/intake-page/page-language';

// Like the scan page, the voter pages' files are hand-written browser code served as they are
// in the repository (the build skips this folder), from src/ under `npm start`, in the Docker
// image and under jest. The one generated file, the crypto bundle, is made by
// scripts/build-booth.js into dist/booth/ (by `npm run build` and by jest's global setup).
export const ASSETS_DIR =
  [path.resolve(__dirname, 'assets'), path.resolve(__dirname, '../../../src/booth-page/assets')].find((d) => fs.existsSync(path.join(d, 'vote.html'))) ??
  path.resolve('src/booth-page/assets');

export const BUNDLE_NAME = 'booth-crypto.js';
// dist/src/booth-page → dist/booth when built; src/booth-page → dist/booth under jest.
export const BUNDLE_FILE =
  [path.resolve(__dirname, '../../booth', BUNDLE_NAME), path.resolve(__dirname, '../../dist/booth', BUNDLE_NAME)].find((f) => fs.existsSync(f)) ??
  path.resolve('dist/booth', BUNDLE_NAME);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The pages' scripts and style sheet, and the crypto bundle; nothing else is served. */
export function loadAssets(dir = ASSETS_DIR, bundle = BUNDLE_FILE, bundleName = BUNDLE_NAME): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType || name.includes('.spec.')) continue;
    assets.set(name, { body: fs.readFileSync(path.join(dir, name)), contentType });
  }
  // Without it no one can vote online: refuse to start rather than serve a booth that fails.
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build (scripts/build-booth.js makes it)`);
  assets.set(bundleName, { body: fs.readFileSync(bundle), contentType: CONTENT_TYPES['.js'] });
  return assets;
}

export const PAGES = ['vote', 'check', 'board', 'missing'] as const;
export type PageName = (typeof PAGES)[number];

export interface PageValues {
  lang: PageLanguage;
  electionId: string;
  title: string;
  secondFactor: string;
  timeZone: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page: one static document with %NAME% slots for the language, the election id and the
 * server-rendered election values, every value HTML-escaped.
 */
export function loadPageTemplate(name: PageName | 'trustee', dir = ASSETS_DIR): (values: PageValues) => string {
  const html = fs.readFileSync(path.join(dir, `${name}.html`), 'utf8');
  if (!html.includes('<html lang="%LANG%">')) throw new Error(`${name}.html must contain <html lang="%LANG%">`);
  return (values) =>
    html.replace(/%(LANG|ELECTION_ID|TITLE|SECOND_FACTOR|TIME_ZONE)%/g, (_, slot: string) => {
      const value = { LANG: values.lang, ELECTION_ID: values.electionId, TITLE: values.title, SECOND_FACTOR: values.secondFactor, TIME_ZONE: values.timeZone }[slot];
      return escapeHtml(value ?? '');
    });
}
