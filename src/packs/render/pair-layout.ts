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
const CP_SPAN = 0x200000; // > every code point, so (script, code point) keys are exact integers

export class PairLayout {
  private readonly scriptOf = new Map<number, number>();
  private readonly chars = new Map<number, SimpleChar | null>();
  private readonly kerning = new Map<number, number | null>();

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
    if (script === OTHER_SCRIPT) return null;
    const glyphs: Glyph[] = [];
    const positions: GlyphPosition[] = [];
    let previous = -1;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const c = this.char(script, cp);
      if (c === NOT_SIMPLE) return null;
      if (previous >= 0) {
        const kern = this.pair(script, previous, cp);
        if (kern === NOT_SIMPLE) return null;
        positions[positions.length - 1].xAdvance += kern;
      }
      glyphs.push(c.glyph);
      positions.push(position(c.advance));
      previous = cp;
    }
    return glyphs.length ? run(glyphs, positions) : null;
  }

  /** 1 + index in SCRIPTS of the word's script, NO_SCRIPT if all Common, OTHER_SCRIPT if neither. */
  private wordScript(text: string): number {
    let word = NO_SCRIPT;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let s = this.scriptOf.get(cp);
      if (s === undefined) {
        s = COMMON.test(ch) ? NO_SCRIPT : SCRIPTS.findIndex(([, re]) => re.test(ch)) + 1 || OTHER_SCRIPT;
        this.scriptOf.set(cp, s);
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
    const key = script * CP_SPAN + cp;
    let c = this.chars.get(key);
    if (c === undefined) {
      const r = this.layoutIn(script, String.fromCodePoint(cp));
      const g = r.glyphs[0];
      const p = r.positions[0];
      const simple = r.glyphs.length === 1 && g.id !== 0 && g.codePoints.length === 1 && g.codePoints[0] === cp && plain(p) && p.xAdvance === g.advanceWidth;
      c = simple ? { glyph: g, advance: p.xAdvance } : NOT_SIMPLE;
      this.chars.set(key, c);
    }
    return c;
  }

  /** The change to the first character's advance when `b` follows `a`, or null if the pair is not plain. */
  private pair(script: number, a: number, b: number): number | null {
    const key = (script * CP_SPAN + a) * CP_SPAN + b;
    let k = this.kerning.get(key);
    if (k === undefined) {
      const first = this.chars.get(script * CP_SPAN + a)!;
      const second = this.chars.get(script * CP_SPAN + b)!;
      const r = this.layoutIn(script, String.fromCodePoint(a, b));
      const same = r.glyphs.length === 2 && r.glyphs[0].id === first.glyph.id && r.glyphs[1].id === second.glyph.id;
      k = same && plain(r.positions[0]) && plain(r.positions[1]) && r.positions[1].xAdvance === second.advance ? r.positions[0].xAdvance - first.advance : NOT_SIMPLE;
      this.kerning.set(key, k);
    }
    return k;
  }
}
