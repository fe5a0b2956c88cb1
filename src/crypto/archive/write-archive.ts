// Assemble a complete .bel from accepted ballots: setup, ballots in order, EndBallots, then (when
// trustees' decryptions are supplied) the encrypted tally over last(B), partial decryptions and
// the result. This is how the server publishes the online channel once superseding is over.
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { parseBallot } from 'src/crypto/ballot/ballot';
import type { Election } from 'src/crypto/election/election';
import type { PublicCredentialSet } from 'src/crypto/credential/public-credentials';
import { computeEncryptedTally, serializeEncryptedTally, serializeSizedEncryptedTally, type EncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { serializeOwned, serializePartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { combineFactors, computeResult, serializeResult, type ElectionResult } from 'src/crypto/tally/result';
import type { TrusteeKind } from 'src/crypto/trustees/trustees';
import { group } from 'src/crypto/group';
import { CryptoError } from 'src/crypto/errors';

export interface ArchiveInput {
  timestamp: number;
  election: Election;
  /** Stored bytes of the trustees and public credentials (hashed as written). */
  trusteesRaw: string;
  trustees: TrusteeKind[];
  credentialsRaw: string;
  credentials: PublicCredentialSet;
  /** Raw accepted ballots in casting order. */
  ballots: readonly string[];
  /** Stop after EndBallots when absent. Owners are 1-based flattened trustee indices. */
  decrypt?: (tally: EncryptedTally) => readonly { owner: number; partial: PartialDecryption }[];
}

export function writeElectionArchive(input: ArchiveInput): { bytes: Uint8Array; result?: ElectionResult } {
  const w = new ArchiveWriter(input.timestamp);
  w.addSetup(input.election.raw, input.trusteesRaw, input.credentialsRaw);
  const parsed = input.ballots.map((raw, i) => {
    const b = parseBallot(raw, `ballots[${i}]`);
    const hex = group().encode(b.credential);
    const cred = input.credentials.byHex.get(hex);
    if (!cred) throw new CryptoError('invalid_argument', `ballots[${i}]`, 'credential not in the public credentials');
    w.addBallot(raw);
    return { credentialHex: hex, answers: b.answers, weight: cred.weight };
  });
  w.addEvent('EndBallots');
  if (!input.decrypt) return { bytes: w.bytes() };
  const { tally, numTallied, totalWeight } = computeEncryptedTally(input.election, parsed);
  w.addEncryptedTally(serializeEncryptedTally(tally), (h) => serializeSizedEncryptedTally({ numTallied, totalWeight, encryptedTally: h }));
  const partials = input.decrypt(tally);
  for (const p of partials) w.addPartialDecryption(serializePartialDecryption(p.partial), (h) => serializeOwned({ owner: p.owner, payload: h }));
  const result = computeResult(tally, combineFactors(input.trustees, tally, new Map(partials.map((p) => [p.owner, p.partial]))), totalWeight);
  w.addResult(serializeResult(result));
  return { bytes: w.bytes(), result };
}
