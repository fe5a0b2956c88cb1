import fc from 'fast-check';
import { planPacks, PlannedMember, spareCount } from 'src/packs/pack-plan';

const member = (n: number, over: Partial<PlannedMember> = {}): PlannedMember => ({
  memberNumber: `M${String(n).padStart(6, '0')}`,
  country: 'GB',
  postcode: `AB${n % 7} 1XY`,
  hasPostalAddress: true,
  onlineOnly: false,
  email: `m${n}@example.org`,
  ...over,
});

describe(planPacks.name, () => {
  it('orders printed packs by country then postcode, in batches with positions', () => {
    const members = [member(1, { country: 'FR', postcode: '75001' }), member(2, { postcode: 'ZZ1' }), member(3, { postcode: 'AA1' }), member(4, { country: 'DE', postcode: '10115' })];
    const plan = planPacks(members, { batchSize: 2, minSpares: 0, spareFraction: 0 });
    expect(plan.packs.map((p) => [p.memberNumber, p.batch, p.sequence, p.serial])).toEqual([
      ['M000004', 1, 1, 1],
      ['M000001', 1, 2, 2],
      ['M000003', 2, 1, 3],
      ['M000002', 2, 2, 4],
    ]);
    expect(plan.batches).toBe(2);
  });

  it('e-mails online-only members and members without a postal address; reports those it cannot reach', () => {
    const plan = planPacks([member(1), member(2, { onlineOnly: true }), member(3, { hasPostalAddress: false }), member(4, { hasPostalAddress: false, email: null })]);
    expect(plan.packs.map((p) => [p.memberNumber, p.delivery, p.batch])).toEqual([
      ['M000001', 'post', 1],
      ['M000002', 'email', null],
      ['M000003', 'email', null],
    ]);
    expect(plan.unreachable).toEqual(['M000004']);
  });

  it('reserves 2% spare credentials, at least 50, after the members’ serials', () => {
    expect(spareCount(100, { spareFraction: 0.02, minSpares: 50 })).toBe(50);
    expect(spareCount(160_000, { spareFraction: 0.02, minSpares: 50 })).toBe(3200);
    const plan = planPacks(Array.from({ length: 10 }, (_, i) => member(i)));
    expect(plan.spareSerials).toHaveLength(50);
    expect(plan.spareSerials[0]).toBe(11);
  });

  it('refuses a member listed twice', () => {
    expect(() => planPacks([member(1), member(1)])).toThrow(/appears twice/);
  });

  it('plans the same packs whatever order the roll is read in (a rerun prints identical packs)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ n: fc.integer({ min: 0, max: 10_000 }), country: fc.constantFrom('GB', 'FR', 'DE'), email: fc.boolean() })), (specs) => {
        const unique = [...new Map(specs.map((s) => [s.n, s])).values()];
        const members = unique.map((s) => member(s.n, { country: s.country, hasPostalAddress: s.email ? true : s.n % 3 !== 0 }));
        const a = planPacks(members, { batchSize: 7 });
        const b = planPacks([...members].reverse(), { batchSize: 7 });
        expect(b).toEqual(a);
        const serials = [...a.packs.map((p) => p.serial), ...a.spareSerials];
        expect(new Set(serials).size).toBe(serials.length);
      }),
      { numRuns: 200 },
    );
  });
});
