import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PrecedencePolicy } from 'src/elections/election.types';
import { countedChannel } from 'src/precedence/engine';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

const member = { eligible: true, restriction: 'any' as const };

describe(PrecedenceService.name, () => {
  let t: TestApp;
  let svc: PrecedenceService;
  beforeAll(async () => {
    t = await createTestApp();
    svc = t.get(PrecedenceService);
  });
  afterAll(() => t.close());

  const attempt = (election: Awaited<ReturnType<typeof openElection>>, memberId: string, kind: 'online_cast' | 'postal_return', n: number) =>
    svc.decideAlone({ election, memberId, member, event: { kind }, actor: SYSTEM, subject: { attempt: n } });

  it.each<[PrecedencePolicy]>([['first-wins'], ['last-wins'], ['online-overrides-postal'], ['postal-overrides-online']])(
    '%s: twenty racing attempts for one member leave one counted vote and a gap-free decision log',
    async (policy) => {
      const election = await openElection(t, { precedencePolicy: policy, onlineRevoting: false });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(election, 'M-race', i % 2 === 0 ? 'online_cast' : 'postal_return', i)),
      );
      const row = await t.dataSource.getRepository(ParticipationEntity).findOneByOrFail({ electionId: election.id, memberId: 'M-race' });
      expect(row.decisions).toBe(20);
      expect(results.map((r) => r.decisionNo).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(countedChannel(row)).not.toBeNull();
      // Without revoting, at most one online ballot and one envelope were ever accepted
      // (under the rules where online beats a sealed envelope, one of each may be).
      const onlineAccepted = results.filter((r) => (r.effects as string[]).includes('count_online')).length;
      expect(onlineAccepted).toBeLessThanOrEqual(1);
      const envelopes = results.filter((r) => r.verdict === 'hold' || (r.effects as string[]).includes('accept_envelope')).length;
      expect(envelopes).toBeLessThanOrEqual(1);
      expect(onlineAccepted + envelopes).toBeGreaterThanOrEqual(1);
      const integrity = await t.get(EventLogService).verifyElection(election.id);
      expect(integrity.every((c) => c.ok)).toBe(true);
      expect(integrity.reduce((n, c) => n + (c.chain.includes(':decisions-') ? c.events : 0), 0)).toBe(20);
    },
  );

  it('releases held envelopes when online voting closes, and leaves pulled ones on the pull list', async () => {
    const election = await openElection(t, { precedencePolicy: 'online-overrides-postal' });
    expect((await attempt(election, 'M-held', 'postal_return', 1)).verdict).toBe('hold');
    expect((await attempt(election, 'M-pull', 'postal_return', 1)).verdict).toBe('hold');
    expect((await attempt(election, 'M-pull', 'online_cast', 2)).effects).toContain('pull_envelope');
    await t.get(ElectionsService).transition(election.id, 'online_closed', SYSTEM);
    expect(await svc.helpdeskStatus(election.id, 'M-held')).toBe('postal_accepted');
    expect(await svc.helpdeskStatus(election.id, 'M-pull')).toBe('postal_pull_pending');
    expect(await svc.helpdeskStatus(election.id, 'M-none')).toBe('not_voted');
    const closed = await t.get(ElectionsService).get(election.id);
    const late = await attempt(closed, 'M-late', 'online_cast', 1);
    expect(late).toMatchObject({ verdict: 'reject', reason: 'online_closed' });
  });

  it('refuses a return after the postal deadline as late', async () => {
    const election = await openElection(t, { precedencePolicy: 'first-wins' });
    const after = new Date(Date.parse(election.timeline.postalDeadline!) + 1000);
    const d = await svc.decideAlone({ election, memberId: 'M-late', member, event: { kind: 'postal_return' }, actor: SYSTEM, subject: {}, now: after });
    expect(d).toMatchObject({ verdict: 'reject', reason: 'late' });
  });
});
