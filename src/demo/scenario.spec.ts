import { expectedFigures } from 'src/demo/expected-result';
import { seededRandom } from 'src/demo/random';
import { buildScenario, expectationFor, MIN_MEMBERS } from 'src/demo/scenario';
import { PRECEDENCE_POLICIES } from 'src/elections/election.types';

describe('demo scenario', () => {
  it('is the same roll and the same behaviour for the same seed, and another for another seed', () => {
    const a = buildScenario(300, seededRandom('x'));
    expect(buildScenario(300, seededRandom('x'))).toEqual(a);
    expect(buildScenario(300, seededRandom('y')).plans.map((p) => p.story)).not.toEqual(a.plans.map((p) => p.story));
  });

  it.each([MIN_MEMBERS, 150, 2000])('with %i members, provokes every case the demo checks', (n) => {
    const { plans, roll } = buildScenario(n, seededRandom(`cases-${n}`));
    expect(roll).toHaveLength(n);
    expect(roll.every((r) => r.weight === '1')).toBe(true);
    const stories = new Set(plans.map((p) => p.story));
    for (const s of ['online', 'online_revote', 'postal', 'online_then_postal', 'postal_then_online', 'abstain']) expect(stories).toContain(s);
    const papers = new Set(plans.filter((p) => p.arrival && p.arrival !== 'late').map((p) => p.paper?.kind));
    expect([...papers].sort()).toEqual(['blank', 'not_genuine', 'over_vote', 'valid']);
    expect(plans.filter((p) => p.arrival === 'late').length).toBeGreaterThanOrEqual(1);
    expect(plans.filter((p) => p.duplicateReturn && p.arrival !== 'late').length).toBeGreaterThanOrEqual(1);
    expect(plans.filter((p) => p.reissued).length).toBeGreaterThanOrEqual(2);
    expect(plans.filter((p) => p.triesOnline && p.restriction === 'postal-only')).toHaveLength(1);
    expect(plans.some((p) => p.restriction === 'online-only' && p.arrival === null)).toBe(true);
  });

  it('gives about 45% online and 40% by post on a large roll', () => {
    const { plans } = buildScenario(20_000, seededRandom('shares'));
    const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;
    expect(share((p) => p.ballots.length > 0)).toBeGreaterThan(0.4);
    expect(share((p) => p.ballots.length > 0)).toBeLessThan(0.5);
    expect(share((p) => p.arrival !== null)).toBeGreaterThan(0.35);
    expect(share((p) => p.arrival !== null)).toBeLessThan(0.45);
  });

  it('reads DESIGN.md §8 for each conflict: who counts under each rule', () => {
    const { plans } = buildScenario(200, seededRandom('rules'));
    const otp = plans.find((p) => p.story === 'online_then_postal')!;
    const pto = plans.find((p) => p.story === 'postal_then_online')!;
    const counted = (p: typeof otp) => PRECEDENCE_POLICIES.map((rule) => [rule, expectationFor(p, rule).counted]);
    expect(counted(otp)).toEqual([
      ['first-wins', 'online'],
      ['last-wins', 'postal'],
      ['online-overrides-postal', 'online'],
      ['postal-overrides-online', 'postal'],
    ]);
    expect(counted(pto)).toEqual([
      ['first-wins', 'postal'],
      ['last-wins', 'online'],
      ['online-overrides-postal', 'online'],
      ['postal-overrides-online', 'postal'],
    ]);
  });

  it('expects each member counted at most once, and totals that add up', () => {
    const { plans } = buildScenario(500, seededRandom('totals'));
    for (const rule of PRECEDENCE_POLICIES) {
      const { result } = expectedFigures(plans, rule);
      const counted = plans.filter((p) => expectationFor(p, rule).counted !== null).length;
      expect(result.turnout.total).toBe(counted);
      expect(result.turnout.online + result.turnout.postal).toBe(counted);
      // Question 1 takes exactly one answer from each online ballot and each valid paper.
      expect(result.questions[0].answers.reduce((n, a) => n + a.total, 0)).toBe(result.turnout.online + result.postal.valid);
      expect(result.postal.valid + result.postal.blank + result.postal.invalid).toBe(result.postal.papers);
    }
  });
});
