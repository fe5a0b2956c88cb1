// Validation of what the pack service hands the renderer, before anything is drawn
// (CONVENTIONS habit 14). Everything here comes from the roll or the code generators, but a bad
// value must stop the batch with the pack named, never print a wrong pack.
import { IDENTITY_CODE_LENGTH, PackCodeError, parsePaperId, parseVotingId } from 'src/packs/codes';
import { normalizeLenient } from 'src/packs/codes/crockford';
import { dammValid } from 'src/packs/codes/damm32';
import { printableChar } from 'src/packs/render/fonts';
import { LETTER } from 'src/packs/render/layout';

export interface PackPrintInput {
  packSerial: number;
  memberName: string;
  /** Postal address lines under the name (street, town, country…), at most LETTER.addressMaxLines - 1. */
  addressLines: string[];
  votingId: string;
  /** Belenios private credential: 22 base58 characters. */
  credential: string;
  /** The 25-symbol identity code from makeIdentityCode (no dashes). */
  identityCode: string;
  /** The ballot paper's ID from generatePaperId. Not linked to the member anywhere but this PDF. */
  paperId: string;
}

export class PackInputError extends Error {
  override name = 'PackInputError';
  constructor(
    readonly packSerial: number | undefined,
    readonly field: string,
    message: string,
  ) {
    super(`pack ${packSerial ?? '?'}: ${field}: ${message}`);
  }
}

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{22}$/;
const MAX_TEXT = 100;

/** Replaces typographic spaces Intl likes (U+202F, U+2009) with ones the fonts have. */
export function printableSpaces(s: string): string {
  return s.replace(/[\u2000-\u200A\u202F\u205F]/g, ' ');
}

/** The distinct characters of `s` the pack fonts cannot print (fonts.ts says which and why). */
export function unprintable(s: string): string[] {
  return [...new Set([...s].filter((c) => !printableChar(c)))];
}

/** "王" (U+738B), or the code point alone for characters that show nothing. */
export function describeChars(chars: string[]): string {
  return chars.map((c) => `${/[\p{C}\p{M}\p{Z}]/u.test(c) ? '' : `"${c}" `}(U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
}

function printableText(p: Partial<PackPrintInput>, field: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new PackInputError(p.packSerial, field, 'is empty');
  // NFC: a name typed as "e" + combining accent prints as the precomposed "é" the fonts have.
  const text = value.normalize('NFC').trim();
  if (text.length > MAX_TEXT) throw new PackInputError(p.packSerial, field, `is longer than ${MAX_TEXT} characters`);
  const bad = unprintable(text);
  if (bad.length) throw new PackInputError(p.packSerial, field, `has characters the pack fonts cannot print: ${describeChars(bad)} (the fonts cover Latin, Greek and Cyrillic)`);
  return text;
}

/** Canonical, validated copy of one pack's inputs. */
export function validatePackInput(p: PackPrintInput): PackPrintInput {
  if (!Number.isSafeInteger(p.packSerial) || p.packSerial < 0) throw new PackInputError(p.packSerial, 'packSerial', 'must be a non-negative integer');
  const memberName = printableText(p, 'memberName', p.memberName);
  if (!Array.isArray(p.addressLines) || p.addressLines.length < 1 || p.addressLines.length > LETTER.addressMaxLines - 1) {
    throw new PackInputError(p.packSerial, 'addressLines', `must have 1 to ${LETTER.addressMaxLines - 1} lines (the window holds ${LETTER.addressMaxLines} with the name)`);
  }
  const addressLines = p.addressLines.map((l, i) => printableText(p, `addressLines[${i}]`, l));
  const code = (field: string, fn: () => string): string => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PackCodeError) throw new PackInputError(p.packSerial, field, e.message);
      throw e;
    }
  };
  const votingId = code('votingId', () => parseVotingId(String(p.votingId)));
  const paperId = code('paperId', () => parsePaperId(String(p.paperId)));
  if (typeof p.credential !== 'string' || !BASE58.test(p.credential)) throw new PackInputError(p.packSerial, 'credential', 'must be 22 base58 characters');
  const identityCode = normalizeLenient(String(p.identityCode));
  if (identityCode === null || identityCode.length !== IDENTITY_CODE_LENGTH || !dammValid(identityCode)) {
    throw new PackInputError(p.packSerial, 'identityCode', `must be a ${IDENTITY_CODE_LENGTH}-symbol identity code with a valid check symbol`);
  }
  return { packSerial: p.packSerial, memberName, addressLines, votingId, credential: p.credential, identityCode, paperId };
}
