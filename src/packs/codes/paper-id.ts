// Paper ID: printed on the ballot paper only, never linked to the member (DESIGN.md §5, §11).
// 13 random symbols = 65 bits (reliability-anchors "Paper ID": ≥ 64 bits) and a Damm check
// symbol so a keyed-in paper ID with one typo is refused before any look-up.
import { PackCodeError } from 'src/packs/codes/code-errors';
import { group, normalizeLenient, randomSymbols, secureRandom, type RandomSource } from 'src/packs/codes/crockford';
import { dammCheckSymbol, dammValid } from 'src/packs/codes/damm32';

export const PAPER_ID_RANDOM_SYMBOLS = 13;
export const PAPER_ID_LENGTH = PAPER_ID_RANDOM_SYMBOLS + 1;
const GROUP = 7;

/** A fresh paper ID in canonical form (14 symbols, the last a check symbol). */
export function generatePaperId(random: RandomSource = secureRandom): string {
  const body = randomSymbols(PAPER_ID_RANDOM_SYMBOLS, random);
  return body + dammCheckSymbol(body);
}

/** `XXXXXXX-XXXXXXX` under the barcode. */
export function formatPaperId(paperId: string): string {
  return group(parsePaperId(paperId), GROUP);
}

export function parsePaperId(text: string): string {
  const s = normalizeLenient(text);
  if (s === null || s.length !== PAPER_ID_LENGTH) {
    throw new PackCodeError('paper_id', 'unknown_format', `A paper ID has ${PAPER_ID_LENGTH} letters and digits.`);
  }
  if (!dammValid(s)) throw new PackCodeError('paper_id', 'bad_check_characters', 'The paper ID is mistyped (check character does not match).');
  return s;
}
