import * as fs from 'node:fs';
import * as path from 'node:path';
import { create, type Font } from 'fontkit';
import { FONTS_DIR } from 'src/packs/render/fonts';
import { PairLayout } from 'src/packs/render/pair-layout';

const FILES = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'LiberationMono-Bold.ttf', 'LiberationMono-Regular.ttf'];

// What members' names, addresses and codes are made of, and what trips an OpenType engine:
// kerning pairs (AV, To, f-f), ligature candidates (fi, ffi), the soft hyphen (drawn as nothing),
// Latin-1 and Latin Extended letters, Greek with tonos, Cyrillic, digits and punctuation.
const ALPHABET = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...' .,;:-/\'’"()&@#+',
  ...'ÀÁÂÄÇÈÉÊËÎÏÑÔÖÙÚÛÜßàáâäçèéêëîïñôöùúûüÿØøÅåÆæ',
  ...'ŁłŻżŹźŚśĆćŃńĘęĄąŠšŽžČčŘřĚěŮůŐőŰűĞğİıŞşȘșȚțĐđ',
  ...'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ',
  ...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  '\u00AD',
  'fi',
  'ffi',
  'AV',
  'To',
  'Yo',
];

/** A deterministic generator, so a failure names a word that reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function words(n: number, seed: number): string[] {
  const r = random(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = '';
    const len = 1 + Math.floor(r() * 10);
    for (let j = 0; j < len; j++) w += ALPHABET[Math.floor(r() * ALPHABET.length)];
    // pdfkit lays words out with their trailing space.
    out.push(r() < 0.5 ? w + ' ' : w);
  }
  return out;
}

interface Comparable {
  glyphs: Array<{ id: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
  advanceWidth: number;
}

function shape(r: Comparable) {
  return {
    glyphs: r.glyphs.map((g) => [g.id, ...g.codePoints]),
    positions: r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    advanceWidth: r.advanceWidth,
  };
}

const load = (file: string): Font => create(fs.readFileSync(path.join(FONTS_DIR, file))) as Font;

describe(PairLayout.name, () => {
  it.each(FILES)('lays out 6,000 random words in %s exactly as fontkit does', (file) => {
    const font = load(file);
    const pairs = new PairLayout(font);
    const mismatches: string[] = [];
    for (const w of words(6000, file.length)) {
      const ours = shape(pairs.layout(w));
      const theirs = shape(font.layout(w));
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push(JSON.stringify(w));
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('builds codes, names and kerned words without the layout engine once their pairs are known', () => {
    const font = load('LiberationSans-Regular.ttf');
    let engineCalls = 0;
    const counting = new Proxy(font, {
      get: (t, k, r) => (k === 'layout' ? (...a: unknown[]) => (engineCalls++, (t.layout as (...x: unknown[]) => unknown)(...a)) : Reflect.get(t, k, r)) as unknown,
    });
    const pairs = new PairLayout(counting);
    const samples = ['AVATAR ', 'Łukasz ', 'Σωκράτης ', 'Пётр ', '2J7K-9QXM-4TZ1 ', 'Tower'];
    for (const w of samples) pairs.layout(w);
    engineCalls = 0;
    for (const w of samples) expect(shape(pairs.layout(w))).toEqual(shape(font.layout(w) as unknown as Comparable));
    expect(engineCalls).toBe(0);
    // A kerned pair really moves the glyphs: AV is narrower than A and V side by side.
    const av = pairs.layout('AV');
    expect(av.advanceWidth).toBeLessThan(pairs.layout('A').advanceWidth + pairs.layout('V').advanceWidth);
  });

  it('hands to fontkit what it cannot build from pairs: mixed scripts and the soft hyphen', () => {
    const font = load('LiberationSans-Regular.ttf');
    const pairs = new PairLayout(font);
    for (const w of ['Aбв', 'co\u00ADop', 'αA', 'x\u0301']) expect(shape(pairs.layout(w))).toEqual(shape(font.layout(w) as unknown as Comparable));
  });
});
