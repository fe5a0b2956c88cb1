// The proofs attached to a homomorphic answer (specification "Homomorphic answers",
// "Proofs of interval membership", "Proofs of possibly-blank votes"). Prover and verifier share
// the statement and hash-prefix builders below, so both sides hash exactly the same strings.
//   S0 = φ "|" ser(credential);  S = S0 "|" α1,β1,α2,β2,…  (all choices of the answer)
//   individual:  prove|S0|α,β|A0,B0,A1,B1      (M = 0, 1)
//   overall:     prove|S|Πα,Πβ|A0,B0,…         (M = min..max)          — blank not allowed
//   blank:       bproof0|S|A0,B0,AΣ,BΣ          ((α0,β0) or (αΣ,βΣ) encrypts 0)
//   overall:     bproof1|S|A0,B0,A1,B1,…        (m0 = 1, or mΣ ∈ min..max) — blank allowed
import { group, type FixedBase } from 'src/crypto/group';
import { multiplyCiphertexts, type Ciphertext } from 'src/crypto/ballot/ciphertext';
import type { Question } from 'src/crypto/election/question';
import { intervalStatements, type Statement } from 'src/crypto/proofs/disjunctive';

export const ZERO_ONE = [0n, 1n] as const;

export function s0(fingerprint: string, credentialHex: string): string {
  return `${fingerprint}|${credentialHex}`;
}

export function answerS(S0: string, choices: readonly Ciphertext[]): string {
  const hex = group().encodeAll(choices.flatMap((c) => [c.alpha, c.beta]));
  return `${S0}|${hex.join(',')}`;
}

export function individualPrefix(S0: string, c: Ciphertext): string {
  const [a, b] = group().encodeAll([c.alpha, c.beta]);
  return `prove|${S0}|${a},${b}|`;
}

export function range(min: number, max: number): bigint[] {
  const out: bigint[] = [];
  for (let m = min; m <= max; m++) out.push(BigInt(m));
  return out;
}

/** Overall proof when blank is not allowed: the product of all choices encrypts min..max. */
export function overallNoBlank(S: string, q: Question, choices: readonly Ciphertext[]): { prefix: string; statements: Statement[] } {
  const sum = multiplyCiphertexts(choices);
  const [a, b] = group().encodeAll([sum.alpha, sum.beta]);
  return { prefix: `prove|${S}|${a},${b}|`, statements: intervalStatements(sum.alpha, sum.beta, range(q.min, q.max)) };
}

/** Blank proof: (α0,β0) encrypts 0, or (αΣ,βΣ) encrypts 0. */
export function blankProofStatements(S: string, choices: readonly Ciphertext[]): { prefix: string; statements: Statement[] } {
  const sigma = multiplyCiphertexts(choices.slice(1));
  return { prefix: `bproof0|${S}|`, statements: [choices[0], sigma] };
}

/** Overall proof with blank: (α0,β0) encrypts 1, or (αΣ,βΣ) encrypts one of min..max. */
export function overallWithBlank(S: string, q: Question, choices: readonly Ciphertext[]): { prefix: string; statements: Statement[] } {
  const G = group();
  const sigma = multiplyCiphertexts(choices.slice(1));
  const first: Statement = { alpha: choices[0].alpha, beta: G.sub(choices[0].beta, G.g.point) };
  return { prefix: `bproof1|${S}|`, statements: [first, ...intervalStatements(sigma.alpha, sigma.beta, range(q.min, q.max))] };
}

export type { FixedBase };
