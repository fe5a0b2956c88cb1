// Election uuids (specification "Basic types"): Base58, at least 14 characters.
import { isBase58, randomBase58 } from 'src/crypto/encoding/base58';
import { CryptoError } from 'src/crypto/errors';

export function parseUuid(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length < 14 || v.length > 64 || !isBase58(v)) {
    throw new CryptoError('invalid_uuid', path, 'a uuid is 14 or more Base58 characters');
  }
  return v;
}

/** A fresh uuid, 14 Base58 characters as belenios-tool generates. */
export function generateUuid(): string {
  return randomBase58(14);
}
