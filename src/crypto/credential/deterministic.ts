// Deterministic credentials for the credential authority (DESIGN.md §5): a pack's credential is
// a pure function of a per-election secret seed and the pack serial, so a lost or reprinted pack
// can be regenerated without storing any private credential.
//
//   stream_k = HMAC-SHA256(seed, "hybrid-ballot/credential|" + uuid + "|" + serial + "|" + k)
//   for k = 0, 1, …, each byte b < 232 (= 4·58) yields the digit b mod 58, other bytes are
//   skipped (rejection sampling: unbiased); the first 22 digits form the credential.
//
// The uuid and serial bind a credential to one election and one pack; the seed must be at least
// 32 random bytes and is as secret as every credential it derives.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { BASE58_ALPHABET } from 'src/crypto/encoding/base58';
import { CryptoError } from 'src/crypto/errors';
import { CREDENTIAL_LENGTH, formatCredential } from 'src/crypto/credential/credential';

export const CREDENTIAL_DOMAIN = 'hybrid-ballot/credential|';

export function deriveCredentialFromSeed(seed: Uint8Array, uuid: string, serial: string): string {
  if (seed.length < 32) throw new CryptoError('invalid_argument', 'seed', 'the credential seed must be at least 32 bytes');
  if (serial.includes('|') || uuid.includes('|')) throw new CryptoError('invalid_argument', 'serial', "'|' is reserved as separator");
  let digits = '';
  for (let k = 0; digits.length < CREDENTIAL_LENGTH; k++) {
    const block = hmac(sha256, seed, utf8ToBytes(`${CREDENTIAL_DOMAIN}${uuid}|${serial}|${k}`));
    for (const b of block) {
      if (b < 232 && digits.length < CREDENTIAL_LENGTH) digits += BASE58_ALPHABET[b % 58];
    }
  }
  return formatCredential(digits);
}
