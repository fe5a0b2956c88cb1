// Ballot verification as named checks (specification "Ballots" and the audit steps): each check
// reports pass/fail with a reason so the server can tell a voter, and the verifier an auditor,
// exactly what is wrong. Checks after a failed parse are reported as not run.
import { asObject, parseJson, type Json } from 'src/crypto/encoding/json';
import { decodeUtf8 } from 'src/crypto/encoding/json';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import type { Election } from 'src/crypto/election/election';
import { choiceCount } from 'src/crypto/election/question';
import type { PublicCredential } from 'src/crypto/credential/public-credentials';
import { ballotTracker, parseBallot, serializeBallot, signatureHash, type Answer, type Ballot } from 'src/crypto/ballot/ballot';
import { ZERO_ONE, answerS, blankProofStatements, individualPrefix, overallNoBlank, overallWithBlank, s0 } from 'src/crypto/ballot/answer-proofs';
import { intervalStatements, verifyDisjunction } from 'src/crypto/proofs/disjunctive';
import { verifySchnorr } from 'src/crypto/proofs/schnorr';

export const BALLOT_CHECKS = [
  'well_formed',
  'canonical_serialization',
  'election_uuid',
  'election_hash',
  'credential_known',
  'answer_count',
  'signature_hash',
  'signature_proof',
  'ciphertexts_valid',
  'individual_proofs',
  'overall_proofs',
  'blank_proofs',
] as const;
export type BallotCheckName = (typeof BALLOT_CHECKS)[number];

/** Reason given to the checks that an earlier failure kept from running. */
export const NOT_RUN = 'not run (earlier failure)';

export interface BallotCheck {
  name: BallotCheckName;
  ok: boolean;
  reason?: string;
}

export interface BallotVerification {
  ok: boolean;
  checks: BallotCheck[];
  /** First failed check, for a short message. */
  failed?: BallotCheck;
  tracker: string;
  credentialHex?: string;
  credential?: PublicCredential;
  ballot?: Ballot;
}

export interface CredentialLookup {
  get(hex: string): PublicCredential | undefined;
}

/** Which check a decoding error belongs to, from the field path it names. */
function checkForPath(path: string): BallotCheckName {
  if (path.includes('.choices')) return 'ciphertexts_valid';
  if (path.includes('.individual_proofs')) return 'individual_proofs';
  if (path.includes('.overall_proof')) return 'overall_proofs';
  if (path.includes('.blank_proof')) return 'blank_proofs';
  if (path.includes('.signature')) return 'signature_proof';
  if (path.endsWith('.credential')) return 'credential_known';
  return 'well_formed';
}

function answerShape(election: Election, answers: readonly Answer[]): string | undefined {
  if (answers.length !== election.questions.length) return `${answers.length} answers for ${election.questions.length} questions`;
  for (let i = 0; i < answers.length; i++) {
    const q = election.questions[i];
    const a = answers[i];
    const n = choiceCount(q);
    if (a.choices.length !== n) return `answer ${i}: ${a.choices.length} choices, expected ${n}`;
    if (a.individualProofs.length !== n || a.individualProofs.some((p) => p.length !== 2)) return `answer ${i}: individual proofs do not match the choices`;
    const overall = q.max - q.min + 1 + (q.blank ? 1 : 0);
    if (a.overallProof.length !== overall) return `answer ${i}: overall proof has ${a.overallProof.length} parts, expected ${overall}`;
    if (q.blank !== (a.blankProof !== undefined)) return `answer ${i}: blank_proof ${q.blank ? 'missing' : 'present although blank is not allowed'}`;
    if (a.blankProof !== undefined && a.blankProof.length !== 2) return `answer ${i}: blank proof must have 2 parts`;
  }
  return undefined;
}

