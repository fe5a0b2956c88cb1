import * as fs from 'node:fs';
import * as path from 'node:path';
import { ElectionEntity } from 'src/elections/election.entity';
import { PackSetupEntity } from 'src/packs/pack.entity';
import { defineErrors } from 'src/platform/errors/domain-error';
import { BALLOT_CASTER, BallotCaster, CastingVoter, CastReceipt } from 'src/voter/ballot-caster';
import { openElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, signInVoter, votingIdOf } from 'test/support/voter';

jest.setTimeout(30_000);

/**
 * Stands in for the ballot box ONLY to test the HTTP plumbing of the cast endpoint: what reaches
 * the caster, and what the endpoint does around it. Casting itself is tested with the real
 * ballot box after the merge.
 */
class FakeCaster implements BallotCaster {
  calls: Array<{ voter: CastingVoter; rawBallot: string }> = [];
  failWith: Error | null = null;

  async cast(voter: CastingVoter, rawBallot: string): Promise<CastReceipt> {
    this.calls.push({ voter, rawBallot });
    if (this.failWith) throw this.failWith;
    return { tracker: `tracker-${this.calls.length}`, receivedAt: new Date('2026-06-01T17:00:00Z'), explanation: 'The online ballot counts.' };
  }
}

const ballotBoxError = defineErrors({ precedence_refused: 'conflict' });

