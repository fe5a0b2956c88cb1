// Reads a .bel entry by entry (no copies: bodies are views into the archive bytes). The first
// entry is the BELENIOS header; every other entry is "<sha256>.data.json" or
// "<sha256>.event.json" and its name must be the hash of its body.
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { asObject, expectFields, parseJson } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';
import { parseEvent, type ArchiveEvent } from 'src/crypto/archive/event';
import { readTar, type TarEntry } from 'src/crypto/archive/tar';

export type ArchiveRecord =
  | { kind: 'header'; timestamp: number; entry: TarEntry }
  | { kind: 'data'; hash: string; hashOk: boolean; entry: TarEntry }
  | { kind: 'event'; hash: string; hashOk: boolean; event: ArchiveEvent; entry: TarEntry };

const NAME = /^([0-9a-f]{64})\.(data|event)\.json$/;

export function parseArchiveHeader(body: Uint8Array): number {
  const o = asObject(parseJson(body, 'BELENIOS'), 'BELENIOS');
  expectFields(o, 'BELENIOS', ['version', 'timestamp']);
  if (o.version !== 1) throw new CryptoError('invalid_archive', 'BELENIOS.version', 'unsupported archive version');
  const t = o.timestamp;
  // The specification says I; belenios-tool writes a decimal string and accepts both.
  const ts = typeof t === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(t) ? Number(t) : typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : NaN;
  if (Number.isNaN(ts)) throw new CryptoError('invalid_archive', 'BELENIOS.timestamp', 'timestamp must be a non-negative integer');
  return ts;
}

export function* readArchive(bytes: Uint8Array): Generator<ArchiveRecord> {
  let first = true;
  for (const entry of readTar(bytes)) {
    if (first) {
      first = false;
      if (entry.name !== 'BELENIOS') throw new CryptoError('invalid_archive', entry.name, 'the first entry must be BELENIOS');
      yield { kind: 'header', timestamp: parseArchiveHeader(entry.body), entry };
      continue;
    }
    const m = NAME.exec(entry.name);
    if (!m) throw new CryptoError('invalid_archive', entry.name, 'unexpected entry name');
    const hash = m[1];
    const hashOk = sha256Hex(entry.body) === hash;
    if (m[2] === 'data') yield { kind: 'data', hash, hashOk, entry };
    else yield { kind: 'event', hash, hashOk, event: parseEvent(entry.body, entry.name), entry };
  }
  if (first) throw new CryptoError('invalid_archive', '', 'empty archive');
}
