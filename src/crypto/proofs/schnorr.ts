// Schnorr proof of knowledge of x with X = g^x, bound to a hash prefix. One shape serves the
// trustee PoK ("pok|G|X|"), PKI signatures ("sigmsg|M|") and ballot signatures ("sig|h|")
// (specification "Verification keys", "Public key infrastructure", "Signatures").
import { group, type GroupElement } from 'src/crypto/group';
import { mod, randomScalar } from 'src/crypto/group/scalar';
import { hashPoints } from 'src/crypto/proofs/fiat-shamir';
import type { Proof } from 'src/crypto/proofs/proof';

export function proveSchnorr(prefix: string, x: bigint): Proof {
  const G = group();
  const w = randomScalar();
  const challenge = hashPoints(prefix, [G.g.mulSecret(w)]);
  return { challenge, response: mod(w - x * challenge) };
}

/** A = g^response · X^challenge, then challenge must equal H(prefix, A). */
export function verifySchnorr(prefix: string, X: GroupElement, proof: Proof): boolean {
  const G = group();
  const A = G.commit(G.g, proof.response, X, proof.challenge);
  return hashPoints(prefix, [A]) === proof.challenge;
}
