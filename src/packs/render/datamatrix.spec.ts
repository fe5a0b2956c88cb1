import * as bwipjs from 'bwip-js';
import { generatePaperId } from 'src/packs/codes/paper-id';
import { dataMatrixCodewords, encodeDataMatrix } from 'src/packs/render/datamatrix';
import { matrixPng, readSymbols } from 'test/support/barcode-reader';

/** Encodes and reads back `text`, expecting one symbol of the encoder's size read without a single error. */
async function expectReadBack(text: string): Promise<void> {
  const m = encodeDataMatrix(text);
  const read = await readSymbols(matrixPng(m), 'DataMatrix');
  expect({ text, read }).toEqual({ text, read: [{ text, version: `${m.rows}x${m.cols}`, unusedErrorCorrection: 1 }] });
}

const LATCH_C40 = 230;
const UNLATCH = 254;

/** Digits, capitals and '/' as C40 values (ISO/IEC 16022 table 10), packed three to two codewords. */
function c40(s: string): number[] {
  const values = [...s].flatMap((ch) => (ch === '/' ? [1, 14] : ch <= '9' ? [ch.charCodeAt(0) - 44] : [ch.charCodeAt(0) - 51]));
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    const v = 1600 * values[i] + 40 * values[i + 1] + values[i + 2] + 1;
    out.push(v >> 8, v & 0xff);
  }
  return out;
}

const paperTexts = (id: string): string[] => [id, `${id}/2`, `${id}/3`, `${id}/12`];

describe(encodeDataMatrix.name, () => {
  it('gives the codewords of the standard worked example "123456" (digit pairs, 10×10)', () => {
    expect(dataMatrixCodewords('123456')).toEqual({ size: 10, data: [142, 164, 186], ecc: [114, 25, 5, 88, 102] });
  });

  describe('ends a C40 run as the standard allows, and ZXing reads each ending back', () => {
    const cases: { ending: string; text: string; size: number; data: number[] }[] = [
      { ending: 'last triplet fills the symbol: no unlatch', text: '1ABCDEFGHJKMNPQR', size: 16, data: [50, LATCH_C40, ...c40('ABCDEFGHJKMNPQR')] },
      // bwip-js puts this paper ID and page in an 18×18 symbol.
      { ending: 'a digit pair, then C40 with a shift up to the last codeword', text: '936306XJ1C3W6Q/2', size: 16, data: [223, LATCH_C40, ...c40('6306XJ1C3W6Q/2')] },
      { ending: 'one codeword left after the last triplet: unlatch', text: 'ABCDEFGHJKMNPQR', size: 16, data: [LATCH_C40, ...c40('ABCDEFGHJKMNPQR'), UNLATCH] },
      {
        ending: 'room left: unlatch, 129, then randomised pads',
        text: 'ABCDEFGHJKMNPQRSTV',
        size: 18,
        data: [LATCH_C40, ...c40('ABCDEFGHJKMNPQRSTV'), UNLATCH, 129, 237, 133, 28],
      },
      { ending: "one character and one codeword left: '/' in ASCII, unlatch implied", text: 'ABCDEFGHJKMNPQR/', size: 16, data: [LATCH_C40, ...c40('ABCDEFGHJKMNPQR'), 48] },
      {
        ending: 'ASCII digit pairs, C40, unlatch, then ASCII for the rest',
        text: '12345678ABCDEFGHJKMN/99',
        size: 18,
        data: [142, 164, 186, 208, LATCH_C40, ...c40('ABCDEFGHJKMN'), UNLATCH, 48, 229, 129, 28],
      },
    ];
    it.each(cases)('$ending', async ({ text, size, data }) => {
      expect(dataMatrixCodewords(text)).toMatchObject({ size, data });
      await expectReadBack(text);
    });
  });

  it('reaches every square symbol from 10×10 to 26×26 as the text grows, each read back exactly', async () => {
    // Digits (pairs and singles), capitals and '/' (a C40 shift) in one text, so the search
    // mixes ASCII and C40 runs; every length is decoded, not only the first of each size.
    const pattern = 'K7/Q29XZ4/B81MN';
    const sizes = new Set<number>();
    for (let length = 1; length <= 56; length++) {
      const text = pattern.repeat(4).slice(0, length);
      const m = encodeDataMatrix(text);
      expect(m.rows).toBe(m.cols);
      sizes.add(m.cols);
      await expectReadBack(text);
    }
    expect([...sizes]).toEqual([10, 12, 14, 16, 18, 20, 22, 24, 26]);
  });

  it('encodes any printable ASCII, lower case and punctuation included', async () => {
    const text = 'Ballot 2027 #7: yes/no? {a|b} ~`@[\\]^_';
    await expectReadBack(text);
  });

  it('prints paper IDs with their page numbers so that ZXing reads them back', async () => {
    for (let i = 0; i < 50; i++) {
      const text = paperTexts(generatePaperId())[i % 4];
      await expectReadBack(text);
    }
  });

  it('never needs a larger symbol than bwip-js for a paper ID and page', () => {
    // 2,000 random IDs, each in one of the four printed forms: bwip-js takes ~5 ms a code under
    // jest, so all four forms of each would make this one test last close to a minute.
    const larger: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const text = paperTexts(generatePaperId())[i % 4];
      const [theirs] = bwipjs.raw({ bcid: 'datamatrix', text } as bwipjs.RawOptions) as unknown as { pixx: number }[];
      if (encodeDataMatrix(text).cols > theirs.pixx) larger.push(text);
    }
    expect(larger).toEqual([]);
  });

  it('fills a 26×26 symbol to the last codeword and refuses one character more', () => {
    expect(encodeDataMatrix('A'.repeat(64)).cols).toBe(26);
    expect(encodeDataMatrix('9'.repeat(88)).cols).toBe(26);
    expect(() => encodeDataMatrix('A'.repeat(65))).toThrow(/too long: 65 characters need 45 codewords, a 26×26 symbol holds 44/);
    expect(() => encodeDataMatrix('9'.repeat(89))).toThrow(/too long/);
  });

  it('refuses characters outside printable ASCII, naming the position', () => {
    expect(() => encodeDataMatrix('ABC\n')).toThrow(/printable ASCII.*character 4 is U\+000A/);
    expect(() => encodeDataMatrix('Lefèvre')).toThrow(/character 4 is U\+00E8/);
  });
});
