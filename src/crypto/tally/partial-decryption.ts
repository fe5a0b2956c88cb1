// Partial decryptions (specification "Partial decryptions"):
// {"decryption_factors": G**, "decryption_proofs": proof**}, factor = α^x, proof that
// log_g X = log_α F with prefix "decrypt|φ|ser(X)|" over the commitments A = g^w, B = α^w.
// owned_partial_decryption = {"owner": I, "payload": hash}.
import { asArray, asInt, asObject, asString, expectFields, parseJson, type Json } from 'src/crypto/encoding/json';
import { group, type GroupElement } from 'src/crypto/group';
import { mod, randomScalar } from 'src/crypto/group/scalar';
import { hashPoints } from 'src/crypto/proofs/fiat-shamir';
import { parseProof, serializeProofList, type Proof } from 'src/crypto/proofs/proof';
import type { EncryptedTally } from 'src/crypto/tally/encrypted-tally';

export interface PartialDecryption {
  decryptionFactors: GroupElement[][];
  decryptionProofs: Proof[][];
}

function decryptPrefix(fingerprint: string, X: GroupElement): string {
  return `decrypt|${fingerprint}|${group().encode(X)}|`;
}

/** Trustee with secret x (X = g^x) partially decrypts the tally. */
export function computePartialDecryption(fingerprint: string, tally: EncryptedTally, x: bigint): PartialDecryption {
  const G = group();
  const prefix = decryptPrefix(fingerprint, G.g.mulSecret(x));
  const decryptionFactors = tally.map((row) => row.map((c) => G.mulSecret(c.alpha, x)));
  const decryptionProofs = tally.map((row) =>
    row.map((c) => {
      const w = randomScalar();
      const challenge = hashPoints(prefix, [G.g.mulSecret(w), G.mulSecret(c.alpha, w)]);
      return { challenge, response: mod(w - x * challenge) };
    }),
  );
  return { decryptionFactors, decryptionProofs };
}

/** Indices [i, j] of factors whose proof fails (empty when all verify). */
export function verifyPartialDecryption(fingerprint: string, tally: EncryptedTally, X: GroupElement, pd: PartialDecryption): { shapeOk: boolean; invalid: [number, number][] } {
  const G = group();
  const shapeOk =
    pd.decryptionFactors.length === tally.length &&
    pd.decryptionProofs.length === tally.length &&
    tally.every((row, i) => pd.decryptionFactors[i].length === row.length && pd.decryptionProofs[i].length === row.length);
  if (!shapeOk) return { shapeOk, invalid: [] };
  const prefix = decryptPrefix(fingerprint, X);
  const invalid: [number, number][] = [];
  tally.forEach((row, i) =>
    row.forEach((c, j) => {
      const { challenge, response } = pd.decryptionProofs[i][j];
      const A = G.commit(G.g, response, X, challenge);
      const B = G.add(G.mul(c.alpha, response), G.mul(pd.decryptionFactors[i][j], challenge));
      if (hashPoints(prefix, [A, B]) !== challenge) invalid.push([i, j]);
    }),
  );
  return { shapeOk, invalid };
}

export function parsePartialDecryption(raw: string | Uint8Array | Json, path = 'partial_decryption'): PartialDecryption {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const o = asObject(v, path);
  expectFields(o, path, ['decryption_factors', 'decryption_proofs']);
  const G = group();
  return {
    decryptionFactors: asArray(o.decryption_factors, `${path}.decryption_factors`).map((row, i) =>
      asArray(row, `${path}.decryption_factors[${i}]`).map((p, j) => G.decode(asString(p, `${path}.decryption_factors[${i}][${j}]`), `${path}.decryption_factors[${i}][${j}]`)),
    ),
    decryptionProofs: asArray(o.decryption_proofs, `${path}.decryption_proofs`).map((row, i) =>
      asArray(row, `${path}.decryption_proofs[${i}]`).map((p, j) => parseProof(p, `${path}.decryption_proofs[${i}][${j}]`)),
    ),
  };
}

export function serializePartialDecryption(pd: PartialDecryption): string {
  const G = group();
  return (
    `{"decryption_factors":[${pd.decryptionFactors.map((row) => `[${G.encodeAll(row).map((h) => `"${h}"`).join(',')}]`).join(',')}],` +
    `"decryption_proofs":[${pd.decryptionProofs.map(serializeProofList).join(',')}]}`
  );
}

export interface OwnedPartialDecryption {
  owner: number;
  payload: string;
}

export function parseOwned(raw: string | Uint8Array | Json, path = 'owned_partial_decryption'): OwnedPartialDecryption {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const o = asObject(v, path);
  expectFields(o, path, ['owner', 'payload']);
  return { owner: asInt(o.owner, `${path}.owner`), payload: asString(o.payload, `${path}.payload`) };
}

export function serializeOwned(o: OwnedPartialDecryption): string {
  return `{"owner":${o.owner},"payload":"${o.payload}"}`;
}
