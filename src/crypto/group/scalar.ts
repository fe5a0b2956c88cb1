// Z_q scalars (specification "Basic types", Ed25519 group): base-10 strings, canonical, in [0, q).
import { CryptoError } from 'src/crypto/errors';

/** Order of the prime subgroup of Ed25519 (ℓ). */
export const Q = 2n ** 252n + 27742317777372353535851937790883648493n;

const DECIMAL = /^(0|[1-9][0-9]{0,76})$/;

export function mod(a: bigint, m: bigint = Q): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/**
 * Parse a Z_q string. Rejects signs, leading zeros, whitespace and values ≥ q: belenios-tool
 * reduces such values silently, which would let two spellings of one proof coexist.
 */
export function parseScalar(s: unknown, path: string): bigint {
  if (typeof s !== 'string') throw new CryptoError('invalid_scalar_encoding', path, 'expected a decimal string');
  if (!DECIMAL.test(s)) throw new CryptoError('invalid_scalar_encoding', path, `not a canonical decimal integer: ${s.slice(0, 80)}`);
  const v = BigInt(s);
  if (v >= Q) throw new CryptoError('scalar_out_of_range', path, 'scalar is not below q');
  return v;
}

export function serializeScalar(v: bigint): string {
  if (v < 0n || v >= Q) throw new CryptoError('scalar_out_of_range', '', 'scalar to serialize is not in [0, q)');
  return v.toString(10);
}

/** Uniform scalar in [0, q) from 512 random bits (bias < 2^-259). */
export function randomScalar(): bigint {
  const buf = new Uint8Array(64);
  crypto.getRandomValues(buf);
  let v = 0n;
  for (const b of buf) v = (v << 8n) | BigInt(b);
  return v % Q;
}

export function bytesToBigintBE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

export function modInverse(a: bigint, m: bigint = Q): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const t = r0 / r1;
    [r0, r1] = [r1, r0 - t * r1];
    [s0, s1] = [s1, s0 - t * s1];
  }
  if (r0 !== 1n) throw new CryptoError('invalid_argument', '', 'value is not invertible');
  return mod(s0, m);
}
