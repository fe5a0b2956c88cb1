// Trustee PKI (specification "Public key infrastructure"): a 22-character Base58 seed s gives a
// signing key sk = SHA256("sk|"+s) and a decryption key dk = SHA256("dk|"+s) (as integers mod q).
// signed_msg = {"message": string, "signature": proof}, signature prefix "sigmsg|M|".
import { randomBase58 } from 'src/crypto/encoding/base58';
import { asObject, asString, expectFields, jsonString, type Json } from 'src/crypto/encoding/json';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { group, type GroupElement } from 'src/crypto/group';
import { Q } from 'src/crypto/group/scalar';
import { parseProof, serializeProof, type Proof } from 'src/crypto/proofs/proof';
import { proveSchnorr, verifySchnorr } from 'src/crypto/proofs/schnorr';

export interface SignedMessage {
  message: string;
  signature: Proof;
}

export function generatePkiSeed(): string {
  return randomBase58(22);
}

export function deriveSigningKey(seed: string): bigint {
  return BigInt('0x' + sha256Hex(`sk|${seed}`)) % Q;
}

export function deriveDecryptionKey(seed: string): bigint {
  return BigInt('0x' + sha256Hex(`dk|${seed}`)) % Q;
}

export function signMessage(sk: bigint, message: string): SignedMessage {
  return { message, signature: proveSchnorr(`sigmsg|${message}|`, sk) };
}

export function verifySignature(vk: GroupElement, message: string, signature: Proof): boolean {
  return verifySchnorr(`sigmsg|${message}|`, vk, signature);
}

export function parseSignedMessage(v: Json | undefined, path: string): SignedMessage {
  const o = asObject(v, path);
  expectFields(o, path, ['message', 'signature']);
  return { message: asString(o.message, `${path}.message`), signature: parseProof(o.signature, `${path}.signature`) };
}

export function serializeSignedMessage(m: SignedMessage): string {
  return `{"message":${jsonString(m.message)},"signature":${serializeProof(m.signature)}}`;
}

export function verificationKeyOf(sk: bigint): GroupElement {
  return group().g.mulSecret(sk);
}
