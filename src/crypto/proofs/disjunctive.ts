// Disjunctive Chaum–Pedersen proofs: "(alpha_j, beta_j) is an encryption of 0 for some j",
// proven with one real and k simulated Schnorr-like branches whose challenges sum to the hash.
// Interval proofs (specification "Proofs of interval membership") and both blank-vote proofs
// ("Proofs of possibly-blank votes") are instances: they differ only in the hash prefix and in
// the statements (beta_j already divided by g^{M_j}).
import { group, type FixedBase, type GroupElement } from 'src/crypto/group';
import { Q, mod, randomScalar } from 'src/crypto/group/scalar';
import { hashPoints } from 'src/crypto/proofs/fiat-shamir';
import type { Proof } from 'src/crypto/proofs/proof';

export interface Statement {
  alpha: GroupElement;
  /** beta / g^{M_j}: the branch claims this pair encrypts 0 under y with randomness r. */
  beta: GroupElement;
}

/** A_j = g^response·alpha^challenge, B_j = y^response·beta^challenge; Σ challenge ≡ H(prefix, A,B…). */
export function verifyDisjunction(prefix: string, y: FixedBase, statements: readonly Statement[], proofs: readonly Proof[]): boolean {
  if (proofs.length !== statements.length) return false;
  const G = group();
  const commitments: GroupElement[] = [];
  let sum = 0n;
  for (let j = 0; j < proofs.length; j++) {
    const { challenge, response } = proofs[j];
    commitments.push(G.commit(G.g, response, statements[j].alpha, challenge));
    commitments.push(G.commit(y, response, statements[j].beta, challenge));
    sum += challenge;
  }
  return hashPoints(prefix, commitments) === sum % Q;
}

/** Prove branch `real` (whose pair is (g^r, y^r)); other branches are simulated. */
export function proveDisjunction(prefix: string, y: FixedBase, statements: readonly Statement[], real: number, r: bigint): Proof[] {
  const G = group();
  const proofs: Proof[] = new Array<Proof>(statements.length);
  const commitments: GroupElement[] = new Array<GroupElement>(2 * statements.length);
  const w = randomScalar();
  let others = 0n;
  for (let j = 0; j < statements.length; j++) {
    if (j === real) {
      commitments[2 * j] = G.g.mulSecret(w);
      commitments[2 * j + 1] = y.mulSecret(w);
      continue;
    }
    const challenge = randomScalar();
    const response = randomScalar();
    proofs[j] = { challenge, response };
    others += challenge;
    // Simulated branches use the constant-time path too, so timing does not reveal `real`.
    commitments[2 * j] = G.add(G.g.mulSecret(response), G.mulSecret(statements[j].alpha, challenge));
    commitments[2 * j + 1] = G.add(y.mulSecret(response), G.mulSecret(statements[j].beta, challenge));
  }
  const challenge = mod(hashPoints(prefix, commitments) - others);
  proofs[real] = { challenge, response: mod(w - r * challenge) };
  return proofs;
}

/** Statements for "(alpha, beta) encrypts one of Ms". */
export function intervalStatements(alpha: GroupElement, beta: GroupElement, Ms: readonly bigint[]): Statement[] {
  const G = group();
  return Ms.map((m) => ({ alpha, beta: m === 0n ? beta : G.sub(beta, G.g.mul(m)) }));
}
