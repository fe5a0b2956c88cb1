// Tampering helpers: rebuild an archive with one entry changed and the hash chain recomputed
// (the "rechained" attack, which defeats file-hash checks), and re-sign modified ballots.
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { deriveCredentialSecret } from 'src/crypto/credential/credential';
import { proveSchnorr } from 'src/crypto/proofs/schnorr';
import { serializeProof } from 'src/crypto/proofs/proof';
import { sha256B64 } from 'src/crypto/encoding/sha256';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** transform(body, index) returns the new body of data entry number `index` (or the same). */
export function rechain(bytes: Uint8Array, transform: (body: string, index: number) => string | null): Uint8Array {
  let w: ArchiveWriter | undefined;
  const renamed = new Map<string, string>();
  let i = 0;
  for (const rec of readArchive(bytes)) {
    if (rec.kind === 'header') w = new ArchiveWriter(rec.timestamp);
    else if (rec.kind === 'data') {
      let body = text(rec.entry.body);
      for (const [from, to] of renamed) body = body.split(from).join(to);
      const out = transform(body, i++);
      if (out === null) continue;
      const h = w!.addData(out);
      if (h !== rec.hash) renamed.set(rec.hash, h);
    } else w!.addEvent(rec.event.type, rec.event.payload === undefined ? undefined : (renamed.get(rec.event.payload) ?? rec.event.payload));
  }
  return w!.bytes();
}

/** Recompute signature.hash and the signature of a (modified) ballot object. */
export function resign(ballot: Record<string, unknown>, uuid: string, credential: string): string {
  const { signature: _s, ...content } = ballot;
  const unsigned = JSON.stringify(content);
  const hash = sha256B64(unsigned);
  const proof = proveSchnorr(`sig|${hash}|`, deriveCredentialSecret(uuid, credential));
  return `${unsigned.slice(0, -1)},"signature":{"hash":"${hash}","proof":${serializeProof(proof)}}}`;
}

export { sha256Hex };
