import { randomUUID } from 'node:crypto';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { formatVotingId, generateVotingId } from 'src/packs/codes';
import { PackEntity } from 'src/packs/pack.entity';
import { LoginThrottleEntity } from 'src/auth/staff.entity';
import { VoterSessionEntity } from 'src/voter/voter-session.entity';
import { hashVoterToken } from 'src/voter/voter-session-token';
import { ROLES } from 'src/platform/http/access.decorators';
import { VoterController } from 'src/voter/voter.controller';
import { VoterSessionGuard } from 'src/voter/voter-session.guard';
import { signIn } from 'test/support/auth';
import { listRoutes } from 'test/support/routes';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, signInVoter, voterCookie, votingIdOf } from 'test/support/voter';

jest.setTimeout(30_000);

// Small limits so lockouts are quick to reach; addresses are set with X-Forwarded-For (TRUST_PROXY).
const LIMITS = { maxAttempts: 3, windowSeconds: 900, addressFactor: 2 };

describe('voter sign-in and sessions (HTTP)', () => {
  let t: TestApp;
  let n = 0;
  /** A fresh client address per test, so the address counter of one test does not lock another. */
  const address = () => `198.51.100.${++n}`;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: true, voter: { sessionTtlMinutes: 30, signIn: LIMITS } });
  });
  afterAll(() => t.close());

  const signInAs = (electionId: string, body: object, from = address()) =>
    t.http().post(`/elections/${electionId}/voter/sign-in`).set('X-Forwarded-For', from).send(body);

  it('signs a member in with the Voting ID and date of birth, typed loosely, and sets a strict session cookie', async () => {
    const e = await openElection(t);
    const serial = await packSerialOf(t, e, 'M0001');
    const typed = ` ${votingIdOf(t, e, serial).toLowerCase().replace(/-/g, ' ')} `;
    const before = Date.now();
    const res = await signInAs(e.id, { votingId: typed, secondFactor: '01/01/1980' }).expect(200);
    expect(res.body).toMatchObject({ status: 'can_vote', explanation: expect.stringContaining('You can vote online') });
    const raw = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hb_voter='))!;
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Strict/);
    expect(raw).toMatch(/; Path=\//);
    expect(raw).not.toMatch(/; Secure/);
    const expires = Date.parse(/Expires=([^;]+)/.exec(raw)![1]);
    expect(expires - before).toBeGreaterThan(29 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(31 * 60_000);
    // Only the token's hash is stored, with the pack and member it signed in.
    const token = decodeURIComponent(voterCookie(raw).slice('hb_voter='.length));
    const stored = await t.dataSource.getRepository(VoterSessionEntity).findOneByOrFail({ tokenHash: hashVoterToken(token) });
    expect(stored).toMatchObject({ electionId: e.id, serial, memberNumber: 'M0001', endedAt: null });
    expect(JSON.stringify(stored)).not.toContain(token);
    await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', voterCookie(raw)).expect(200);
  });

  it('signs a member in with the postcode when the election asks for it, in any case and spacing', async () => {
    const e = await openElection(t, { secondFactor: 'postcode' }, [{ member_number: 'P1', postcode: 'SW1A 1AA' }]);
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'P1'));
    await signInAs(e.id, { votingId, secondFactor: 'sw1a1aa' }).expect(200);
    await signInAs(e.id, { votingId, secondFactor: 'SW1A 1AB' }).expect(401);
    // The date of birth is not what this election asks.
    await signInAs(e.id, { votingId, secondFactor: '1980-01-01' }).expect(401);
  });

  it('answers an unknown Voting ID, a wrong second factor, a spare pack and gibberish alike', async () => {
    const e = await openElection(t);
    const known = votingIdOf(t, e, await packSerialOf(t, e, 'M0002'));
    const spare = await t.dataSource.getRepository(PackEntity).findOneOrFail({ where: { electionId: e.id, status: 'spare' }, order: { serial: 'ASC' } });
    const attempts = [
      { votingId: formatVotingId(generateVotingId()), secondFactor: '1980-01-01' },
      { votingId: known, secondFactor: '1980-01-02' },
      { votingId: known, secondFactor: 'not a date' },
      { votingId: votingIdOf(t, e, spare.serial), secondFactor: '1980-01-01' },
      { votingId: '!!', secondFactor: '1980-01-01' },
    ];
    const answers = [];
    for (const a of attempts) {
      const res = await signInAs(e.id, a).expect(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      answers.push(res.body.error);
    }
    expect(answers[0]).toEqual({ code: 'sign_in_failed', message: expect.any(String) });
    for (const a of answers) expect(a).toEqual(answers[0]);
    // Nothing typed is echoed back.
    expect(JSON.stringify(answers)).not.toContain(known.slice(0, 4));
  });

  it('locks a Voting ID after repeated failures, even with the right factor and from another address', async () => {
    const e = await openElection(t);
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'M0003'));
    for (let i = 0; i < LIMITS.maxAttempts; i++) await signInAs(e.id, { votingId, secondFactor: '1999-12-31' }).expect(401);
    const res = await signInAs(e.id, { votingId, secondFactor: '1980-01-01' }).expect(429);
    expect(res.body.error).toMatchObject({ code: 'sign_in_rate_limited', retryAfterSeconds: expect.any(Number) });
    expect(res.body.error.message).toMatch(/Try again in 15 minutes/);
    expect(Number(res.headers['retry-after'])).toBe(res.body.error.retryAfterSeconds);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Another member's Voting ID is not affected.
    await signInAs(e.id, { votingId: votingIdOf(t, e, await packSerialOf(t, e, 'M0004')), secondFactor: '1980-01-01' }).expect(200);
    // The counter keys do not carry the Voting ID or its pack hash.
    const keys = (await t.dataSource.getRepository(LoginThrottleEntity).find()).map((r) => r.key).join(' ');
    expect(keys).not.toContain(votingId.replace(/-/g, ''));
  });

  it('locks a client address after many failures over different Voting IDs, and only that address', async () => {
    const e = await openElection(t);
    const from = address();
    for (let i = 0; i < LIMITS.maxAttempts * LIMITS.addressFactor; i++) {
      await signInAs(e.id, { votingId: formatVotingId(generateVotingId()), secondFactor: '1980-01-01' }, from).expect(401);
    }
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'M0005'));
    const res = await signInAs(e.id, { votingId, secondFactor: '1980-01-01' }, from).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await signInAs(e.id, { votingId, secondFactor: '1980-01-01' }).expect(200);
  });

  it('refuses voter routes without a session, with a staff token, or with a session of another election', async () => {
    const e = await openElection(t);
    const other = await openElection(t);
    const me = (id: string) => t.http().get(`/elections/${id}/voter/me`);
    expect((await me(e.id).expect(401)).body.error.code).toBe('voter_not_signed_in');
    const admin = await signIn(t, 'administrator');
    expect((await me(e.id).set('Authorization', admin).expect(401)).body.error.code).toBe('voter_not_signed_in');
    const cookie = await signInVoter(t, e, 'M0001', '1980-01-01', address());
    await me(e.id).set('Cookie', cookie).expect(200);
    expect((await me(other.id).set('Cookie', cookie).expect(401)).body.error.code).toBe('voter_not_signed_in');
    expect((await me(e.id).set('Cookie', 'hb_voter=made-up').expect(401)).body.error.code).toBe('voter_not_signed_in');
  });

  it('refuses every voter-session route, present and future, to nobody and to staff of every role', async () => {
    const e = await openElection(t);
    const guarded = listRoutes(t).filter((r) => {
      const [cls, name] = r.handler.split('.');
      const fn = (VoterController.prototype as unknown as Record<string, object>)[name];
      return cls === VoterController.name && ((Reflect.getMetadata(GUARDS_METADATA, fn) as unknown[]) ?? []).includes(VoterSessionGuard);
    });
    expect(guarded.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /elections/:electionId/voter/me',
      'POST /elections/:electionId/voter/ballots',
      'POST /elections/:electionId/voter/sign-out',
    ]);
    for (const auth of [undefined, ...(await Promise.all(ROLES.map((role) => signIn(t, role))))]) {
      for (const r of guarded) {
        const path = r.path.replace(':electionId', e.id);
        let req = r.method === 'GET' ? t.http().get(path) : t.http().post(path).set('Content-Type', 'application/json').send({ ballot: '{}' });
        if (auth) req = req.set('Authorization', auth);
        const res = await req;
        expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body?.error?.code }).toEqual({ route: `${r.method} ${r.path}`, status: 401, code: 'voter_not_signed_in' });
      }
    }
  });

  it('refuses an expired session and one ended by signing out', async () => {
    const e = await openElection(t);
    const me = (cookie: string) => t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie);
    const expiring = await signInVoter(t, e, 'M0001', '1980-01-01', address());
    const hash = hashVoterToken(decodeURIComponent(expiring.slice('hb_voter='.length)));
    await t.dataSource.getRepository(VoterSessionEntity).update({ tokenHash: hash }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await me(expiring).expect(401)).body.error.code).toBe('voter_session_expired');

    const cookie = await signInVoter(t, e, 'M0002', '1980-01-01', address());
    const out = await t.http().post(`/elections/${e.id}/voter/sign-out`).set('Cookie', cookie).set('Content-Type', 'application/json').expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/hb_voter=;/);
    expect((await me(cookie).expect(401)).body.error.code).toBe('voter_session_expired');
  });

  it('accepts only JSON posts, so a cross-site form cannot sign in or out', async () => {
    const e = await openElection(t);
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'M0001'));
    const form = await t.http().post(`/elections/${e.id}/voter/sign-in`).type('form').send({ votingId, secondFactor: '1980-01-01' }).expect(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    expect(form.headers['set-cookie']).toBeUndefined();
    const cookie = await signInVoter(t, e, 'M0001', '1980-01-01', address());
    await t.http().post(`/elections/${e.id}/voter/sign-out`).set('Cookie', cookie).set('Content-Type', 'text/plain').send('x').expect(415);
    await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie).expect(200);
  });

  it('answers 404 for an election that does not exist', async () => {
    const res = await signInAs(randomUUID(), { votingId: formatVotingId(generateVotingId()), secondFactor: '1980-01-01' }).expect(404);
    expect(res.body.error.code).toBe('election_not_found');
  });
});

describe('voter session cookie behind https (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ publicUrl: 'https://vote.example.org' });
  });
  afterAll(() => t.close());

  it('is marked Secure when the public URL is https', async () => {
    const e = await openElection(t);
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'M0001'));
    const res = await t.http().post(`/elections/${e.id}/voter/sign-in`).send({ votingId, secondFactor: '1980-01-01' }).expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/hb_voter=[^;]+;.*; Secure/);
  });
});
