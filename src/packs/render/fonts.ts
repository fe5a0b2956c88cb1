// The pack fonts, embedded in every PDF (assets/fonts/, licence in assets/fonts/README.md).
//
// pdfkit's standard 14 fonts print Windows-1252 only, so a member named Łukasz Żółć, Dvořák,
// Σωκράτης or Пётр could not get a pack. Liberation Sans and Liberation Mono 2.1 (SIL OFL 1.1)
// cover Latin with its extensions (Vietnamese included), Greek (polytonic too) and Cyrillic, and
// are metric-compatible with Helvetica/Arial and Courier: every text keeps the width it had with
// the standard fonts, so a template that fitted still fits and no line break moves. (DejaVu covers
// more scripts but is wider; Noto CJK alone would be ~16 MB per weight.)
//
// pdfkit parses a registered font once per document and, at doc.end(), embeds one subset holding
// only the glyphs that document used: a 1,000-pack batch carries each font once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { create, type Font } from 'fontkit';
import { type Doc } from 'src/packs/render/draw';
import { PairLayout } from 'src/packs/render/pair-layout';

/** Names the part functions use in their styles; registered on every document by registerPackFonts. */
export const FONT = {
  regular: 'PackSans',
  bold: 'PackSans-Bold',
  italic: 'PackSans-Italic',
  /** Codes the member types (Voting ID, credential, identity code). */
  mono: 'PackMono-Bold',
  /** Small printed codes under barcodes. */
  monoLight: 'PackMono',
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES: Record<FontName, string> = {
  PackSans: 'LiberationSans-Regular.ttf',
  'PackSans-Bold': 'LiberationSans-Bold.ttf',
  'PackSans-Italic': 'LiberationSans-Italic.ttf',
  'PackMono-Bold': 'LiberationMono-Bold.ttf',
  PackMono: 'LiberationMono-Regular.ttf',
};

// The repository's assets/fonts/, from src/packs/render or dist/src/packs/render.
export const FONTS_DIR = [path.resolve(__dirname, '../../../assets/fonts'), path.resolve(__dirname, '../../../../assets/fonts')].find((d) =>
  fs.existsSync(path.join(d, FILES.PackSans)),
) ?? path.resolve('assets/fonts');

let loaded: ReadonlyMap<FontName, Font> | undefined;

// Read and parsed once per process (≈ 1.9 MB); a missing file stops the first render with its path.
function fonts(): ReadonlyMap<FontName, Font> {
  if (!loaded) {
    const m = new Map<FontName, Font>();
    for (const [name, file] of Object.entries(FILES) as Array<[FontName, string]>) {
      const full = path.join(FONTS_DIR, file);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(full);
      } catch {
        throw new Error(`pack font ${name}: cannot read ${full}`);
      }
      const font = create(bytes);
      if (!('characterSet' in font)) throw new Error(`pack font ${name}: ${full} is a font collection, not one font`);
      m.set(name, withPairLayout(font));
    }
    loaded = m;
  }
  return loaded;
}

// The parsed font with its `layout` answered from cached characters and pairs (pair-layout.ts);
// every other property and method is the font's own.
function withPairLayout(font: Font): Font {
  const pairs = new PairLayout(font);
  const layout = pairs.layout.bind(pairs);
  return new Proxy(font, { get: (target, key, receiver) => (key === 'layout' ? layout : Reflect.get(target, key, receiver)) as unknown });
}

// pdfkit also takes an already parsed fontkit font (PDFFontFactory.open accepts anything with a
// `layout` method) though its type definitions list only paths and bytes. Sharing the parsed font
// saves parsing five fonts and warming their tables for every PDF (≈ 150 ms each: a reissue or a
// preview is one PDF of one pack). Each document still makes its own subset, so output is the same.
interface RegistersParsedFonts {
  registerFont(name: string, src: Font): unknown;
}

export function registerPackFonts(doc: Doc): void {
  for (const [name, font] of fonts()) (doc as unknown as RegistersParsedFonts).registerFont(name, font);
}

// pdfkit lays text out left to right and has no bidirectional reordering: Hebrew (which Liberation
// has) would print backwards, so right-to-left scripts are refused even where a glyph exists.
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
// Controls, format characters (bidi overrides included), private use and unassigned code points
// print nothing or something misleading; the soft hyphen is kept (a template's hyphenation hint,
// and Windows-1252 had it). Combining marks left after NFC have no precomposed glyph, and these
// fonts have no mark-positioning feature to place them.
const NOT_TEXT = /[\p{C}\p{M}]/u;
const SOFT_HYPHEN = '\u00AD';

const printable = new Map<number, boolean>();

/** Whether every pack font has a glyph for `char` (one code point) and it can be laid out. */
export function printableChar(char: string): boolean {
  const cp = char.codePointAt(0)!;
  let ok = printable.get(cp);
  if (ok === undefined) {
    ok = char === SOFT_HYPHEN || !NOT_TEXT.test(char);
    ok &&= !RIGHT_TO_LEFT.test(char);
    for (const f of fonts().values()) ok &&= f.hasGlyphForCodePoint(cp);
    // Every pack's codes and name pass through here: remember the answer per code point.
    printable.set(cp, ok);
  }
  return ok;
}

/**
 * How far below the top of a text line the middle of a capital letter is, in em: pdfkit places the
 * line's top at the font's ascent, so this is ascent − capHeight / 2 (0.359 for Helvetica).
 */
export function capMiddleEm(name: FontName): number {
  const f = fonts().get(name)!;
  return (f.ascent - f.capHeight / 2) / f.unitsPerEm;
}
