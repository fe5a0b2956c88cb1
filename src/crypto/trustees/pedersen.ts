// Pedersen threshold trustees (specification "Messages specific to threshold decryption
// support"): threshold_parameters = {"threshold","certs","coefexps","signatures",
// "verification_keys"}. Trustee i (1-based) holds S_i = Σ_z f_z(i); its verification key is
// g^{S_i} = Π_z Π_k A_zk^{i^k}; the block's sub-key is Π_z A_z0.
import { asArray, asInt, asObject, asString, expectFields, jsonString, parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError, isCryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { Q, mod, randomScalar } from 'src/crypto/group/scalar';
import { parseProof, serializeProof, type Proof } from 'src/crypto/proofs/proof';
import {
  deriveDecryptionKey,
  deriveSigningKey,
  generatePkiSeed,
  parseSignedMessage,
  serializeSignedMessage,
  signMessage,
  verificationKeyOf,
  verifySignature,
  type SignedMessage,
} from 'src/crypto/trustees/pki';
import { makeTrusteePublicKey, parseTrusteePublicKey, serializeTrusteePublicKey, verifyTrusteePok, type TrusteePublicKey } from 'src/crypto/trustees/trustee-key';

export interface ThresholdParameters {
  threshold: number;
  certs: SignedMessage[];
  coefexps: SignedMessage[];
  signatures: Proof[];
  verificationKeys: TrusteePublicKey[];
}

export interface CertKeys {
  context: { group: string; size: number; threshold: number; index: number };
  verification: GroupElement;
  encryption: GroupElement;
}

export function parseThresholdParameters(v: Json | undefined, path: string): ThresholdParameters {
  const o = asObject(v, path);
  expectFields(o, path, ['threshold', 'certs', 'coefexps', 'signatures', 'verification_keys']);
  return {
    threshold: asInt(o.threshold, `${path}.threshold`),
    certs: asArray(o.certs, `${path}.certs`).map((c, i) => parseSignedMessage(c, `${path}.certs[${i}]`)),
    coefexps: asArray(o.coefexps, `${path}.coefexps`).map((c, i) => parseSignedMessage(c, `${path}.coefexps[${i}]`)),
    signatures: asArray(o.signatures, `${path}.signatures`).map((c, i) => parseProof(c, `${path}.signatures[${i}]`)),
    verificationKeys: asArray(o.verification_keys, `${path}.verification_keys`).map((c, i) => parseTrusteePublicKey(c, `${path}.verification_keys[${i}]`)),
  };
}

export function serializeThresholdParameters(t: ThresholdParameters): string {
  return (
    `{"threshold":${t.threshold},"certs":[${t.certs.map(serializeSignedMessage).join(',')}],` +
    `"coefexps":[${t.coefexps.map(serializeSignedMessage).join(',')}],` +
    `"signatures":[${t.signatures.map(serializeProof).join(',')}],` +
    `"verification_keys":[${t.verificationKeys.map(serializeTrusteePublicKey).join(',')}]}`
  );
}

export function parseCertKeys(message: string, path: string): CertKeys {
  const o = asObject(parseJson(message, path), path);
  expectFields(o, path, ['context', 'verification', 'encryption']);
  const c = asObject(o.context, `${path}.context`);
  expectFields(c, `${path}.context`, ['group', 'size', 'threshold', 'index']);
  return {
    context: {
      group: asString(c.group, `${path}.context.group`),
      size: asInt(c.size, `${path}.context.size`),
      threshold: asInt(c.threshold, `${path}.context.threshold`),
      index: asInt(c.index, `${path}.context.index`),
    },
    verification: group().decode(o.verification as string, `${path}.verification`),
    encryption: group().decode(o.encryption as string, `${path}.encryption`),
  };
}

function serializeCertKeys(k: CertKeys): string {
  const [v, e] = group().encodeAll([k.verification, k.encryption]);
  const c = k.context;
  return `{"context":{"group":${jsonString(c.group)},"size":${c.size},"threshold":${c.threshold},"index":${c.index}},"verification":"${v}","encryption":"${e}"}`;
}

export function parseRawCoefexps(message: string, path: string): GroupElement[] {
  const o = asObject(parseJson(message, path), path);
  expectFields(o, path, ['coefexps']);
  return asArray(o.coefexps, `${path}.coefexps`).map((p, i) => group().decode(asString(p, `${path}.coefexps[${i}]`), `${path}.coefexps[${i}]`));
}

function serializeRawCoefexps(ps: readonly GroupElement[]): string {
  return `{"coefexps":[${group().encodeAll(ps).map((h) => `"${h}"`).join(',')}]}`;
}

/** Message signed by each trustee over all certificates and its own coefficient commitments. */
function certsSigMessage(certs: readonly SignedMessage[], coefexps: readonly GroupElement[]): string {
  return `certs_sig|{"certs":[${certs.map(serializeSignedMessage).join(',')}],"coefexps":[${group().encodeAll(coefexps).map((h) => `"${h}"`).join(',')}]}`;
}

/** g^{f(j)} from the commitments: Π_z Π_k A_zk^{j^k}. */
export function computeVerificationKey(coefexps: readonly (readonly GroupElement[])[], j: number): GroupElement {
  const points: GroupElement[] = [];
  const scalars: bigint[] = [];
  for (const A of coefexps) {
    let power = 1n;
    for (const Ak of A) {
      points.push(Ak);
      scalars.push(power);
      power = (power * BigInt(j)) % Q;
    }
  }
  return group().msm(points, scalars);
}

export function pedersenSubKey(t: ThresholdParameters): GroupElement {
  const G = group();
  return t.coefexps.map((c, i) => parseRawCoefexps(c.message, `coefexps[${i}]`)[0]).reduce((a, b) => G.add(a, b), G.identity);
}

export interface SetupCheck {
  name: string;
  ok: boolean;
  /** Warnings do not fail verification (e.g. a 2.5 archive without vk signatures). */
  warning?: boolean;
  reason?: string;
}

/** Every check of a Pedersen block, named. */
export function verifyThresholdParameters(t: ThresholdParameters, path: string): SetupCheck[] {
  const out: SetupCheck[] = [];
  const check = (name: string, ok: boolean, reason: string): void => {
    out.push(ok ? { name: `${path}.${name}`, ok } : { name: `${path}.${name}`, ok, reason });
  };
  const n = t.certs.length;
  check('size', n > 0 && t.coefexps.length === n && t.signatures.length === n && t.verificationKeys.length === n, 'certs, coefexps, signatures and verification_keys must all have one entry per trustee');
  check('threshold_range', t.threshold >= 1 && t.threshold <= n, `threshold ${t.threshold} must be between 1 and ${n}`);
  if (out.some((c) => !c.ok)) return out;
  let certs: CertKeys[];
  let coefexps: GroupElement[][];
  try {
    certs = t.certs.map((c, i) => parseCertKeys(c.message, `${path}.certs[${i}].message`));
    coefexps = t.coefexps.map((c, i) => parseRawCoefexps(c.message, `${path}.coefexps[${i}].message`));
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    check('messages_well_formed', false, e.message);
    return out;
  }
  certs.forEach((c, i) => {
    const ctx = c.context;
    check(`certs[${i}].context`, ctx.group === group().description && ctx.size === n && ctx.threshold === t.threshold && ctx.index === i + 1, `certificate context ${JSON.stringify(ctx)} does not match group/size/threshold/index ${i + 1}`);
    check(`certs[${i}].signature`, verifySignature(c.verification, t.certs[i].message, t.certs[i].signature), 'certificate is not signed by its own verification key');
    check(`coefexps[${i}].signature`, verifySignature(c.verification, t.coefexps[i].message, t.coefexps[i].signature), 'coefficient commitments are not signed by the trustee');
    check(`coefexps[${i}].length`, coefexps[i].length === t.threshold, `expected ${t.threshold} commitments, got ${coefexps[i].length}`);
    check(`signatures[${i}]`, verifySignature(c.verification, certsSigMessage(t.certs, coefexps[i]), t.signatures[i]), 'certs_sig signature does not verify');
  });
  t.verificationKeys.forEach((vk, j) => {
    check(`verification_keys[${j}].pok`, verifyTrusteePok(vk), 'proof of knowledge does not verify');
    const expected = computeVerificationKey(coefexps, j + 1);
    check(`verification_keys[${j}].public_key`, group().equals(expected, vk.publicKey), 'verification key is not the one implied by the coefficient commitments');
    if (vk.signature === undefined) {
      out.push({ name: `${path}.verification_keys[${j}].signature`, ok: true, warning: true, reason: 'no 3.x signature on the verification key (accepted as in 2.5; belenios-tool 3.x rejects it)' });
    } else {
      check(`verification_keys[${j}].signature`, verifySignature(certs[j].verification, group().encode(vk.publicKey), vk.signature), 'verification key signature does not verify');
    }
  });
  return out;
}

export interface PedersenTrusteeSecrets {
  /** PKI seed (22 Base58 characters): derives signing and decryption keys. */
  seed: string;
  /** Share S_i of the decryption key. */
  share: bigint;
}

/**
 * Run the whole key ceremony in one place (tests, single-operator setups): n trustees,
 * `threshold` of them needed to decrypt. Emits the 3.x signature on every verification key.
 * A distributed ceremony exchanges the same values through encrypted channels.
 */
export function generatePedersen(n: number, threshold: number): { parameters: ThresholdParameters; trustees: PedersenTrusteeSecrets[] } {
  if (!Number.isInteger(n) || !Number.isInteger(threshold) || threshold < 1 || threshold > n) {
    throw new CryptoError('invalid_argument', 'threshold', 'need 1 ≤ threshold ≤ n');
  }
  const G = group();
  const seeds = Array.from({ length: n }, generatePkiSeed);
  const sks = seeds.map(deriveSigningKey);
  const certs = seeds.map((seed, i) =>
    signMessage(sks[i], serializeCertKeys({ context: { group: G.description, size: n, threshold, index: i + 1 }, verification: verificationKeyOf(sks[i]), encryption: verificationKeyOf(deriveDecryptionKey(seed)) })),
  );
  const polys = seeds.map(() => Array.from({ length: threshold }, randomScalar));
  const coefexpPoints = polys.map((a) => a.map((ak) => G.g.mulSecret(ak)));
  const coefexps = coefexpPoints.map((A, i) => signMessage(sks[i], serializeRawCoefexps(A)));
  const signatures = coefexpPoints.map((A, i) => signMessage(sks[i], certsSigMessage(certs, A)).signature);
  const evalAt = (a: bigint[], x: bigint): bigint => a.reduceRight((acc, c) => mod(acc * x + c), 0n);
  const shares = seeds.map((_, j) => polys.reduce((s, a) => mod(s + evalAt(a, BigInt(j + 1))), 0n));
  const verificationKeys = shares.map((S, j) => {
    const key = makeTrusteePublicKey(S);
    return { ...key, signature: signMessage(sks[j], G.encode(key.publicKey)).signature };
  });
  return {
    parameters: { threshold, certs, coefexps, signatures, verificationKeys },
    trustees: seeds.map((seed, j) => ({ seed, share: shares[j] })),
  };
}
