// Encrypted tally (specification "Tallied ballots", "Encrypted tally"): per question and choice,
// C_ij = Π_b choices(b)_ij ^ weight(b) over last(B), the last ballot of each credential in
// archive order. Serialised as an array (per question) of arrays of ciphertexts.
import { asArray, parseJson, type Json } from 'src/crypto/encoding/json';
import { group, type GroupElement } from 'src/crypto/group';
import { Q } from 'src/crypto/group/scalar';
import { parseCiphertext, serializeCiphertext, type Ciphertext } from 'src/crypto/ballot/ciphertext';
import type { Answer } from 'src/crypto/ballot/ballot';
import type { Election } from 'src/crypto/election/election';
import { choiceCount } from 'src/crypto/election/question';

export type EncryptedTally = Ciphertext[][];

export interface SizedEncryptedTally {
  numTallied: number;
  totalWeight: bigint;
  /** sha256 hex of the encrypted_tally data file. */
  encryptedTally: string;
}

/** Accumulates ballots' ciphertexts, weighting each. */
export class TallyAccumulator {
  private readonly alpha: GroupElement[][];
  private readonly beta: GroupElement[][];
  numTallied = 0;
  totalWeight = 0n;

  constructor(readonly election: Election) {
    const G = group();
    this.alpha = election.questions.map((q) => Array.from({ length: choiceCount(q) }, () => G.identity));
    this.beta = election.questions.map((q) => Array.from({ length: choiceCount(q) }, () => G.identity));
  }

  add(answers: readonly { readonly choices: readonly Ciphertext[] }[], weight: bigint): void {
    const G = group();
    const w = weight % Q;
    answers.forEach((a, i) =>
      a.choices.forEach((c, j) => {
        this.alpha[i][j] = G.add(this.alpha[i][j], w === 1n ? c.alpha : G.mul(c.alpha, w));
        this.beta[i][j] = G.add(this.beta[i][j], w === 1n ? c.beta : G.mul(c.beta, w));
      }),
    );
    this.numTallied += 1;
    this.totalWeight += weight;
  }

  result(): EncryptedTally {
    return this.alpha.map((row, i) => row.map((alpha, j) => ({ alpha, beta: this.beta[i][j] })));
  }
}

/** Tally the last ballot of each credential (revoting), with credential weights. */
export function computeEncryptedTally(election: Election, ballots: readonly { credentialHex: string; answers: readonly Answer[]; weight: bigint }[]): { tally: EncryptedTally; numTallied: number; totalWeight: bigint } {
  const last = new Map<string, (typeof ballots)[number]>();
  for (const b of ballots) {
    last.delete(b.credentialHex);
    last.set(b.credentialHex, b);
  }
  const acc = new TallyAccumulator(election);
  for (const b of last.values()) acc.add(b.answers, b.weight);
  return { tally: acc.result(), numTallied: acc.numTallied, totalWeight: acc.totalWeight };
}

export function serializeEncryptedTally(t: EncryptedTally): string {
  // One batch normalisation for the whole tally before writing.
  group().encodeAll(t.flatMap((row) => row.flatMap((c) => [c.alpha, c.beta])));
  return `[${t.map((row) => `[${row.map(serializeCiphertext).join(',')}]`).join(',')}]`;
}

export function parseEncryptedTally(raw: string | Uint8Array | Json, path = 'encrypted_tally'): EncryptedTally {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  return asArray(v, path).map((row, i) => asArray(row, `${path}[${i}]`).map((c, j) => parseCiphertext(c, `${path}[${i}][${j}]`)));
}

export function serializeSizedEncryptedTally(s: SizedEncryptedTally): string {
  return `{"num_tallied":${s.numTallied},"total_weight":${s.totalWeight},"encrypted_tally":"${s.encryptedTally}"}`;
}

export function tallyShapeMatches(election: Election, t: EncryptedTally): boolean {
  return t.length === election.questions.length && t.every((row, i) => row.length === choiceCount(election.questions[i]));
}
