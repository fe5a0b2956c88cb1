// A faster `layout` for the pack fonts, same result as fontkit's.
//
// pdfkit lays out every word it has not seen in the current PDF with fontkit's full OpenType
// engine: ~30 µs for a code in Liberation Mono, ~70 µs for a word in Liberation Sans. A pack has
// about fifteen words no other pack has (its codes, its member's name and address), so this was
// ~15 % of a pack's render time. For these fonts and the scripts we accept (Latin, Greek,
// Cyrillic, no combining marks, no right-to-left: fonts.ts), what the engine does to a word comes
// down to one glyph per character and a kerning adjustment between neighbours. So each character
// and each neighbouring pair is laid out by fontkit once per process, and a word is put together
// from those. Anything else the engine does — a character that does not map to its own glyph at
// its own advance (composition), a pair that is not the same two glyphs (ligature), a vertical or
// offset adjustment — marks that character or pair "not simple", and a word containing it is
// laid out by fontkit as before. A unit test compares both layouts over many random words in
// every pack font.
import { type Font, type Glyph, type GlyphPosition } from 'fontkit';

interface SimpleChar {
  glyph: Glyph;
  advance: number;
  /** Kerning after this character, by the next code point; null when that pair is not plain. */
  next: Map<number, number | null>;
}

/** What pdfkit reads of a glyph run: it scales `positions` in place, then reads `advanceWidth`. */
interface Run {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  readonly advanceWidth: number;
}

const NOT_SIMPLE = null;

function run(glyphs: Glyph[], positions: GlyphPosition[]): Run {
  return {
    glyphs,
    positions,
    get advanceWidth() {
      let w = 0;
      for (const p of positions) w += p.xAdvance;
      return w;
    },
  };
}

const position = (xAdvance: number): GlyphPosition => ({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 });

function plain(p: GlyphPosition): boolean {
  return p.yAdvance === 0 && p.xOffset === 0 && p.yOffset === 0;
}

// fontkit picks the OpenType script of a whole string from its first character that is not of the
// Common or Inherited script, and every feature lookup depends on it. Characters and pairs are
// therefore cached per script, and laid out with the script the whole word would get. A word
// mixing two of these scripts, or with a character of any other, goes to fontkit.
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['latn', /\p{Script=Latin}/u],
  ['grek', /\p{Script=Greek}/u],
  ['cyrl', /\p{Script=Cyrillic}/u],
];
const COMMON = /\p{Script=Common}/u;
const NO_SCRIPT = 0;
const OTHER_SCRIPT = -1;
const UNKNOWN = -2;

export class PairLayout {
  // Script of each BMP code point once seen (UNKNOWN until then); other planes go to fontkit.
  private readonly scriptOf = new Int8Array(0x10000).fill(UNKNOWN);
  // Per script (NO_SCRIPT, then SCRIPTS in order): each character once laid out, or null.
  private readonly chars = Array.from({ length: SCRIPTS.length + 1 }, () => new Map<number, SimpleChar | null>());

  constructor(private readonly font: Font) {}

  /** fontkit's `layout`, from cached characters and pairs when the word allows it. */
  layout(text: string, features?: unknown): Run {
    if (features === undefined) {
      const fast = this.fromPairs(text);
      if (fast) return fast;
    }
    return (this.font.layout as (t: string, f?: unknown) => Run)(text, features);
  }

  private fromPairs(text: string): Run | null {
    const script = this.wordScript(text);
    if (script === OTHER_SCRIPT || text.length === 0) return null;
    const chars = this.chars[script];
    const glyphs: Glyph[] = new Array<Glyph>(text.length);
    const positions: GlyphPosition[] = new Array<GlyphPosition>(text.length);
    let previous: SimpleChar | null = null;
    for (let i = 0; i < text.length; i++) {
      // wordScript let only BMP code points through: one UTF-16 unit each.
      const cp = text.charCodeAt(i);
      const c = chars.get(cp) ?? this.char(script, cp);
      if (c === NOT_SIMPLE) return null;
      if (previous !== null) {
        const kern = previous.next.get(cp) ?? this.pair(script, previous, c);
        if (kern === NOT_SIMPLE) return null;
        positions[i - 1].xAdvance += kern;
      }
      glyphs[i] = c.glyph;
      positions[i] = position(c.advance);
      previous = c;
    }
    return run(glyphs, positions);
  }

  /** 1 + index in SCRIPTS of the word's script, NO_SCRIPT if all Common, OTHER_SCRIPT if neither. */
  private wordScript(text: string): number {
    let word = NO_SCRIPT;
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      let s = this.scriptOf[cp];
      if (s === UNKNOWN) {
        const ch = String.fromCharCode(cp);
        // Surrogates (other planes) and scripts not listed: fontkit decides.
        s = cp >= 0xd800 && cp <= 0xdfff ? OTHER_SCRIPT : COMMON.test(ch) ? NO_SCRIPT : SCRIPTS.findIndex(([, re]) => re.test(ch)) + 1 || OTHER_SCRIPT;
        this.scriptOf[cp] = s;
      }
      if (s === OTHER_SCRIPT) return OTHER_SCRIPT;
      if (s === NO_SCRIPT) continue;
      if (word === NO_SCRIPT) word = s;
      else if (word !== s) return OTHER_SCRIPT;
    }
    return word;
  }

  private layoutIn(script: number, text: string): Run {
    const layout = this.font.layout as (t: string, f?: unknown, script?: string) => Run;
    return script === NO_SCRIPT ? layout.call(this.font, text) : layout.call(this.font, text, undefined, SCRIPTS[script - 1][0]);
  }

  private char(script: number, cp: number): SimpleChar | null {
    const r = this.layoutIn(script, String.fromCharCode(cp));
    const g = r.glyphs[0];
    const p = r.positions[0];
    const simple = r.glyphs.length === 1 && g.id !== 0 && g.codePoints.length === 1 && g.codePoints[0] === cp && plain(p) && p.xAdvance === g.advanceWidth;
    const c = simple ? { glyph: g, advance: p.xAdvance, next: new Map<number, number | null>() } : NOT_SIMPLE;
    this.chars[script].set(cp, c);
    return c;
  }

  /** The change to the first character's advance when `b` follows `a`, or null if the pair is not plain. */
  private pair(script: number, a: SimpleChar, b: SimpleChar): number | null {
    const r = this.layoutIn(script, String.fromCharCode(a.glyph.codePoints[0], b.glyph.codePoints[0]));
    const same = r.glyphs.length === 2 && r.glyphs[0].id === a.glyph.id && r.glyphs[1].id === b.glyph.id;
    const k = same && plain(r.positions[0]) && plain(r.positions[1]) && r.positions[1].xAdvance === b.advance ? r.positions[0].xAdvance - a.advance : NOT_SIMPLE;
    a.next.set(b.glyph.codePoints[0], k);
    return k;
  }
}
