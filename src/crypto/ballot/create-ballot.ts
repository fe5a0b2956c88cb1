// Ballot creation (specification "Ballots", process "Vote"). The voter's device knows every
// randomness r, so encryption and real proof branches use fixed-base tables (g, y) only.
import { CryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import { Q } from 'src/crypto/group/scalar';
import { encrypt, type Ciphertext } from 'src/crypto/ballot/ciphertext';
import { serializeBallot, ballotTracker, signatureHash, type Answer, type Ballot, type BallotContent } from 'src/crypto/ballot/ballot';
import {
  ZERO_ONE,
  answerS,
  blankProofStatements,
  individualPrefix,
  overallNoBlank,
  overallWithBlank,
  s0,
} from 'src/crypto/ballot/answer-proofs';
import { choiceCount, type Question } from 'src/crypto/election/question';
import type { Election } from 'src/crypto/election/election';
import { deriveCredentialSecret, parseCredential } from 'src/crypto/credential/credential';
import { intervalStatements, proveDisjunction } from 'src/crypto/proofs/disjunctive';
import { proveSchnorr } from 'src/crypto/proofs/schnorr';

export interface CreatedBallot {
  ballot: Ballot;
  /** The bytes to submit and store: the tracker is their hash. */
  raw: string;
  tracker: string;
}

/**
 * Check one question's plaintext: a 0/1 vector, with the blank flag first when blank is allowed;
 * either blank ([1,0,…,0]) or between min and max selections.
 */
export function checkChoices(q: Question, choices: readonly number[], path: string): void {
  if (choices.length !== choiceCount(q)) {
    throw new CryptoError('invalid_choice', path, `expected ${choiceCount(q)} values${q.blank ? ' (blank flag first)' : ''}, got ${choices.length}`);
  }
  if (choices.some((c) => c !== 0 && c !== 1)) throw new CryptoError('invalid_choice', path, 'each value must be 0 or 1');
  const selected = choices.slice(q.blank ? 1 : 0).reduce((a, b) => a + b, 0);
  if (q.blank && choices[0] === 1) {
    if (selected !== 0) throw new CryptoError('invalid_choice', path, 'a blank vote selects no answer');
    return;
  }
  if (selected < q.min || selected > q.max) {
    throw new CryptoError('invalid_choice', path, `select between ${q.min} and ${q.max} answers, got ${selected}`);
  }
}

function encryptAnswer(election: Election, S0: string, q: Question, plain: readonly number[]): Answer {
  const y = election.y;
  const enc = plain.map((m) => encrypt(y, BigInt(m)));
  const choices: Ciphertext[] = enc.map((e) => e.ciphertext);
  const individualProofs = enc.map((e, j) =>
    proveDisjunction(individualPrefix(S0, e.ciphertext), y, intervalStatements(e.ciphertext.alpha, e.ciphertext.beta, ZERO_ONE), plain[j], e.r),
  );
  const S = answerS(S0, choices);
  if (!q.blank) {
    const R = enc.reduce((a, e) => a + e.r, 0n) % Q;
    const M = plain.reduce((a, b) => a + b, 0);
    const { prefix, statements } = overallNoBlank(S, q, choices);
    return { choices, individualProofs, overallProof: proveDisjunction(prefix, y, statements, M - q.min, R) };
  }
  const r0 = enc[0].r;
  const rSigma = enc.slice(1).reduce((a, e) => a + e.r, 0n) % Q;
  const isBlank = plain[0] === 1;
  const mSigma = plain.slice(1).reduce((a, b) => a + b, 0);
  const bp = blankProofStatements(S, choices);
  const blankProof = proveDisjunction(bp.prefix, y, bp.statements, isBlank ? 1 : 0, isBlank ? rSigma : r0);
  const op = overallWithBlank(S, q, choices);
  const overallProof = proveDisjunction(op.prefix, y, op.statements, isBlank ? 0 : 1 + mSigma - q.min, isBlank ? r0 : rSigma);
  return { choices, individualProofs, overallProof, blankProof };
}

/**
 * Encrypt, prove and sign a ballot. `plaintext[i]` is question i's 0/1 vector (blank flag first
 * when blank is allowed). The credential is the printed private credential.
 */
export function createBallot(election: Election, credential: string, plaintext: readonly (readonly number[])[]): CreatedBallot {
  if (plaintext.length !== election.questions.length) {
    throw new CryptoError('invalid_choice', 'choices', `expected ${election.questions.length} questions, got ${plaintext.length}`);
  }
  election.questions.forEach((q, i) => checkChoices(q, plaintext[i], `choices[${i}]`));
  const cred = parseCredential(credential);
  const x = deriveCredentialSecret(election.uuid, cred);
  const G = group();
  const credentialPoint = G.g.mulSecret(x);
  const S0 = s0(election.fingerprint, G.encode(credentialPoint));
  const content: BallotContent = {
    electionUuid: election.uuid,
    electionHash: election.fingerprint,
    credential: credentialPoint,
    answers: election.questions.map((q, i) => encryptAnswer(election, S0, q, plaintext[i])),
  };
  const hash = signatureHash(content);
  const ballot: Ballot = { ...content, signature: { hash, proof: proveSchnorr(`sig|${hash}|`, x) } };
  const raw = serializeBallot(ballot);
  return { ballot, raw, tracker: ballotTracker(raw) };
}