function verifyAnswerProofs(election: Election, S0: string, i: number, a: Answer, set: (n: BallotCheckName, ok: boolean, reason?: string) => void): void {
  const q = election.questions[i];
  const y = election.y;
  a.choices.forEach((c, j) => {
    const ok = verifyDisjunction(individualPrefix(S0, c), y, intervalStatements(c.alpha, c.beta, ZERO_ONE), a.individualProofs[j]);
    if (!ok) set('individual_proofs', false, `answer ${i} choice ${j}: 0/1 proof does not verify`);
  });
  const S = answerS(S0, a.choices);
  if (!q.blank) {
    const { prefix, statements } = overallNoBlank(S, q, a.choices);
    if (!verifyDisjunction(prefix, y, statements, a.overallProof)) set('overall_proofs', false, `answer ${i}: overall proof does not verify`);
    return;
  }
  const bp = blankProofStatements(S, a.choices);
  if (!verifyDisjunction(bp.prefix, y, bp.statements, a.blankProof ?? [])) set('blank_proofs', false, `answer ${i}: blank proof does not verify`);
  const op = overallWithBlank(S, q, a.choices);
  if (!verifyDisjunction(op.prefix, y, op.statements, a.overallProof)) set('overall_proofs', false, `answer ${i}: overall proof does not verify`);
}

/**
 * Verify a ballot as stored (raw bytes) against the election and the public credentials.
 * Every point is decoded with the full checks, every proof recomputed.
 */
export function verifyBallot(election: Election, credentials: CredentialLookup, raw: string | Uint8Array): BallotVerification {
  const tracker = ballotTracker(raw);
  const results = new Map<BallotCheckName, BallotCheck>();
  const set = (name: BallotCheckName, ok: boolean, reason?: string): void => {
    const prev = results.get(name);
    if (prev && !prev.ok) return; // keep the first failure reason
    results.set(name, ok ? { name, ok } : { name, ok, reason });
  };
  const finish = (extra: Partial<BallotVerification>): BallotVerification => {
    const checks = BALLOT_CHECKS.map((n) => results.get(n) ?? { name: n, ok: false, reason: NOT_RUN });
    const failed = checks.find((c) => !c.ok);
    return { ok: failed === undefined, checks, tracker, ...(failed ? { failed } : {}), ...extra };
  };

  let json: Json;
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : decodeUtf8(raw, 'ballot');
    json = parseJson(text, 'ballot');
    asObject(json, 'ballot');
  } catch (e) {
    set('well_formed', false, (e as Error).message);
    return finish({});
  }
  const o = json as { credential?: unknown; election_uuid?: unknown; election_hash?: unknown };
  const credentialHex = typeof o.credential === 'string' ? o.credential : undefined;
  // Identity checks first: they do not depend on the proofs decoding.
  set('election_uuid', o.election_uuid === election.uuid, `ballot is for election ${String(o.election_uuid)}, not ${election.uuid}`);
  set('election_hash', o.election_hash === election.fingerprint, 'election fingerprint does not match');
  const credential = credentialHex === undefined ? undefined : credentials.get(credentialHex);
  set('credential_known', credential !== undefined, 'credential is not in the public credential list');

  let ballot: Ballot;
  try {
    ballot = parseBallot(json);
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    set(checkForPath(e.path), false, e.message);
    if (checkForPath(e.path) !== 'well_formed') set('well_formed', true);
    return finish({ ...(credentialHex ? { credentialHex } : {}), ...(credential ? { credential } : {}) });
  }
  set('well_formed', true);
  set('ciphertexts_valid', true);
  set('canonical_serialization', serializeBallot(ballot) === text, 'ballot bytes are not the canonical compact serialisation');
  const shape = answerShape(election, ballot.answers);
  set('answer_count', shape === undefined, shape);
  set('signature_hash', signatureHash(ballot) === ballot.signature.hash, 'signature.hash is not the hash of the ballot without its signature');
  set('signature_proof', verifySchnorr(`sig|${ballot.signature.hash}|`, ballot.credential, ballot.signature.proof), 'credential signature does not verify');
  if (shape === undefined) {
    const S0 = s0(election.fingerprint, group().encode(ballot.credential));
    ballot.answers.forEach((a, i) => verifyAnswerProofs(election, S0, i, a, set));
    set('individual_proofs', true);
    set('overall_proofs', true);
    set('blank_proofs', true);
  }
  return finish({ ballot, ...(credentialHex ? { credentialHex } : {}), ...(credential ? { credential } : {}) });
}