/** The first complete message to `to` the file transport wrote (the queue sends it a moment after the cast). */
async function mailTo(t: TestApp, to: string): Promise<string> {
  const dir = t.config.mail.transport === 'file' ? t.config.mail.dir : '';
  for (let i = 0; i < 200; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes('cast-confirmation')) : [];
    // A file read while it is being written is incomplete: wait for the last line of the message.
    const found = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).find((m) => m.includes(`To: ${to}`) && /organis(ers|ateurs)\.$/.test(m.trimEnd()));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no confirmation to ${to} in the outbox`);
}

describe('cast endpoint plumbing, with a fake ballot caster (HTTP)', () => {
  let t: TestApp;
  let caster: FakeCaster;
  let e: ElectionEntity;
  beforeAll(async () => {
    caster = new FakeCaster();
    t = await createTestApp({}, (b) => b.overrideProvider(BALLOT_CASTER).useValue(caster));
    e = await openElection(t, {}, [{ member_number: 'M0001', email: 'm1@example.org' }, ...members(2, 3)]);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    caster.calls = [];
    caster.failWith = null;
  });

  const cast = (cookie: string | null) => {
    const req = t.http().post(`/elections/${e.id}/voter/ballots`);
    return cookie ? req.set('Cookie', cookie) : req;
  };

  it('passes the ballot string and the session’s pack and member to the caster, and answers 201 with the receipt', async () => {
    const cookie = await signInVoter(t, e, 'M0002');
    const ballot = JSON.stringify({ election_uuid: e.beleniosUuid, answers: [] });
    const res = await cast(cookie).send({ ballot }).expect(201);
    expect(res.body).toEqual({ tracker: 'tracker-1', receivedAt: '2026-06-01T17:00:00.000Z', explanation: 'The online ballot counts.', confirmationEmail: 'not_requested' });
    expect(caster.calls).toEqual([{ voter: { electionId: e.id, serial: await packSerialOf(t, e, 'M0002'), memberNumber: 'M0002' }, rawBallot: ballot }]);
  });

  it('refuses without a voter session (401), and a body that is not JSON (415), before the caster is asked', async () => {
    expect((await cast(null).send({ ballot: '{}' }).expect(401)).body.error.code).toBe('voter_not_signed_in');
    const cookie = await signInVoter(t, e, 'M0002');
    expect((await cast(cookie).set('Content-Type', 'text/plain').send('{"ballot":"{}"}').expect(415)).body.error.code).toBe('unsupported_media_type');
    expect(caster.calls).toEqual([]);
  });

  it('answers malformed JSON with 400 in the project’s error shape', async () => {
    const cookie = await signInVoter(t, e, 'M0002');
    const res = await cast(cookie).set('Content-Type', 'application/json').send('{"ballot": "{}",').expect(400);
    expect(res.body).toEqual({ error: { code: 'malformed_json', message: expect.any(String) }, requestId: expect.any(String) });
    await cast(cookie).send({ ballot: 42 }).expect(400);
    await cast(cookie).send({ ballot: '{}', extra: true }).expect(400);
    expect(caster.calls).toEqual([]);
  });

  it('refuses a body over 64 KiB with 413 payload_too_large, and takes one of exactly 64 KiB', async () => {
    const cookie = await signInVoter(t, e, 'M0002');
    const envelope = Buffer.byteLength(JSON.stringify({ ballot: '' }));
    const over = await cast(cookie).send({ ballot: 'x'.repeat(64 * 1024 - envelope + 1) }).expect(413);
    expect(over.body.error.code).toBe('payload_too_large');
    expect(caster.calls).toEqual([]);
    await cast(cookie).send({ ballot: 'x'.repeat(64 * 1024 - envelope) }).expect(201);
  });

  it('passes the ballot box’s refusals through with their code and details', async () => {
    const cookie = await signInVoter(t, e, 'M0002');
    caster.failWith = ballotBoxError('precedence_refused', 'A postal vote from this member has been received and counts.', { reason: 'already_voted_by_post' });
    const res = await cast(cookie).send({ ballot: '{}' }).expect(409);
    expect(res.body.error).toEqual({ code: 'precedence_refused', message: expect.any(String), reason: 'already_voted_by_post' });
  });

  it('queues a confirmation e-mail when asked and the roll has an address: tracker, local time, board link, no codes', async () => {
    const cookie = await signInVoter(t, e, 'M0001');
    const res = await cast(cookie).send({ ballot: '{}', confirmationEmail: true }).expect(201);
    expect(res.body.confirmationEmail).toBe('queued');
    const mail = await mailTo(t, 'm1@example.org');
    expect(mail).toContain('To: m1@example.org');
    expect(mail).toContain('Subject: Your vote was received: Leadership ballot (test)');
    expect(mail).toContain('Your ballot tracker: tracker-1');
    expect(mail).toContain('Monday, 1 June 2026 at 17:00 UTC');
    expect(mail).toContain(`http://localhost:3000/board/${e.id}`);
    const votingId = votingIdOf(t, e, await packSerialOf(t, e, 'M0001'));
    expect(mail).not.toContain(votingId);
    expect(mail).not.toContain(votingId.replace(/-/g, ''));

    const without = await signInVoter(t, e, 'M0003');
    expect((await cast(without).send({ ballot: '{}', confirmationEmail: true }).expect(201)).body.confirmationEmail).toBe('no_email_on_roll');
  });

  it('writes the confirmation in French when the packs were printed in French', async () => {
    const hour = 3600_000;
    const timeline = { onlineOpensAt: new Date(Date.now() - hour).toISOString(), onlineClosesAt: new Date(Date.now() + 24 * hour).toISOString(), postalDeadline: new Date(Date.now() + 48 * hour).toISOString(), timeZone: 'Europe/Paris' };
    const fr = await openElection(t, { timeline }, [{ member_number: 'F1', email: 'f1@example.org' }]);
    await t.dataSource.getRepository(PackSetupEntity).update({ electionId: fr.id }, { language: 'fr' });
    const cookie = await signInVoter(t, fr, 'F1');
    await t.http().post(`/elections/${fr.id}/voter/ballots`).set('Cookie', cookie).send({ ballot: '{}', confirmationEmail: true }).expect(201);
    const mail = await mailTo(t, 'f1@example.org');
    expect(mail).toContain('Subject: =?UTF-8?B?');
    expect(mail).toContain('Votre numéro de suivi : tracker-1');
    expect(mail).toContain('lundi 1 juin 2026 à 19:00');
  });
});
