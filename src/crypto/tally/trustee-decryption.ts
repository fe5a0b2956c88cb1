// A trustee's partial decryption, end to end on the trustee's own device (CLI or browser):
// check that the input is one consistent election, find which owner this key is, decrypt, and
// verify the result before anyone uploads it. The secret never leaves this function's caller.
import { parseElection, type Election } from 'src/crypto/election/election';
import { group, type GroupElement } from 'src/crypto/group';
import { parseEncryptedTally, tallyShapeMatches, type EncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { computePartialDecryption, serializePartialDecryption, verifyPartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import type { TallyForTrustees } from 'src/crypto/tally/tally-for-trustees';
import { publicPartOf, secretScalar, type TrusteeSecret } from 'src/crypto/trustees/trustee-secret';
import { combineTrusteeKeys, ownerSlots, parseTrustees, type TrusteeKind } from 'src/crypto/trustees/trustees';

export const TRUSTEE_DECRYPTION_ERRORS = ['election_mismatch', 'not_a_trustee', 'self_check_failed'] as const;
export type TrusteeDecryptionErrorCode = (typeof TRUSTEE_DECRYPTION_ERRORS)[number];

export class TrusteeDecryptionError extends Error {
  override readonly name = 'TrusteeDecryptionError';
  constructor(
    readonly code: TrusteeDecryptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedTallyInput {
  election: Election;
  trustees: TrusteeKind[];
  tally: EncryptedTally;
}

/** Parse the three raw parts and refuse a file whose parts do not belong to one election. */
export function parseTallyInput(input: TallyForTrustees): ParsedTallyInput {
  const election = parseElection(input.election);
  if (input.uuid !== undefined && input.uuid !== election.uuid) {
    throw new TrusteeDecryptionError('election_mismatch', `the file says election ${input.uuid} but holds election ${election.uuid}`);
  }
  const trustees = parseTrustees(input.trustees);
  if (!group().equals(combineTrusteeKeys(trustees), election.publicKey)) {
    throw new TrusteeDecryptionError('election_mismatch', "the trustees in this file do not make up the election's public key: it mixes two elections");
  }
  const tally = parseEncryptedTally(input.encryptedTally);
  if (!tallyShapeMatches(election, tally)) {
    throw new TrusteeDecryptionError('election_mismatch', "the encrypted tally does not have this election's questions and answers");
  }
  return { election, trustees, tally };
}

/** 1-based owner whose published key is g^x, or null when this key is not one of the trustees. */
export function findOwner(trustees: readonly TrusteeKind[], publicPart: GroupElement): number | null {
  const i = ownerSlots(trustees).findIndex((s) => group().equals(s.key, publicPart));
  return i < 0 ? null : i + 1;
}

export interface TrusteeDecryption {
  owner: number;
  partial: PartialDecryption;
  /** What `POST …/tally/partial-decryptions` takes, and what `trustee decrypt` writes. */
  upload: string;
}

export function decryptAsTrustee(input: TallyForTrustees, secret: TrusteeSecret): TrusteeDecryption {
  const { election, trustees, tally } = parseTallyInput(input);
  const X = publicPartOf(secret);
  const owner = findOwner(trustees, X);
  if (owner === null) {
    throw new TrusteeDecryptionError('not_a_trustee', `this key is not one of the trustees of election ${election.uuid} ("${election.name}"): check you chose the right key file and election`);
  }
  const partial = computePartialDecryption(election.fingerprint, tally, secretScalar(secret));
  // Our own proofs, checked as the server will: a failure here is a bug or a faulty machine,
  // and uploading would only be refused.
  const check = verifyPartialDecryption(election.fingerprint, tally, X, partial);
  if (!check.shapeOk || check.invalid.length > 0) {
    throw new TrusteeDecryptionError('self_check_failed', 'the partial decryption computed here does not verify; do not upload it (try again, or on another machine)');
  }
  return { owner, partial, upload: `{"owner":${owner},"partialDecryption":${serializePartialDecryption(partial)}}` };
}
