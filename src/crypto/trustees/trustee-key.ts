// trustee_public_key = {"pok": proof, "public_key": G, ?"signature": proof}
// (specification "Verification keys"). PoK: Schnorr with prefix "pok|Ed25519|ser(X)|".
// The optional signature (3.x) is the owner's PKI signature of ser(public_key), present on
// Pedersen verification keys.
import { asObject, expectFields, type Json } from 'src/crypto/encoding/json';
import { group, type GroupElement } from 'src/crypto/group';
import { randomScalar } from 'src/crypto/group/scalar';
import { parseProof, serializeProof, type Proof } from 'src/crypto/proofs/proof';
import { proveSchnorr, verifySchnorr } from 'src/crypto/proofs/schnorr';

export interface TrusteePublicKey {
  pok: Proof;
  publicKey: GroupElement;
  signature?: Proof;
}

function pokPrefix(X: GroupElement): string {
  return `pok|${group().description}|${group().encode(X)}|`;
}

export function parseTrusteePublicKey(v: Json | undefined, path: string): TrusteePublicKey {
  const o = asObject(v, path);
  expectFields(o, path, ['pok', 'public_key'], ['signature']);
  return {
    pok: parseProof(o.pok, `${path}.pok`),
    publicKey: group().decode(o.public_key as string, `${path}.public_key`),
    ...(o.signature === undefined ? {} : { signature: parseProof(o.signature, `${path}.signature`) }),
  };
}

export function serializeTrusteePublicKey(k: TrusteePublicKey): string {
  const sig = k.signature === undefined ? '' : `,"signature":${serializeProof(k.signature)}`;
  return `{"pok":${serializeProof(k.pok)},"public_key":"${group().encode(k.publicKey)}"${sig}}`;
}

/** Public key g^x with its proof of knowledge. */
export function makeTrusteePublicKey(x: bigint): TrusteePublicKey {
  const publicKey = group().g.mulSecret(x);
  return { pok: proveSchnorr(pokPrefix(publicKey), x), publicKey };
}

export function generateSingleTrustee(): { secret: bigint; publicKey: TrusteePublicKey } {
  const secret = randomScalar();
  return { secret, publicKey: makeTrusteePublicKey(secret) };
}

export function verifyTrusteePok(k: TrusteePublicKey): boolean {
  return verifySchnorr(pokPrefix(k.publicKey), k.publicKey, k.pok);
}
