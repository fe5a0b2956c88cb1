import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { compactBase64 } from 'src/crypto/encoding/base64';

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8ToBytes(data) : data;
}

export function sha256Bytes(data: string | Uint8Array): Uint8Array {
  return sha256(toBytes(data));
}

/** Lowercase hex SHA-256: archive file names, setup_data and event hashes. */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(toBytes(data)));
}

/** Compact Base64 SHA-256: fingerprints, ballot signature hashes, trackers. */
export function sha256B64(data: string | Uint8Array): string {
  return compactBase64(sha256(toBytes(data)));
}
