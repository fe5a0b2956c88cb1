// Crockford base32 (https://www.crockford.com/base32.html): 32 symbols, no I, L, O, U, so a code
// read aloud or typed from paper has no look-alike pairs. 32 is a power of two, so 5 random bits
// map to one symbol with no modulo bias.
import { randomBytes } from 'node:crypto';

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BITS_PER_SYMBOL = 5;

const VALUE = new Map<string, number>();
for (let i = 0; i < ALPHABET.length; i++) VALUE.set(ALPHABET[i], i);

/** A source of cryptographically random bytes; tests may pass a deterministic one. */
export type RandomSource = (n: number) => Uint8Array;
export const secureRandom: RandomSource = (n) => randomBytes(n);

/** `count` symbols, each from 5 fresh random bits (no modulo, so every symbol has probability 1/32). */
export function randomSymbols(count: number, random: RandomSource = secureRandom): string {
  const bytes = random(Math.ceil((count * BITS_PER_SYMBOL) / 8));
  return symbolsFromBits(bytes, count);
}

/** The first `count` × 5 bits of `bytes`, most significant first, as symbols. */
export function symbolsFromBits(bytes: Uint8Array, count: number): string {
  if (bytes.length * 8 < count * BITS_PER_SYMBOL) throw new RangeError('not enough bits');
  let out = '';
  for (let i = 0; i < count; i++) {
    const bit = i * BITS_PER_SYMBOL;
    const byte = bit >> 3;
    const word = (bytes[byte] << 8) | (bytes[byte + 1] ?? 0);
    out += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return out;
}

export function symbolValue(symbol: string): number {
  const v = VALUE.get(symbol);
  if (v === undefined) throw new RangeError(`not a Crockford base32 symbol: ${JSON.stringify(symbol)}`);
  return v;
}

/** A non-negative integer below 32^width as exactly `width` symbols. */
export function encodeInteger(n: number, width: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 32 ** width) throw new RangeError(`${n} does not fit in ${width} symbols`);
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

export function decodeInteger(symbols: string): number {
  let n = 0;
  for (const s of symbols) n = n * 32 + symbolValue(s);
  return n;
}

/**
 * What a person typed or a scanner sent, made canonical: upper case, spaces and dashes dropped,
 * and Crockford's substitutions O→0, I/L→1 applied. Returns null if any other character remains.
 */
export function normalizeLenient(text: string): string | null {
  const s = text
    .toUpperCase()
    .replace(/[\s\-‐-―]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  for (const c of s) if (!VALUE.has(c)) return null;
  return s;
}

/** `ABCDEFGH` → `ABCD-EFGH`: groups for reading aloud. */
export function group(symbols: string, size: number): string {
  const parts: string[] = [];
  for (let i = 0; i < symbols.length; i += size) parts.push(symbols.slice(i, i + size));
  return parts.join('-');
}
