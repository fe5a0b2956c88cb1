import type { BallotVerdict as BallotVerifyOutcome } from 'src/ballot-box/ballot-verifier';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { DomainError } from 'src/platform/errors/domain-error';

const WRONG_ELECTION = ['election_uuid', 'election_hash'];
// The bytes decode but are not a ballot for these questions, or not in canonical form.
const SHAPE = ['well_formed', 'canonical_serialization', 'answer_count', 'ciphertexts_valid'];

/**
 * The rejection for a ballot that failed verification (docs/ONLINE.md, "Cast rejections"), or
 * null when it verified. Order matters: a ballot of another election also fails its credential
 * and proofs, and saying "wrong election" is what helps; an unreadable ballot has no proofs to
 * blame; a ballot signed with someone else's credential is refused as such before its proofs.
 */
export function castRejection(v: BallotVerifyOutcome): DomainError | null {
  if (v.ok) return null;
  if (v.failed.some((f) => WRONG_ELECTION.includes(f))) {
    return ballotBoxError('wrong_election', 'This ballot was made for another election (or another version of it): reload the voting page.', { failed: v.failed });
  }
  if (v.reason !== undefined || v.failed.some((f) => SHAPE.includes(f))) {
    return ballotBoxError('malformed_ballot', 'This is not a well-formed ballot for this election.', { problems: [problem(v)] });
  }
  if (v.failed.includes('credential_known')) {
    return ballotBoxError('credential_not_yours', 'This ballot is signed with a credential that is not yours: use the credential printed on your current pack.');
  }
  return ballotBoxError('ballot_invalid', 'The ballot does not verify: a proof or the signature is wrong.', { failed: v.failed });
}

/**
 * `{ path, reason }` from the verifier's parse error (`code: path: detail`, see
 * src/crypto/ballot/verify-cast.ts), else the failed check.
 */
function problem(v: BallotVerifyOutcome): { path: string; reason: string } {
  const check = v.failed.find((f) => SHAPE.includes(f)) ?? v.failed[0] ?? 'well_formed';
  if (v.reason === undefined) return { path: check, reason: `check ${check} failed` };
  const m = /^([a-z_]+): ([^\s:]+): ([\s\S]*)$/.exec(v.reason);
  return m ? { path: m[2], reason: `${m[3]} (${m[1]})` } : { path: check, reason: v.reason };
}
