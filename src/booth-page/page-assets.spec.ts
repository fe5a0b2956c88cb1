import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ASSETS_DIR, BUNDLE_NAME, loadAssets, loadPageTemplate, PAGES } from 'src/booth-page/page-assets';
import { en, fr, messages } from 'src/booth-page/assets/messages.js';
import { PAGE_LANGUAGES } from 'src/intake-page/page-language';

const html = (name: string) => fs.readFileSync(path.join(ASSETS_DIR, `${name}.html`), 'utf8');
const values = { lang: 'fr' as const, electionId: 'e1', title: 'Board <2027> & "friends"', secondFactor: 'postcode', timeZone: 'Europe/Paris' };

describe('voter page files', () => {
  // A stand-in bundle: the real one is built by scripts/build-booth.js (see booth-crypto.spec.ts).
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hb-booth-')), BUNDLE_NAME);
  beforeAll(() => fs.writeFileSync(bundle, 'export {};'));
  afterAll(() => fs.rmSync(path.dirname(bundle), { recursive: true, force: true }));

  it('serves the scripts, the style sheet and the crypto bundle, and nothing else', () => {
    const names = [...loadAssets(ASSETS_DIR, bundle).keys()].sort();
    expect(names).toEqual(expect.arrayContaining(['booth.css', 'vote.js', 'check.js', 'board.js', 'messages.js', BUNDLE_NAME]));
    expect(names.filter((n) => !/^[a-z-]+\.(js|css)$/.test(n))).toEqual([]);
  });

  it('refuses to start without the bundle: no booth that cannot build a ballot', () => {
    expect(() => loadAssets(ASSETS_DIR, path.join(os.tmpdir(), 'nope', BUNDLE_NAME))).toThrow(/npm run build/);
  });

  it('loads only files that exist: every import of a script names a served file', () => {
    const assets = loadAssets(ASSETS_DIR, bundle);
    for (const [name, asset] of assets) {
      if (!name.endsWith('.js')) continue;
      for (const m of asset.body.toString('utf8').matchAll(/^import [^;]* from '\.\/([^']+)';$/gm)) {
        expect({ in: name, file: m[1], served: assets.has(m[1]) }).toEqual({ in: name, file: m[1], served: true });
      }
    }
  });

  it('fills the language and the election values, escaped', () => {
    const page = loadPageTemplate('vote')(values);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<title>Board &#60;2027&#62; &#38; &#34;friends&#34;</title>');
    expect(page).toContain('data-election="e1" data-second-factor="postcode" data-time-zone="Europe/Paris"');
    expect(page).not.toMatch(/%[A-Z_]+%/);
  });

  it('has no inline script, style or event handler in any page (the CSP would block them)', () => {
    for (const name of PAGES) {
      expect({ name, script: /<script(?![^>]*\bsrc=)[^>]*>/i.test(html(name)), style: /<style|\sstyle=|\son[a-z]+=/i.test(html(name)) }).toEqual({ name, script: false, style: false });
    }
  });
});

describe('voter page dictionary', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has a table for each language the server chooses', () => {
    expect(Object.keys(messages).sort()).toEqual([...PAGE_LANGUAGES].sort());
  });

  it('has every key in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, en: en[key].length > 0, fr: fr[key].length > 0 }).toEqual({ key, en: true, fr: true });
      expect({ key, fr: placeholders(fr[key]) }).toEqual({ key, fr: placeholders(en[key]) });
    }
  });

  it('knows every data-i18n key of every page', () => {
    const keys = PAGES.flatMap((p) => [...html(p).matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]));
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });
});
