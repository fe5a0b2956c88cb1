// The .bel container (specification "Public data"; belenios-protocol.md §7): an old-style (v7)
// tar exactly as Belenios' own writer lays it out — belenios-tool regenerates the archive and
// demands byte identity. Header: name (NUL-terminated) at 0, mode "0000644\0", uid and gid
// "0000000\0", size and mtime as 11 octal digits + NUL, checksum "%06o\0 ", typeflag '0',
// every other byte zero (no "ustar" magic); bodies NUL-padded to 512; no end-of-archive blocks.
import { CryptoError } from 'src/crypto/errors';

export const BLOCK = 512;

export interface TarEntry {
  name: string;
  /** View into the archive bytes (no copy). */
  body: Uint8Array;
  mtime: number;
  /** Offset of the header in the archive. */
  offset: number;
}

function putAscii(buf: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length; i++) buf[at + i] = s.charCodeAt(i);
}

function octal(n: number, digits: number): string {
  return n.toString(8).padStart(digits, '0');
}

export function tarHeader(name: string, size: number, mtime: number): Uint8Array {
  if (name.length > 99 || !/^[\x21-\x7e]+$/.test(name)) throw new CryptoError('invalid_archive', name, 'entry name not representable');
  const h = new Uint8Array(BLOCK);
  putAscii(h, 0, name);
  putAscii(h, 100, '0000644\0');
  putAscii(h, 108, '0000000\0');
  putAscii(h, 116, '0000000\0');
  putAscii(h, 124, octal(size, 11) + '\0');
  putAscii(h, 136, octal(mtime, 11) + '\0');
  putAscii(h, 148, '        ');
  h[156] = 0x30; // '0'
  let sum = 0;
  for (const b of h) sum += b;
  putAscii(h, 148, octal(sum, 6) + '\0 ');
  return h;
}

export function tarEntryBytes(name: string, body: Uint8Array, mtime: number): Uint8Array {
  const padded = Math.ceil(body.length / BLOCK) * BLOCK;
  const out = new Uint8Array(BLOCK + padded);
  out.set(tarHeader(name, body.length, mtime), 0);
  out.set(body, BLOCK);
  return out;
}

export function concatEntries(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function readOctal(h: Uint8Array, at: number, len: number, path: string): number {
  let s = '';
  for (let i = at; i < at + len; i++) s += String.fromCharCode(h[i]);
  if (!/^[0-7]{11}\0$/.test(s)) throw new CryptoError('invalid_archive', path, 'malformed octal field in tar header');
  return parseInt(s.slice(0, 11), 8);
}

/**
 * Iterate over the entries of a .bel. Each header must be exactly what the Belenios writer
 * produces (so a re-packed archive is reported, as belenios-tool does).
 */
export function* readTar(bytes: Uint8Array): Generator<TarEntry> {
  let at = 0;
  while (at < bytes.length) {
    const path = `tar@${at}`;
    if (at + BLOCK > bytes.length) throw new CryptoError('invalid_archive', path, 'truncated tar header');
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) throw new CryptoError('invalid_archive', path, 'zero block: Belenios archives have no end-of-archive marker');
    let end = 0;
    while (end < 100 && h[end] !== 0) end++;
    const name = String.fromCharCode(...h.subarray(0, end));
    const size = readOctal(h, 124, 12, path);
    const mtime = readOctal(h, 136, 12, path);
    const expected = tarHeader(name, size, mtime);
    for (let i = 0; i < BLOCK; i++) {
      if (h[i] !== expected[i]) throw new CryptoError('invalid_archive', `${path} (${name})`, `tar header differs from Belenios' layout at byte ${i}`);
    }
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (at + BLOCK + padded > bytes.length) throw new CryptoError('invalid_archive', path, 'truncated entry body');
    for (let i = at + BLOCK + size; i < at + BLOCK + padded; i++) {
      if (bytes[i] !== 0) throw new CryptoError('invalid_archive', path, 'non-zero padding after entry body');
    }
    yield { name, body: bytes.subarray(at + BLOCK, at + BLOCK + size), mtime, offset: at };
    at += BLOCK + padded;
  }
}
