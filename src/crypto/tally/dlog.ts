// Small discrete logarithms for the result (specification "Election result": log_g of a value
// bounded by the total weight). Baby-step giant-step: a table of g^0..g^{m-1} (m ≈ √bound,
// computed once per bound and shared by every tally entry), then at most m giant steps.
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';

export class DlogSolver {
  private readonly m: bigint;
  private readonly baby = new Map<string, bigint>();
  private readonly giant: GroupElement;

  constructor(readonly bound: bigint) {
    const G = group();
    let m = 1n;
    while (m * m <= bound) m *= 2n;
    this.m = m;
    const steps: GroupElement[] = [];
    let acc = G.identity;
    for (let i = 0n; i < m; i++) {
      steps.push(acc);
      acc = G.add(acc, G.g.point);
    }
    G.encodeAll(steps).forEach((h, i) => this.baby.set(h, BigInt(i)));
    this.giant = G.sub(G.identity, G.g.mul(m)); // g^{-m}
  }

  /** x in [0, bound] with g^x = target; throws when there is none. */
  solve(target: GroupElement, path: string): bigint {
    const G = group();
    let cur = target;
    for (let k = 0n; k * this.m <= this.bound; k++) {
      const hit = this.baby.get(G.encode(cur));
      if (hit !== undefined) {
        const x = k * this.m + hit;
        if (x <= this.bound) return x;
        break;
      }
      cur = G.add(cur, this.giant);
    }
    throw new CryptoError('dlog_not_found', path, `no value in [0, ${this.bound}] decrypts this entry`);
  }
}
