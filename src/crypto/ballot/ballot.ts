// Ballot structure (specification "Ballots", "Signatures"):
// {"election_uuid","election_hash","credential","answers":[answer_h…],"signature":{"hash","proof"}}
// with answer_h = {"choices","individual_proofs","overall_proof","blank_proof"?}.
import { asArray, asObject, asString, expectFields, parseJson, type Json } from 'src/crypto/encoding/json';
import { sha256B64 } from 'src/crypto/encoding/sha256';
import { group, type GroupElement } from 'src/crypto/group';
import { parseCiphertext, serializeCiphertext, type Ciphertext } from 'src/crypto/ballot/ciphertext';
import { parseProof, parseProofList, serializeProof, serializeProofList, type Proof } from 'src/crypto/proofs/proof';

export interface Answer {
  choices: Ciphertext[];
  individualProofs: Proof[][];
  overallProof: Proof[];
  blankProof?: Proof[];
}

export interface BallotContent {
  electionUuid: string;
  electionHash: string;
  credential: GroupElement;
  answers: Answer[];
}

export interface Ballot extends BallotContent {
  signature: { hash: string; proof: Proof };
}

export function parseAnswer(v: Json | undefined, path: string): Answer {
  const o = asObject(v, path);
  expectFields(o, path, ['choices', 'individual_proofs', 'overall_proof'], ['blank_proof']);
  return {
    choices: asArray(o.choices, `${path}.choices`).map((c, i) => parseCiphertext(c, `${path}.choices[${i}]`)),
    individualProofs: asArray(o.individual_proofs, `${path}.individual_proofs`).map((p, i) => parseProofList(p, `${path}.individual_proofs[${i}]`)),
    overallProof: parseProofList(o.overall_proof, `${path}.overall_proof`),
    ...(o.blank_proof === undefined ? {} : { blankProof: parseProofList(o.blank_proof, `${path}.blank_proof`) }),
  };
}

/** Parse and decode (every point checked). Throws CryptoError with the field path. */
export function parseBallot(raw: string | Uint8Array | Json, path = 'ballot'): Ballot {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const o = asObject(v, path);
  expectFields(o, path, ['election_uuid', 'election_hash', 'credential', 'answers', 'signature']);
  const sig = asObject(o.signature, `${path}.signature`);
  expectFields(sig, `${path}.signature`, ['hash', 'proof']);
  return {
    electionUuid: asString(o.election_uuid, `${path}.election_uuid`),
    electionHash: asString(o.election_hash, `${path}.election_hash`),
    credential: group().decode(asString(o.credential, `${path}.credential`), `${path}.credential`),
    answers: asArray(o.answers, `${path}.answers`).map((a, i) => parseAnswer(a, `${path}.answers[${i}]`)),
    signature: { hash: asString(sig.hash, `${path}.signature.hash`), proof: parseProof(sig.proof, `${path}.signature.proof`) },
  };
}

export function serializeAnswer(a: Answer): string {
  const blank = a.blankProof === undefined ? '' : `,"blank_proof":${serializeProofList(a.blankProof)}`;
  return (
    `{"choices":[${a.choices.map(serializeCiphertext).join(',')}],` +
    `"individual_proofs":[${a.individualProofs.map(serializeProofList).join(',')}],` +
    `"overall_proof":${serializeProofList(a.overallProof)}${blank}}`
  );
}

function serializeContent(b: BallotContent): string {
  return (
    `"election_uuid":${JSON.stringify(b.electionUuid)},"election_hash":${JSON.stringify(b.electionHash)},` +
    `"credential":"${group().encode(b.credential)}","answers":[${b.answers.map(serializeAnswer).join(',')}]`
  );
}

/** The signed content: the ballot without its `signature` field (specification "Signatures"). */
export function serializeBallotWithoutSignature(b: BallotContent): string {
  return `{${serializeContent(b)}}`;
}

export function serializeBallot(b: Ballot): string {
  return `{${serializeContent(b)},"signature":{"hash":${JSON.stringify(b.signature.hash)},"proof":${serializeProof(b.signature.proof)}}}`;
}

/** Smart ballot tracker: compact Base64 SHA-256 of the ballot bytes as stored. */
export function ballotTracker(raw: string | Uint8Array): string {
  return sha256B64(raw);
}

export function signatureHash(b: BallotContent): string {
  return sha256B64(serializeBallotWithoutSignature(b));
}
