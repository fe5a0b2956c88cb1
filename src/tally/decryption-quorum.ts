import { ownerSlots, type OwnerSlot, type TrusteeKind } from 'src/crypto/trustees/trustees';

/**
 * Who must decrypt (docs/TALLY.md): every Single trustee, and at least `threshold` members of
 * each Pedersen group — absent members beyond that are not waited for.
 */
export class DecryptionQuorum {
  readonly slots: OwnerSlot[];

  constructor(readonly trustees: readonly TrusteeKind[]) {
    this.slots = ownerSlots(trustees);
  }

  /** The fewest partial decryptions that can give the result. */
  get needed(): number {
    return this.trustees.reduce((n, t) => n + (t.kind === 'Single' ? 1 : t.parameters.threshold), 0);
  }

  describe(): string {
    const singles = this.trustees.filter((t) => t.kind === 'Single').length;
    const groups = this.trustees.flatMap((t) => (t.kind === 'Pedersen' ? [`${t.parameters.threshold} of the ${t.parameters.verificationKeys.length} members of a threshold group`] : []));
    const parts = [...(singles > 0 ? [singles === 1 ? 'the single trustee' : `each of the ${singles} single trustees`] : []), ...groups];
    return `${parts.join(', and ')} (${this.needed} partial decryption${this.needed === 1 ? '' : 's'})`;
  }

  isOwner(owner: number): boolean {
    return Number.isInteger(owner) && owner >= 1 && owner <= this.slots.length;
  }

  complete(owners: Iterable<number>): boolean {
    const have = new Set(owners);
    return this.trustees.every((t, item) => {
      const decrypted = this.slots.filter((s, o) => s.item === item && have.has(o + 1)).length;
      return decrypted >= (t.kind === 'Single' ? 1 : t.parameters.threshold);
    });
  }
}
