// Planning a print run (DESIGN.md §5): which pack serial each member gets, which print batch
// and position it lands in, and how many spare credentials are made for reissues. Pure, so a
// rerun after a crash plans exactly the same packs.

export type Delivery = 'post' | 'email';

export interface PlannedMember {
  memberNumber: string;
  country: string;
  postcode: string | null;
  /** Members flagged online-only, or without a postal address, get their codes by e-mail. */
  hasPostalAddress: boolean;
  onlineOnly: boolean;
  email: string | null;
}

export interface PackPlanEntry {
  serial: number;
  memberNumber: string;
  delivery: Delivery;
  /** Print batch (1-based) and position in it; null for e-mailed packs. */
  batch: number | null;
  sequence: number | null;
}

export interface PackPlan {
  packs: PackPlanEntry[];
  /** Serials reserved for spare credentials (reissues), after the members' serials. */
  spareSerials: number[];
  batches: number;
  /** Members who can receive neither a printed nor an e-mailed pack. */
  unreachable: string[];
}

export interface PlanOptions {
  batchSize: number;
  /** Fraction of members (default 0.02) … */
  spareFraction: number;
  /** … but at least this many spares (default 50). */
  minSpares: number;
  /** First serial (1 unless packs already exist for the election). */
  firstSerial: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { batchSize: 1000, spareFraction: 0.02, minSpares: 50, firstSerial: 1 };

/** Postal sorting order: country, then postcode (printers get discounts for pre-sorted mail). */
function postalOrder(a: PlannedMember, b: PlannedMember): number {
  return (
    compare(a.country, b.country) ||
    compare(a.postcode ?? '', b.postcode ?? '') ||
    compare(a.memberNumber, b.memberNumber)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function spareCount(members: number, o: Pick<PlanOptions, 'spareFraction' | 'minSpares'>): number {
  return Math.max(o.minSpares, Math.ceil(members * o.spareFraction));
}

export function planPacks(members: readonly PlannedMember[], options: Partial<PlanOptions> = {}): PackPlan {
  const o = { ...DEFAULT_PLAN_OPTIONS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.memberNumber)) throw new RangeError(`member ${m.memberNumber} appears twice`);
    seen.add(m.memberNumber);
  }
  const byPost: PlannedMember[] = [];
  const byEmail: PlannedMember[] = [];
  const unreachable: string[] = [];
  for (const m of members) {
    if (m.hasPostalAddress && !m.onlineOnly) byPost.push(m);
    else if (m.email) byEmail.push(m);
    else unreachable.push(m.memberNumber);
  }
  byPost.sort(postalOrder);
  byEmail.sort((a, b) => compare(a.memberNumber, b.memberNumber));

  const packs: PackPlanEntry[] = [];
  let serial = o.firstSerial;
  byPost.forEach((m, i) => {
    packs.push({ serial: serial++, memberNumber: m.memberNumber, delivery: 'post', batch: Math.floor(i / o.batchSize) + 1, sequence: (i % o.batchSize) + 1 });
  });
  for (const m of byEmail) packs.push({ serial: serial++, memberNumber: m.memberNumber, delivery: 'email', batch: null, sequence: null });
  const spares = spareCount(members.length - unreachable.length, o);
  const spareSerials = Array.from({ length: spares }, () => serial++);
  return { packs, spareSerials, batches: Math.ceil(byPost.length / o.batchSize), unreachable: unreachable.sort(compare) };
}
