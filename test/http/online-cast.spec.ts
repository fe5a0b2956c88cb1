// The online channel end to end over HTTP, with real ballots built as the booth builds them:
// sign in, cast, receipt, board; and each hostile or broken request refused with its reason,
// leaving the ballot box and the member's state exactly as they were.
import { OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { BALLOT_VERIFIER, type BallotVerifier } from 'src/ballot-box/ballot-verifier';
import { InProcessBallotVerifier } from 'src/crypto/ballot/verify-cast';
import { ElectionEntity } from 'src/elections/election.entity';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { ballotFor, voterFor } from 'test/support/ballots';
import { openElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';
import { signInVoter } from 'test/support/voter';

jest.setTimeout(60_000);

describe('Online casting over HTTP', () => {
  let t: TestApp;
  let e: ElectionEntity;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    e = await openElection(t, { onlineRevoting: true }, members(1, 6));
    cookie = await signInVoter(t, e, 'M0001');
  });
  afterAll(() => t.close());

  const cast = (body: unknown, who = cookie, election = e) => t.http().post(`/elections/${election.id}/voter/ballots`).set('Cookie', who).send(body as object);
  const snapshot = async () => [
    await t.dataSource.getRepository(OnlineBallotEntity).find({ where: { electionId: e.id }, order: { id: 'ASC' } }),
    await t.dataSource.getRepository(ParticipationEntity).find({ where: { electionId: e.id }, order: { memberId: 'ASC' } }),
  ];

  it('a member casts a real ballot: 201 with the tracker, shown on the board, on their status, and counted once', async () => {
    const voter = await voterFor(t, e.id, 'M0001');
    const b = await ballotFor(t, e.id, voter.serial, [[1]]);
    const res = await cast({ ballot: b.raw }).expect(201);
    expect(res.body).toMatchObject({ tracker: b.tracker, explanation: expect.any(String) });
    expect(Date.parse(res.body.receivedAt)).not.toBeNaN();

    const board = await t.http().get(`/elections/${e.id}/ballot-box/trackers`).expect(200);
    expect(board.body.trackers).toContainEqual({ tracker: b.tracker, status: 'counts' });
    await t.http().get(`/elections/${e.id}/ballot-box/trackers/${encodeURIComponent(b.tracker)}`).expect(200, { present: true, status: 'counts' });
    const me = await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie).expect(200);
    expect(me.body.lastBallot).toEqual({ tracker: b.tracker, receivedAt: res.body.receivedAt });

    // A revote (allowed here) replaces it; the board says which one counts.
    const again = await ballotFor(t, e.id, voter.serial, [[0]]);
    await cast({ ballot: again.raw }).expect(201);
    const after = await t.http().get(`/elections/${e.id}/ballot-box/trackers`).expect(200);
    expect(after.body.trackers).toEqual(expect.arrayContaining([{ tracker: b.tracker, status: 'replaced' }, { tracker: again.tracker, status: 'counts' }]));
    expect((await t.http().get(`/elections/${e.id}/voter/me`).set('Cookie', cookie).expect(200)).body.lastBallot.tracker).toBe(again.tracker);
  });

  describe('each bad request is refused with its reason and stores nothing', () => {
    it('a forged signature → 422 ballot_invalid naming the check', async () => {
      const b = await ballotFor(t, e.id, (await voterFor(t, e.id, 'M0001')).serial);
      const forged = b.raw.replace(/("signature":\{.*"response":"[0-9]*)([0-9])"/, (_, head: string, d: string) => `${head}${d === '1' ? '2' : '1'}"`);
      const before = await snapshot();
      const res = await cast({ ballot: forged }).expect(422);
      expect(res.body.error).toMatchObject({ code: 'ballot_invalid', failed: ['signature_proof'] });
      expect(await snapshot()).toEqual(before);
    });

    it("a valid ballot made with another member's credential → 403 credential_not_yours", async () => {
      const theirs = await ballotFor(t, e.id, (await voterFor(t, e.id, 'M0002')).serial);
      const before = await snapshot();
      expect((await cast({ ballot: theirs.raw }).expect(403)).body.error.code).toBe('credential_not_yours');
      expect(await snapshot()).toEqual(before);
    });

    it('a replayed ballot → 409 ballot_replayed with its tracker', async () => {
      const mine = await ballotFor(t, e.id, (await voterFor(t, e.id, 'M0003')).serial);
      const m3 = await signInVoter(t, e, 'M0003');
      await cast({ ballot: mine.raw }, m3).expect(201);
      const before = await snapshot();
      expect((await cast({ ballot: mine.raw }, m3).expect(409)).body.error).toMatchObject({ code: 'ballot_replayed', tracker: mine.tracker });
      expect(await snapshot()).toEqual(before);
    });

    it("a ballot for another election → 422 wrong_election", async () => {
      const other = await openElection(t, {}, members(1, 2));
      const theirs = await ballotFor(t, other.id, (await voterFor(t, other.id, 'M0001')).serial);
      const before = await snapshot();
      expect((await cast({ ballot: theirs.raw }).expect(422)).body.error.code).toBe('wrong_election');
      // …and a session of this election cannot cast in the other one.
      expect((await cast({ ballot: theirs.raw }, cookie, other).expect(401)).body.error.code).toMatch(/^voter_/);
      expect(await snapshot()).toEqual(before);
    });

    it('an invalid curve point → 400 malformed_ballot naming the field', async () => {
      const b = await ballotFor(t, e.id, (await voterFor(t, e.id, 'M0001')).serial);
      const before = await snapshot();
      const res = await cast({ ballot: b.raw.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${'ff'.repeat(32)}"`) }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'malformed_ballot', problems: [{ path: expect.stringContaining('alpha'), reason: expect.any(String) }] });
      expect(await snapshot()).toEqual(before);
    });

    it('malformed JSON → 400, an oversized body → 413, a missing ballot → 400', async () => {
      const before = await snapshot();
      const raw = (body: string) => t.http().post(`/elections/${e.id}/voter/ballots`).set('Cookie', cookie).set('Content-Type', 'application/json').send(body);
      expect((await raw('{"ballot": "{"').expect(400)).body.error.code).toMatch(/malformed/);
      expect((await raw('{"ballot": "{}"').expect(400)).body.error.code).toBe('malformed_json');
      expect((await raw(JSON.stringify({ ballot: 'x'.repeat(70 * 1024) })).expect(413)).body.error.code).toBe('payload_too_large');
      expect((await cast({}).expect(400)).body.error).toBeDefined();
      expect(await snapshot()).toEqual(before);
    });

    it('no voter session → 401, and a staff token is not one', async () => {
      const b = await ballotFor(t, e.id, (await voterFor(t, e.id, 'M0004')).serial);
      const before = await snapshot();
      await t.http().post(`/elections/${e.id}/voter/ballots`).send({ ballot: b.raw }).expect(401);
      expect(await snapshot()).toEqual(before);
    });
  });
});

describe('Online casting under more load than a process admits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Verification that takes a while, as on a loaded machine: casts overlap for certain.
    const real = new InProcessBallotVerifier();
    const slow: BallotVerifier = {
      verify: (e, c, b) => new Promise((resolve) => setTimeout(resolve, 150)).then(() => real.verify(e, c, b)),
      close: () => real.close(),
    };
    t = await createTestApp({ castVerify: { workers: 0, queuePerWorker: 64, maxInFlight: 2 } }, (b) => b.overrideProvider(BALLOT_VERIFIER).useValue(slow));
  });
  afterAll(() => t.close());

  it('answers the casts beyond CAST_MAX_IN_FLIGHT at once with 503 busy and Retry-After, stores none of them, and stores every 201', async () => {
    const e = await openElection(t, {}, members(1, 8));
    const numbers = members(1, 8).map((m) => m.member_number);
    const requests = await Promise.all(
      numbers.map(async (n) => ({ cookie: await signInVoter(t, e, n), ballot: await ballotFor(t, e.id, (await voterFor(t, e.id, n)).serial) })),
    );
    const answers = await Promise.all(requests.map((r) => t.http().post(`/elections/${e.id}/voter/ballots`).set('Cookie', r.cookie).send({ ballot: r.ballot.raw })));
    const busy = answers.filter((a) => a.status === 503);
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted.length + busy.length).toBe(answers.length);
    expect(accepted.length).toBeGreaterThan(0);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of busy) {
      expect(a.body.error.code).toBe('busy');
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    const stored = (await t.dataSource.getRepository(OnlineBallotEntity).find({ where: { electionId: e.id } })).map((b) => b.tracker).sort();
    expect(stored).toEqual(accepted.map((a) => a.body.tracker as string).sort());
  });
});
