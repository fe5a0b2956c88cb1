import { ElectionEntity } from 'src/elections/election.entity';
import { PrecedencePolicy } from 'src/elections/election.types';
import { SYSTEM } from 'src/events/actor';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { RollService } from 'src/roll/roll.service';
import { signIn } from 'test/support/auth';
import { openElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';
import { signInVoter, voterCookie, votingIdOf } from 'test/support/voter';

jest.setTimeout(60_000);

// GET …/voter/me in every state the existing services can put a member in (online ballots come
// from the ballot box after the merge; here an online vote is decided through PrecedenceService).
describe('the member’s status (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
  });
  afterAll(() => t.close());

  const me = async (e: ElectionEntity, memberNumber: string) => {
    const cookie = await signInVoter(t, e, memberNumber);
    return (await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie).expect(200)).body;
  };
  const decide = (e: ElectionEntity, memberId: string, kind: 'postal_return' | 'online_cast') =>
    t.get(PrecedenceService).decideAlone({ election: e, memberId, member: { eligible: true, restriction: 'any' }, event: { kind }, actor: SYSTEM, subject: {} });

  it('shows the election as published, and that a member who has not voted can vote — recording nothing', async () => {
    const e = await openElection(t, {
      questions: [
        { question: 'Leader?', answers: ['Zoë', 'Adam', 'Mia'], min: 1, max: 1, blank: true },
        { question: 'Motions?', answers: ['A', 'B'], min: 0, max: 2, blank: false },
      ],
      precedencePolicy: 'last-wins',
      onlineRevoting: false,
    });
    const body = await me(e, 'M0001');
    expect(body.election).toEqual({
      id: e.id,
      title: e.title,
      description: e.description,
      questions: [
        { question: 'Leader?', answers: ['Zoë', 'Adam', 'Mia'], min: 1, max: 1, blank: true },
        { question: 'Motions?', answers: ['A', 'B'], min: 0, max: 2, blank: false },
      ],
      revoting: false,
      policy: 'last-wins',
      onlineOpensAt: e.timeline.onlineOpensAt,
      onlineClosesAt: e.timeline.onlineClosesAt,
      timeZone: 'UTC',
    });
    expect(body).toMatchObject({
      state: 'can_vote',
      explanation: expect.stringMatching(/^You can vote online until .+ UTC\.$/),
      castPreview: { verdict: 'accept', reason: null, explanation: 'Your online ballot will count.' },
      lastBallot: null,
    });
    expect(await t.dataSource.getRepository(ParticipationEntity).countBy({ electionId: e.id })).toBe(0);
  });

  it.each<[PrecedencePolicy, string, object]>([
    ['first-wins', 'postal_counts', { verdict: 'reject', reason: 'already_voted_by_post' }],
    ['postal-overrides-online', 'postal_counts', { verdict: 'reject', reason: 'already_voted_by_post' }],
    ['online-overrides-postal', 'can_vote', { verdict: 'accept', explanation: 'A postal vote from you has been received; voting online will replace it.' }],
    ['last-wins', 'can_vote', { verdict: 'accept', explanation: 'A postal vote from you has been received; voting online will replace it.' }],
  ])('after a postal vote under %s: %s', async (policy, state, preview) => {
    const e = await openElection(t, { precedencePolicy: policy });
    await decide(e, 'M0002', 'postal_return');
    const body = await me(e, 'M0002');
    expect(body).toMatchObject({ state, castPreview: preview });
    expect(body.explanation).toMatch(/postal vote/);
  });

  it('after an online vote: voted_online without revoting, can_vote (replacing it) with revoting', async () => {
    const once = await openElection(t, { onlineRevoting: false });
    await decide(once, 'M0001', 'online_cast');
    expect(await me(once, 'M0001')).toMatchObject({
      state: 'voted_online',
      castPreview: { verdict: 'reject', reason: 'revoting_not_allowed' },
      explanation: expect.stringContaining('does not allow voting again'),
    });
    const again = await openElection(t, { onlineRevoting: true });
    await decide(again, 'M0001', 'online_cast');
    expect(await me(again, 'M0001')).toMatchObject({
      state: 'can_vote',
      castPreview: { verdict: 'accept', explanation: expect.stringContaining('replace your earlier online ballot') },
      explanation: expect.stringContaining('only your last online ballot will count'),
    });
  });

  it('tells the holder of a replaced pack plainly, while the new pack signs in to vote', async () => {
    const e = await openElection(t);
    const before = await signInVoter(t, e, 'M0003');
    const reissued = (await t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', admin).send({ memberNumber: 'M0003', reason: 'lost in the post' }).expect(201)).body;
    // A session opened before the reissue sees it at once.
    expect((await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', before).expect(200)).body).toMatchObject({ state: 'pack_replaced' });
    // The old Voting ID with the right date of birth still signs in, to be told.
    const old = await t.http().post(`/elections/${e.id}/voter/sign-in`).send({ votingId: votingIdOf(t, e, reissued.voidedSerial), secondFactor: '1980-01-01' }).expect(200);
    expect(old.body).toMatchObject({ status: 'pack_replaced', explanation: expect.stringContaining('new pack') });
    const body = (await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', voterCookie(old.headers['set-cookie'])).expect(200)).body;
    expect(body.castPreview).toMatchObject({ verdict: 'reject', reason: 'credential_voided' });
    // With the wrong date of birth it is refused like any other failure.
    await t.http().post(`/elections/${e.id}/voter/sign-in`).send({ votingId: votingIdOf(t, e, reissued.voidedSerial), secondFactor: '1980-01-02' }).expect(401);
    expect(await me(e, 'M0003')).toMatchObject({ state: 'can_vote' });
  });

  it('not_eligible after the roll is corrected, postal_only for a postal-only member', async () => {
    const e = await openElection(t, {}, [...members(1, 2), { member_number: 'POST1', channel: 'postal-only' }]);
    await t.get(RollService).amendMember(e.id, 'M0002', { eligible: false }, 'late appeal upheld', SYSTEM);
    expect(await me(e, 'M0002')).toMatchObject({ state: 'not_eligible', castPreview: { verdict: 'reject', reason: 'not_eligible' } });
    expect(await me(e, 'POST1')).toMatchObject({ state: 'postal_only', castPreview: { verdict: 'reject', reason: 'channel_not_allowed' } });
  });

  it('not_open before online voting opens, with the opening time in the election’s time zone', async () => {
    const opens = new Date(Date.now() + 3 * 3600_000);
    const e = await openElection(t, {
      timeline: { onlineOpensAt: opens.toISOString(), onlineClosesAt: new Date(Date.now() + 48 * 3600_000).toISOString(), postalDeadline: new Date(Date.now() + 72 * 3600_000).toISOString(), timeZone: 'Europe/Paris' },
    });
    const body = await me(e, 'M0001');
    expect(body).toMatchObject({ state: 'not_open', castPreview: { verdict: 'reject', reason: 'online_not_open' } });
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(opens);
    expect(body.explanation).toContain(`opens on`);
    expect(body.explanation).toContain(local);
  });

  it('closed once online voting has closed', async () => {
    const e = await openElection(t);
    const cookie = await signInVoter(t, e, 'M0001');
    await t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to: 'online_closed' }).expect(200);
    const body = (await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie).expect(200)).body;
    expect(body).toMatchObject({ state: 'closed', explanation: 'Online voting has closed.', castPreview: { verdict: 'reject', reason: 'online_closed' } });
  });
});
