// Identity code on the return slip (DESIGN.md §5, §7): election, pack serial and a MAC, so the
// mail room rejects forged and mistyped codes without a member look-up (reliability-anchors B6).
//
//   symbols  0–3   election code      (4 Crockford symbols, assigned per election)
//            4–10  pack serial        (7 symbols, 0 ≤ serial < 32⁷ ≈ 3.4·10¹⁰)
//            11–23 MAC                (13 symbols = first 65 bits of HMAC-SHA256, ≥ 64 required)
//            24    Damm check symbol  (every single substitution and adjacent transposition)
//
// The barcode carries the 25 symbols; people see them in five groups of five.
import { createHmac } from 'node:crypto';
import { PackCodeError } from 'src/packs/codes/code-errors';
import { decodeInteger, encodeInteger, group, normalizeLenient, symbolsFromBits } from 'src/packs/codes/crockford';
import { dammCheckSymbol, dammValid } from 'src/packs/codes/damm32';

export const ELECTION_CODE_LENGTH = 4;
export const SERIAL_SYMBOLS = 7;
export const MAC_SYMBOLS = 13;
export const IDENTITY_CODE_LENGTH = ELECTION_CODE_LENGTH + SERIAL_SYMBOLS + MAC_SYMBOLS + 1;
export const MAX_PACK_SERIAL = 32 ** SERIAL_SYMBOLS - 1;
export const MIN_MAC_KEY_BYTES = 32;
const GROUP = 5;
// Domain separation: this key must never MAC anything that could be confused with an identity code.
const MAC_CONTEXT = 'hybrid-ballot/identity-code/v1\n';

export interface IdentityCodeFields {
  electionCode: string;
  packSerial: number;
}

/** Returns the MAC key of an election code, or undefined if no such election. */
export type MacKeyLookup = (electionCode: string) => Uint8Array | undefined;

function mac(key: Uint8Array, electionCode: string, serialSymbols: string): string {
  const digest = createHmac('sha256', key).update(MAC_CONTEXT + electionCode + serialSymbols).digest();
  return symbolsFromBits(digest, MAC_SYMBOLS);
}

function checkElectionCode(electionCode: string): void {
  if (normalizeLenient(electionCode) !== electionCode || electionCode.length !== ELECTION_CODE_LENGTH) {
    throw new RangeError(`election code must be ${ELECTION_CODE_LENGTH} Crockford base32 symbols in canonical form, got ${JSON.stringify(electionCode)}`);
  }
}

/** The 25-symbol identity code of one pack (what the barcode encodes). */
export function makeIdentityCode(fields: IdentityCodeFields, macKey: Uint8Array): string {
  checkElectionCode(fields.electionCode);
  if (!Number.isSafeInteger(fields.packSerial) || fields.packSerial < 0 || fields.packSerial > MAX_PACK_SERIAL) {
    throw new RangeError(`pack serial must be an integer in 0..${MAX_PACK_SERIAL}`);
  }
  if (macKey.length < MIN_MAC_KEY_BYTES) throw new RangeError(`MAC key must have at least ${MIN_MAC_KEY_BYTES} bytes`);
  const serial = encodeInteger(fields.packSerial, SERIAL_SYMBOLS);
  const body = fields.electionCode + serial + mac(macKey, fields.electionCode, serial);
  return body + dammCheckSymbol(body);
}

/** `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`, printed under the barcode. */
export function formatIdentityCode(code: string): string {
  return group(code, GROUP);
}

/**
 * Checks, in order: format, check symbol (typos), election known, MAC (forgeries). Throws a
 * PackCodeError naming the first failed check.
 */
export function parseIdentityCode(text: string, macKeyLookup: MacKeyLookup): IdentityCodeFields {
  const s = normalizeLenient(text);
  if (s === null || s.length !== IDENTITY_CODE_LENGTH) {
    throw new PackCodeError('identity_code', 'unknown_format', `An identity code has ${IDENTITY_CODE_LENGTH} letters and digits.`);
  }
  if (!dammValid(s)) throw new PackCodeError('identity_code', 'bad_check_characters', 'The identity code is mistyped (check character does not match).');
  const electionCode = s.slice(0, ELECTION_CODE_LENGTH);
  const serial = s.slice(ELECTION_CODE_LENGTH, ELECTION_CODE_LENGTH + SERIAL_SYMBOLS);
  const given = s.slice(ELECTION_CODE_LENGTH + SERIAL_SYMBOLS, IDENTITY_CODE_LENGTH - 1);
  const key = macKeyLookup(electionCode);
  if (!key) throw new PackCodeError('identity_code', 'unknown_election', `No election has the code ${electionCode}.`);
  if (!timingSafeEqualStrings(mac(key, electionCode, serial), given)) {
    throw new PackCodeError('identity_code', 'bad_mac', 'The identity code was not issued by this election (MAC does not match).');
  }
  return { electionCode, packSerial: decodeInteger(serial) };
}

function timingSafeEqualStrings(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
