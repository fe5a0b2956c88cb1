import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASSETS_DIR, loadAssets, loadPageTemplate } from 'src/intake-page/page-assets';
import { en, fr, frVerdictMessages, messages, translate } from 'src/intake-page/assets/messages.js';
import { CODE_REJECT_MESSAGES } from 'src/intake/verdict-messages';
import { PAGE_LANGUAGES } from 'src/intake-page/page-language';

describe('scan page files', () => {
  it('serves every script and style sheet of the folder, and nothing else', () => {
    const names = [...loadAssets().keys()].sort();
    expect(names).toEqual(expect.arrayContaining(['intake.css', 'intake.js', 'messages.js', 'entry-kind.js']));
    expect(names.filter((n) => !/^[a-z-]+\.(js|css)$/.test(n))).toEqual([]);
  });

  it('loads only files that exist: every import of a script names a served file', () => {
    const assets = loadAssets();
    for (const [name, asset] of assets) {
      if (!name.endsWith('.js')) continue;
      for (const m of asset.body.toString('utf8').matchAll(/^import [^;]* from '\.\/([^']+)';$/gm)) {
        expect({ in: name, file: m[1], served: assets.has(m[1]) }).toEqual({ in: name, file: m[1], served: true });
      }
    }
  });

  it('sets <html lang> to the chosen language', () => {
    const page = loadPageTemplate();
    expect(page('fr')).toContain('<html lang="fr">');
    expect(page('en')).not.toContain('%LANG%');
  });

  it('has no inline script, style or event handler (the CSP would block them)', () => {
    const html = fs.readFileSync(path.join(ASSETS_DIR, 'intake.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('scan page dictionary', () => {
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

  it('knows every data-i18n key of the page', () => {
    const html = fs.readFileSync(path.join(ASSETS_DIR, 'intake.html'), 'utf8');
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it('says in French every reason the API gives for a wrong code, and the duplicate', () => {
    const missing = [...Object.keys(CODE_REJECT_MESSAGES), 'duplicate_return', 'accept', 'hold'].filter((r) => !frVerdictMessages[r]);
    expect(missing).toEqual([]);
  });

  it('fills placeholders, and falls back on English for another language', () => {
    expect(translate('fr', 'place', { tray: 'D2-H01', position: 17 })).toBe('Bac D2-H01 · position 17');
    expect(translate('de', 'verdict_reject')).toBe('REJECT');
    expect(translate('en', 'place', { tray: 'D2-A01' })).toBe('Tray D2-A01 · position {position}');
  });
});
