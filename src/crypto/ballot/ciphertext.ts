// ciphertext = {"alpha": G, "beta": G} (specification "Common structures"); exponential ElGamal.
import { asObject, expectFields, type Json } from 'src/crypto/encoding/json';
import { group, type FixedBase, type GroupElement } from 'src/crypto/group';
import { randomScalar } from 'src/crypto/group/scalar';

export interface Ciphertext {
  alpha: GroupElement;
  beta: GroupElement;
}

export function parseCiphertext(v: Json | undefined, path: string): Ciphertext {
  const o = asObject(v, path);
  expectFields(o, path, ['alpha', 'beta']);
  const G = group();
  return { alpha: G.decode(o.alpha as string, `${path}.alpha`), beta: G.decode(o.beta as string, `${path}.beta`) };
}

export function serializeCiphertext(c: Ciphertext): string {
  const [a, b] = group().encodeAll([c.alpha, c.beta]);
  return `{"alpha":"${a}","beta":"${b}"}`;
}

/** (g^r, y^r·g^m) with fixed-base tables only: the prover knows r. */
export function encrypt(y: FixedBase, m: bigint, r: bigint = randomScalar()): { ciphertext: Ciphertext; r: bigint } {
  const G = group();
  const alpha = G.g.mulSecret(r);
  const beta = G.add(y.mulSecret(r), G.g.mulSecret(m));
  return { ciphertext: { alpha, beta }, r };
}

export function multiplyCiphertexts(cs: readonly Ciphertext[]): Ciphertext {
  const G = group();
  let alpha = G.identity;
  let beta = G.identity;
  for (const c of cs) {
    alpha = G.add(alpha, c.alpha);
    beta = G.add(beta, c.beta);
  }
  return { alpha, beta };
}

export function ciphertextPoints(c: Ciphertext): GroupElement[] {
  return [c.alpha, c.beta];
}
