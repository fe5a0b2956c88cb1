import * as bwipjs from 'bwip-js';
import { makeIdentityCode, MAX_PACK_SERIAL } from 'src/packs/codes';
import { code128Pattern, code128Widths, CODE_B, CODE_C, START_B, START_C, STOP } from 'src/packs/render/code128';
import { barsPng, readBarcodeTexts } from 'test/support/barcode-reader';
import { Rng } from 'test/support/scan-corpus/prng';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const digits = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => String((from + i) % 10)).join('');
const PUNCTUATION = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** What the pack renderer drew from before: bwip-js' Code 128 (BWIPP). */
function bwipWidths(text: string): number[] {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text } as bwipjs.RawOptions) as Array<{ sbs: number[] }>;
  return symbol.sbs;
}

/** The symbol values of a bar/space sequence, read back through the pattern table. */
function symbolValues(widths: readonly number[]): number[] {
  const byPattern = new Map(Array.from({ length: 107 }, (_, v) => [code128Pattern(v).join(''), v]));
  const values: number[] = [];
  for (let i = 0; i < widths.length; i += 6) {
    const v = byPattern.get(widths.slice(i, i === widths.length - 7 ? i + 7 : i + 6).join(''));
    if (v === undefined) throw new Error(`no symbol at width ${i}`);
    values.push(v);
    if (v === STOP) break;
  }
  return values;
}

function identityCodes(n: number): string[] {
  const rng = new Rng(128);
  const key = new Uint8Array(32).fill(1);
  return Array.from({ length: n }, () => makeIdentityCode({ electionCode: 'EK01', packSerial: rng.int(MAX_PACK_SERIAL + 1) }, key));
}

/** Every text of up to `maxLength` characters made of letters and digits, so every arrangement of digit runs. */
function digitLetterPatterns(maxLength: number): string[] {
  const texts: string[] = [];
  for (let n = 1; n <= maxLength; n++) {
    for (let mask = 0; mask < 1 << n; mask++) {
      texts.push(Array.from({ length: n }, (_, i) => ((mask >> i) & 1 ? String((3 * i + 1) % 10) : 'K')).join(''));
    }
  }
  return texts;
}

function runTexts(): string[] {
  const texts: string[] = [];
  for (let n = 1; n <= 30; n++) texts.push(digits(n));
  for (let n = 1; n <= 8; n++) texts.push(digits(n) + 'AB', 'AB' + digits(n), 'AB' + digits(n, 5) + 'CD', 'X' + digits(n) + '-' + digits(n, 7) + 'y');
  return texts;
}

function printableTexts(n: number): string[] {
  const rng = new Rng(4);
  const texts = [PUNCTUATION, ...Array.from(PUNCTUATION)];
  for (let k = 0; k < n; k++) {
    texts.push(Array.from({ length: 1 + rng.int(20) }, () => (rng.chance(0.5) ? String(rng.int(10)) : String.fromCharCode(32 + rng.int(95)))).join(''));
  }
  return texts;
}

describe('Code 128 patterns', () => {
  const values = Array.from({ length: 107 }, (_, v) => v);

  it('gives every symbol character 3 bars and 3 spaces over 11 modules, with an even number of bar modules', () => {
    for (const v of values.filter((v) => v !== STOP)) {
      const p = code128Pattern(v);
      expect({ v, elements: p.length, modules: sum(p), barModules: sum(p.filter((_, i) => i % 2 === 0)) % 2 }).toEqual({ v, elements: 6, modules: 11, barModules: 0 });
    }
  });

  it('ends with the 13-module stop pattern and its final bar', () => {
    expect(code128Pattern(STOP)).toEqual([2, 3, 3, 1, 1, 1, 2]);
  });

  it('has 107 distinct patterns, so each one reads back as a single value', () => {
    expect(new Set(values.map((v) => code128Pattern(v).join(''))).size).toBe(107);
  });
});

describe(code128Widths.name, () => {
  it('is never longer than bwip-js and gives the very same bars, so reprinted slips do not change', () => {
    const texts = [...identityCodes(2000), ...runTexts(), ...digitLetterPatterns(10), ...printableTexts(500)];
    const longer: string[] = [];
    const differing: string[] = [];
    for (const text of texts) {
      const ours = code128Widths(text);
      const theirs = bwipWidths(text);
      if (sum(ours) > sum(theirs)) longer.push(text);
      else if (ours.join() !== theirs.join()) differing.push(text);
    }
    expect(texts.length).toBeGreaterThan(4500);
    expect(longer).toEqual([]);
    expect(differing).toEqual([]);
  });

  it('ends with the modulo-103 check character of the start and data values', () => {
    for (const text of ['A', '12', 'EK01ABC12345', '12345A!x~', ...identityCodes(20)]) {
      const v = symbolValues(code128Widths(text));
      const data = v.slice(0, -2);
      expect({ text, check: v[v.length - 2] }).toEqual({ text, check: (data[0] + sum(data.slice(1).map((x, k) => (k + 1) * x))) % 103 });
    }
  });

  it('spends the fewest symbols: digit pairs in set C where they pay for the switch, short runs in set B', () => {
    const shape = (text: string): number => symbolValues(code128Widths(text)).length;
    // start + data + check + stop
    expect(shape('1234')).toBe(2 + 2 + 1);
    expect(shape('12')).toBe(1 + 1 + 2);
    expect(shape('AB12')).toBe(1 + 4 + 2);
    expect(shape('AB123456CD')).toBe(1 + (2 + 1 + 3 + 1 + 2) + 2);
    expect(symbolValues(code128Widths('A12345B')).slice(0, 4)).toEqual([START_B, 'A'.charCodeAt(0) - 32, '1'.charCodeAt(0) - 32, CODE_C]);
  });

  it('reads back with ZXing for every kind of code-set switch', async () => {
    const texts = [
      ...['1', '12', '123', '1234', '12345', '123456', '1234567', digits(30), digits(31)],
      ...['A', 'AB12', 'AB123', 'AB1234', 'AB12345', '12AB', '123AB', '1234AB', '12345AB'],
      ...['A1234B', 'A12345B', 'A123456B', 'A1234567B', '1234A5678', '1234A56789B0123', 'x99y0000z12345'],
      ...[PUNCTUATION, ' leading and trailing ', '~', '\\', 'EK01-0000042-ZZ', 'a1b22c333d4444e55555f666666'],
      ...identityCodes(70),
    ];
    const values = texts.flatMap((t) => symbolValues(code128Widths(t)));
    for (const v of [START_B, START_C, CODE_C, CODE_B]) expect(values).toContain(v);
    const misread: Array<{ text: string; read: string[] }> = [];
    for (const text of texts) {
      const read = await readBarcodeTexts(barsPng(code128Widths(text)), 'Code128');
      if (read.join() !== text) misread.push({ text, read });
    }
    expect(misread).toEqual([]);
  });

  it.each([
    ['an empty text', '', /empty/],
    ['a letter beyond ASCII', 'Lefèvre', /character 4 \(U\+00E8\)/],
    ['a newline', 'AB\nCD', /character 3 \(U\+000A\)/],
    ['a tab', '\t', /U\+0009/],
    ['DEL', 'A\x7f', /U\+007F/],
    ['an emoji', 'ok👍', /character 3/],
  ])('refuses %s', (_, text, message) => {
    expect(() => code128Widths(text)).toThrow(message);
  });
});
