// A trustee's secret as the trustee tools read it: a Single `.privkey` (the scalar as a JSON
// string, as belenios-tool writes it) or a `.share` from `trustee threshold-keygen` (one member
// of a Pedersen group: the share S_i, the PKI seed, and what identifies the group). Pure: the
// CLI and the trustee's browser read the same files the same way.
import { asInt, asObject, asString, expectFields, parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError, isCryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { parseScalar } from 'src/crypto/group/scalar';

export const SHARE_FORMAT = 'hybrid-ballot/pedersen-share';

export interface PedersenShareFile {
  /** 1-based member index inside the group. */
  member: number;
  size: number;
  threshold: number;
  share: bigint;
  /** PKI seed: derives the member's signing and decryption keys (as secret as the share). */
  seed: string;
  /** g^share, hex: the verification key the group's parameters publish for this member. */
  verificationKey: string;
  /** SHA-256 hex of the parameters.json written in the same ceremony. */
  parametersSha256: string;
}

export type TrusteeSecret = { kind: 'single'; secret: bigint } | ({ kind: 'share' } & PedersenShareFile);

export function serializeShareFile(s: PedersenShareFile): string {
  return JSON.stringify({
    format: SHARE_FORMAT,
    member: s.member,
    size: s.size,
    threshold: s.threshold,
    share: s.share.toString(),
    seed: s.seed,
    verification_key: s.verificationKey,
    parameters_sha256: s.parametersSha256,
  });
}

/** parseScalar, with an error that does not quote the value (it is a secret). */
function secretField(v: Json | undefined, path: string): bigint {
  try {
    return parseScalar(v, path);
  } catch (e) {
    if (isCryptoError(e)) throw new CryptoError(e.reason, path, 'not a decimal number below the group order');
    throw e;
  }
}

function parseShareObject(v: Json, path: string): TrusteeSecret {
  const o = asObject(v, path);
  expectFields(o, path, ['format', 'member', 'size', 'threshold', 'share', 'seed', 'verification_key', 'parameters_sha256']);
  if (o.format !== SHARE_FORMAT) throw new CryptoError('invalid_structure', `${path}.format`, `expected "${SHARE_FORMAT}"`);
  const share = secretField(o.share, `${path}.share`);
  const verificationKey = asString(o.verification_key, `${path}.verification_key`);
  // A share whose stated verification key is not g^share was damaged or edited: refuse it
  // rather than produce a decryption the server will reject.
  if (!group().equals(group().decode(verificationKey, `${path}.verification_key`), group().g.mulSecret(share))) {
    throw new CryptoError('invalid_argument', `${path}.verification_key`, 'does not match the share (the file is damaged)');
  }
  return {
    kind: 'share',
    member: asInt(o.member, `${path}.member`),
    size: asInt(o.size, `${path}.size`),
    threshold: asInt(o.threshold, `${path}.threshold`),
    share,
    seed: asString(o.seed, `${path}.seed`),
    verificationKey,
    parametersSha256: asString(o.parameters_sha256, `${path}.parameters_sha256`),
  };
}

/**
 * The secret in a key file's text. Errors never quote the file: a CryptoError here names the
 * field and the reason only, so a mistyped path cannot print a key.
 */
export function parseTrusteeSecret(text: string, path = 'key'): TrusteeSecret {
  let v: Json;
  try {
    v = parseJson(text.trim(), path);
  } catch (e) {
    if (isCryptoError(e)) throw new CryptoError('invalid_json', path, 'the file is not JSON');
    throw e;
  }
  if (typeof v === 'string') {
    return { kind: 'single', secret: secretField(v, path) };
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return parseShareObject(v, path);
  throw new CryptoError('invalid_structure', path, 'it holds neither a private key nor a share');
}

export function secretScalar(s: TrusteeSecret): bigint {
  return s.kind === 'single' ? s.secret : s.share;
}

/** g^x: what the election's trustee list publishes for this secret. */
export function publicPartOf(s: TrusteeSecret): GroupElement {
  return group().g.mulSecret(secretScalar(s));
}
