// Combining partial decryptions and computing the result (specification "Election result").
// Per trustee item: a Single contributes its factor; a Pedersen block contributes
// Π_{δ∈I} F_δ^{λ_δ} with Lagrange coefficients λ_δ = Π_{k∈I\{δ}} k/(k−δ) over the indices I of
// its members that decrypted (at least `threshold`). result_ij = log_g(β_ij / Π_items F).
import { asArray, asInt, asObject, expectFields, parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { Q, mod, modInverse } from 'src/crypto/group/scalar';
import { DlogSolver } from 'src/crypto/tally/dlog';
import type { EncryptedTally } from 'src/crypto/tally/encrypted-tally';
import type { PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { ownerSlots, type TrusteeKind } from 'src/crypto/trustees/trustees';

export type ElectionResult = bigint[][];

export function lagrangeCoefficient(indices: readonly number[], delta: number): bigint {
  let num = 1n;
  let den = 1n;
  for (const k of indices) {
    if (k === delta) continue;
    num = mod(num * BigInt(k));
    den = mod(den * BigInt(k - delta));
  }
  return mod(num * modInverse(den, Q));
}

/**
 * Combine verified partial decryptions, keyed by owner (1-based flattened index). Throws when an
 * item lacks decryptions (a Single missing, or fewer Pedersen members than the threshold).
 */
export function combineFactors(trustees: readonly TrusteeKind[], tally: EncryptedTally, byOwner: ReadonlyMap<number, PartialDecryption>): GroupElement[][] {
  const G = group();
  const slots = ownerSlots(trustees);
  let combined = tally.map((row) => row.map(() => G.identity));
  const addFactor = (pd: PartialDecryption, exponent: bigint): void => {
    combined = combined.map((row, i) => row.map((f, j) => G.add(f, exponent === 1n ? pd.decryptionFactors[i][j] : G.mul(pd.decryptionFactors[i][j], exponent))));
  };
  trustees.forEach((t, item) => {
    const owners = slots.map((s, o) => ({ ...s, owner: o + 1 })).filter((s) => s.item === item && byOwner.has(s.owner));
    if (t.kind === 'Single') {
      if (owners.length !== 1) throw new CryptoError('invalid_argument', `trustees[${item}]`, 'missing partial decryption of a Single trustee');
      addFactor(byOwner.get(owners[0].owner)!, 1n);
      return;
    }
    if (owners.length < t.parameters.threshold) {
      throw new CryptoError('invalid_argument', `trustees[${item}]`, `only ${owners.length} of the ${t.parameters.threshold} Pedersen partial decryptions needed`);
    }
    const chosen = owners.slice(0, t.parameters.threshold);
    const indices = chosen.map((s) => s.member);
    for (const s of chosen) addFactor(byOwner.get(s.owner)!, lagrangeCoefficient(indices, s.member));
  });
  return combined;
}

export function computeResult(tally: EncryptedTally, factors: readonly (readonly GroupElement[])[], totalWeight: bigint): ElectionResult {
  const G = group();
  const solver = new DlogSolver(totalWeight);
  return tally.map((row, i) => row.map((c, j) => solver.solve(G.sub(c.beta, factors[i][j]), `result[${i}][${j}]`)));
}

export function serializeResult(r: ElectionResult): string {
  return `{"result":[${r.map((row) => `[${row.join(',')}]`).join(',')}]}`;
}

export function parseResult(raw: string | Uint8Array | Json, path = 'result'): ElectionResult {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const o = asObject(v, path);
  expectFields(o, path, ['result']);
  return asArray(o.result, `${path}.result`).map((row, i) => asArray(row, `${path}.result[${i}]`).map((n, j) => BigInt(asInt(n, `${path}.result[${i}][${j}]`))));
}
