// The election structure (specification "Elections") and its fingerprint φ: compact Base64 of
// the SHA-256 of the exact bytes stored in the archive (we hash raw bytes, never a re-parse).
import { asArray, decodeUtf8, asInt, asObject, asString, expectFields, jsonString, parseJson } from 'src/crypto/encoding/json';
import { sha256B64 } from 'src/crypto/encoding/sha256';
import { CryptoError } from 'src/crypto/errors';
import { parseQuestion, serializeQuestion, type Question } from 'src/crypto/election/question';
import { parseUuid } from 'src/crypto/election/uuid';
import { group, type FixedBase, type GroupElement } from 'src/crypto/group';

export interface ElectionParams {
  description: string;
  name: string;
  publicKey: GroupElement;
  questions: Question[];
  uuid: string;
  administrator?: string;
  credentialAuthority?: string;
}

export interface Election extends ElectionParams {
  /** The stored JSON (what φ is computed over). */
  raw: string;
  fingerprint: string;
  /** Election key with precomputed tables (encryption and proof verification use y^k often). */
  y: FixedBase;
  publicKeyHex: string;
}

export function serializeElection(e: ElectionParams): string {
  const opt =
    (e.administrator === undefined ? '' : `,"administrator":${jsonString(e.administrator)}`) +
    (e.credentialAuthority === undefined ? '' : `,"credential_authority":${jsonString(e.credentialAuthority)}`);
  return (
    `{"version":1,"description":${jsonString(e.description)},"name":${jsonString(e.name)},"group":"Ed25519",` +
    `"public_key":"${group().encode(e.publicKey)}","questions":[${e.questions.map(serializeQuestion).join(',')}],` +
    `"uuid":${jsonString(e.uuid)}${opt}}`
  );
}

export function parseElection(raw: string | Uint8Array, path = 'election'): Election {
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw, path);
  const o = asObject(parseJson(text, path), path);
  expectFields(o, path, ['version', 'description', 'name', 'group', 'public_key', 'questions', 'uuid'], ['administrator', 'credential_authority']);
  if (asInt(o.version, `${path}.version`) !== 1) throw new CryptoError('unsupported', `${path}.version`, 'only election version 1 is supported');
  if (asString(o.group, `${path}.group`) !== 'Ed25519') throw new CryptoError('unsupported', `${path}.group`, 'only the Ed25519 group is supported');
  const publicKeyHex = asString(o.public_key, `${path}.public_key`);
  const publicKey = group().decode(publicKeyHex, `${path}.public_key`);
  const questions = asArray(o.questions, `${path}.questions`).map((q, i) => parseQuestion(q, `${path}.questions[${i}]`));
  if (questions.length === 0) throw new CryptoError('invalid_structure', `${path}.questions`, 'an election needs at least one question');
  return {
    description: asString(o.description, `${path}.description`),
    name: asString(o.name, `${path}.name`),
    publicKey,
    publicKeyHex,
    questions,
    uuid: parseUuid(o.uuid, `${path}.uuid`),
    ...(o.administrator === undefined ? {} : { administrator: asString(o.administrator, `${path}.administrator`) }),
    ...(o.credential_authority === undefined ? {} : { credentialAuthority: asString(o.credential_authority, `${path}.credential_authority`) }),
    raw: text,
    fingerprint: sha256B64(text),
    y: group().fixedBase(publicKey),
  };
}

/** Build an election object from parameters (serialises canonically, then parses). */
export function makeElection(params: ElectionParams): Election {
  return parseElection(serializeElection(params));
}
