// Base58 alphabet used by Belenios for uuids, credentials and PKI seeds (specification
// "Basic types": no 0, O, I, l).
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const INDEX = new Map<string, number>([...BASE58_ALPHABET].map((c, i) => [c, i]));

export function base58Value(c: string): number | undefined {
  return INDEX.get(c);
}

export function isBase58(s: string): boolean {
  for (const c of s) if (!INDEX.has(c)) return false;
  return true;
}

/**
 * `count` uniformly random base58 digits. Rejection sampling on bytes (< 232 = 4·58) keeps the
 * distribution unbiased.
 */
export function randomBase58(count: number, random: (n: number) => Uint8Array = secureRandomBytes): string {
  let out = '';
  while (out.length < count) {
    for (const b of random(count * 2)) {
      if (b < 232 && out.length < count) out += BASE58_ALPHABET[b % 58];
    }
  }
  return out;
}

export function secureRandomBytes(n: number): Uint8Array {
  const buf = new Uint8Array(n);
  crypto.getRandomValues(buf);
  return buf;
}
