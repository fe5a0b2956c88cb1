import { randomUUID } from 'node:crypto';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { signIn } from 'test/support/auth';
import { packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('what the rule did, and the helpdesk (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const online = (e: ElectionEntity, memberId: string) =>
    t.get(PrecedenceService).decideAlone({ election: e, memberId, member: { eligible: true, restriction: 'any' }, event: { kind: 'online_cast' }, actor: SYSTEM, subject: {} });

  it('online-overrides-postal: counts attempts, refusals by reason, overridden envelopes, revotes and releases; the helpdesk sees status, not votes', async () => {
    const e = await openElection(t, { precedencePolicy: 'online-overrides-postal', onlineRevoting: true });
    const [m0, m1, m2, m3, m4] = await packCodes(t, e.id);
    const staff = await signIn(t, 'count_staff');
    const admin = await signIn(t, 'administrator');
    const session = (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'HD' }).expect(201)).body.id as string;
    const scan = (code: string) => t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201);

    await scan(m0.code); // held …
    await online(e, m0.memberNumber); // … then beaten by an online vote: on the pull list
    await scan(m1.code); // held, released at online close
    await online(e, m2.memberNumber);
    expect((await scan(m2.code)).body.reason).toBe('already_voted_online');
    await online(e, m3.memberNumber);
    await online(e, m3.memberNumber); // a revote
    await t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', admin).send({ memberNumber: m4.memberNumber, reason: 'lost in the post' }).expect(201);
    await t.get(ElectionsService).transition(e.id, 'online_closed', SYSTEM);

    const report = await t.http().get(`/elections/${e.id}/precedence/report`).set('Authorization', await signIn(t, 'observer')).expect(200);
    expect(report.body).toEqual({
      policy: 'online-overrides-postal',
      onlineRevoting: true,
      decisions: {
        attempts: { online: 4, postal: 3 },
        accepted: { online: 4, postal: 0, heldSealed: 2 },
        refused: { online: {}, postal: { already_voted_online: 1 } },
        postalOverriddenByOnline: 1,
        onlineSupersededByPostal: 0,
        onlineReplacedByRevote: 1,
        releasedAtOnlineClose: 1,
        reverted: 0,
      },
      members: { countedOnline: 3, countedPostal: 1, envelopesHeld: 0, envelopesToPull: 1, envelopesPulled: 0, onlineSuperseded: 0 },
    });

    const status = async (m: string) => (await t.http().get(`/elections/${e.id}/members/${m}/status`).set('Authorization', admin).expect(200)).body;
    expect(await status(m0.memberNumber)).toMatchObject({ status: 'postal_pull_pending', eligible: true, packReplaced: false, lastRefused: null });
    expect(await status(m1.memberNumber)).toMatchObject({ status: 'postal_accepted' });
    expect(await status(m2.memberNumber)).toMatchObject({ status: 'voted_online', lastRefused: { reason: 'already_voted_online', channel: 'postal' } });
    const replaced = await status(m4.memberNumber);
    expect(replaced).toMatchObject({ status: 'not_voted', packReplaced: true });
    expect(replaced.packs.map((p: { status: string }) => p.status)).toEqual(['active', 'voided']);
    expect(await status('M-not-on-roll')).toMatchObject({ status: 'not_voted', eligible: false, packs: [] });
    // Participation is personal data: only headquarters' administrators see it.
    for (const role of ['observer', 'count_staff', 'count_supervisor'] as const) {
      await t.http().get(`/elections/${e.id}/members/${m0.memberNumber}/status`).set('Authorization', await signIn(t, role)).expect(403);
    }
  });
});
