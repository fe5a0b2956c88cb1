// Everything secret on a pack is derived from the credential authority's seed (DESIGN.md §5),
// so a lost or crashed print run regenerates byte-identical packs and no private value is
// stored anywhere:
//
//   electionSeed = HMAC-SHA256(masterSeed, "hybrid-ballot/election-seed|" + beleniosUuid)
//   credential   = deriveCredentialFromSeed(electionSeed, beleniosUuid, serial)   (src/crypto)
//   Voting ID    = Crockford symbols of HMAC-SHA256(electionSeed, "voting-id|" + serial + "|" + k)…
//   paper ID     = Crockford symbols of HMAC-SHA256(electionSeed, "paper-id|"  + serial + "|" + k)…
//
// The paper ID is derived here only so that a rerun prints the same paper; the database keeps
// paper IDs in a set with no link to serials or members (DESIGN.md §11).
import { createHmac } from 'node:crypto';
import { deriveCredentialFromSeed } from 'src/crypto/credential/deterministic';
import { generatePaperId, generateVotingId, RandomSource } from 'src/packs/codes';

export const MIN_SEED_BYTES = 32;

export interface PackSecrets {
  credential: string;
  votingId: string;
  paperId: string;
}

export function electionSeed(masterSeed: Uint8Array, beleniosUuid: string): Uint8Array {
  if (masterSeed.length < MIN_SEED_BYTES) throw new RangeError(`the credential seed must have at least ${MIN_SEED_BYTES} bytes`);
  return createHmac('sha256', masterSeed).update(`hybrid-ballot/election-seed|${beleniosUuid}`).digest();
}

/** A deterministic byte stream: HMAC blocks over a counter, as much as the caller asks for. */
function stream(seed: Uint8Array, label: string): RandomSource {
  return (n: number) => {
    const out = Buffer.alloc(n);
    for (let k = 0, filled = 0; filled < n; k++) {
      filled += createHmac('sha256', seed).update(`${label}|${k}`).digest().copy(out, filled);
    }
    return out;
  };
}

export function derivePackSecrets(seed: Uint8Array, beleniosUuid: string, serial: number): PackSecrets {
  if (!Number.isSafeInteger(serial) || serial < 0) throw new RangeError('serial must be a non-negative integer');
  return {
    credential: deriveCredentialFromSeed(seed, beleniosUuid, String(serial)),
    votingId: generateVotingId(stream(seed, `voting-id|${serial}`)),
    paperId: generatePaperId(stream(seed, `paper-id|${serial}`)),
  };
}
