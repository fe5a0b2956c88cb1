import { randomUUID } from 'node:crypto';
import { OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { generatePedersen } from 'src/crypto/trustees/pedersen';
import { serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PackEntity } from 'src/packs/pack.entity';
import { PartialDecryptionEntity, TallyEntity } from 'src/tally/tally.entities';
import { TallyOutcomeService } from 'src/tally/tally-outcome.service';
import { Transactions } from 'src/platform/database/transactions';
import { signIn } from 'test/support/auth';
import { ballotFor, voterFor } from 'test/support/ballots';
import { packCodes } from 'test/support/identity-codes';
import { packsReadyElection } from 'test/support/open-election';
import { printedPaperIds } from 'test/support/papers';
import { members } from 'test/support/roll';
import { sironaVerify } from 'test/support/sirona';
import { recordPaths } from 'src/record/record-paths';
import { verifyRecord } from 'src/verify/record/verify-record';
import { partialFor, waitForTally } from 'test/support/tally';
import { createTestApp, TestApp } from 'test/support/test-app';
import { signInVoter } from 'test/support/voter';

// Whole elections (roll, print run, votes, count, tally, decryption): seconds each.
jest.setTimeout(120_000);

// A leader (one, blank allowed) and a board (one or two, no blank).
const QUESTIONS = [
  { question: 'Leader', answers: ['Alice', 'Bob'], min: 1, max: 1, blank: true },
  { question: 'Board', answers: ['Dev', 'Eve', 'Fay'], min: 1, max: 2, blank: false },
];

describe('The tally: closing, trustees decrypting, the merged result (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let trustee: string;
  let staff: string;
  let observer: string;
  beforeAll(async () => {
    t = await createTestApp();
    [admin, trustee, staff, observer] = [await signIn(t, 'administrator'), await signIn(t, 'trustee'), await signIn(t, 'count_staff'), await signIn(t, 'observer')];
  });
  afterAll(() => t.close());

  const transition = (e: ElectionEntity, to: string) => t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to });
  const submit = (e: ElectionEntity, owner: number, partialDecryption: unknown, auth = trustee) =>
    t.http().post(`/elections/${e.id}/tally/partial-decryptions`).set('Authorization', auth).send({ owner, partialDecryption });
  const storedPartials = (e: ElectionEntity) => t.dataSource.getRepository(PartialDecryptionEntity).countBy({ electionId: e.id });

  /** An election with these trustees registered over HTTP, then opened. */
  async function openWith(trustees: Array<{ name: string; publicKey?: string; kind?: string; parameters?: unknown }>, overrides = {}): Promise<ElectionEntity> {
    const e = await packsReadyElection(t, { questions: QUESTIONS, precedencePolicy: 'postal-overrides-online', onlineRevoting: true, ...overrides }, members(1, 6));
    for (const body of trustees) await t.http().post(`/elections/${e.id}/trustees`).set('Authorization', admin).send(body).expect(201);
    await transition(e, 'open').expect(200);
    return t.get(ElectionsService).get(e.id);
  }

  async function castOnline(e: ElectionEntity, member: string, picks: number[][]): Promise<string> {
    const cookie = await signInVoter(t, e, member);
    const b = await ballotFor(t, e.id, (await voterFor(t, e.id, member)).serial, picks);
    await t.http().post(`/elections/${e.id}/voter/ballots`).set('Cookie', cookie).send({ ballot: b.raw }).expect(201);
    return b.tracker;
  }

  async function returnByPost(e: ElectionEntity, memberNumbers: string[]): Promise<void> {
    const session = (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'D1' }).expect(201)).body.id as string;
    const codes = await packCodes(t, e.id);
    for (const m of memberNumbers) {
      const code = codes.find((c) => c.memberNumber === m)!.code;
      const res = await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201);
      expect(res.body.verdict).toBe('accept');
    }
  }

  /** Closes the channels and counts these papers in one batch, then enters tallying. */
  async function countAndTally(e: ElectionEntity, papers: Array<Record<string, unknown>>): Promise<void> {
    for (const to of ['online_closed', 'postal_closed', 'counting']) await transition(e, to).expect(200);
    const paperIds = await printedPaperIds(t, e.id);
    const batch = (await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D1-A01', envelopesOpened: papers.length }).expect(201)).body.id as string;
    for (const [i, p] of papers.entries()) {
      await t.http().post(`/elections/${e.id}/count/batches/${batch}/records`).set('Authorization', staff).send({ paperId: paperIds[i], ...p }).expect(201);
    }
    await t.http().post(`/elections/${e.id}/count/batches/${batch}/close`).set('Authorization', staff).send({}).expect(200);
    await transition(e, 'tallying').expect(200);
  }

  describe('a whole election: a single trustee and a Pedersen 2-of-3 group', () => {
    let e: ElectionEntity;
    const single = generateSingleTrustee();
    const group = generatePedersen(3, 2);
    let superseded: string;

    beforeAll(async () => {
      e = await openWith([
        { name: 'Returning officer', publicKey: serializeTrusteePublicKey(single.publicKey) },
        { name: 'Scrutineers', kind: 'pedersen', parameters: JSON.parse(serializeThresholdParameters(group.parameters)) },
      ]);
      await castOnline(e, 'M0001', [[0], [0, 1]]); // Alice; Dev, Eve
      await castOnline(e, 'M0002', [[1], [2]]); // Bob; Fay …
      await castOnline(e, 'M0002', [[0], [2]]); // … then a revote: Alice; Fay
      superseded = await castOnline(e, 'M0003', [[1], [0]]); // Bob; Dev — beaten by the postal vote below
      await returnByPost(e, ['M0003', 'M0004']);
      // M0003's paper: Alice, Dev + Eve. M0004's: blank.
      await countAndTally(e, [{ choices: [[1, 0], [1, 1, 0]] }, { blank: true }]);
    });

    it('lists each trustee with its owners, the Pedersen members numbered on after the single', async () => {
      const list = await t.http().get(`/elections/${e.id}/trustees`).set('Authorization', observer).expect(200);
      expect(list.body.map((x: { kind: string; owners: number[] }) => [x.kind, x.owners])).toEqual([
        ['single', [1]],
        ['pedersen', [2, 3, 4]],
      ]);
    });

    it('computes the encrypted tally after closing: the last ballot of each counting credential, without the superseded one', async () => {
      const status = await waitForTally(t, e.id, 'awaiting_decryptions');
      expect(status).toMatchObject({
        online: { numTallied: 2, totalWeight: '2', superseded: 1 },
        trustees: [
          { owner: 1, name: 'Returning officer', kind: 'single', group: null, member: null, decrypted: false },
          { owner: 2, name: 'Scrutineers', kind: 'pedersen', group: 2, member: 1, decrypted: false },
          { owner: 3, kind: 'pedersen', member: 2 },
          { owner: 4, kind: 'pedersen', member: 3 },
        ],
        needed: expect.stringContaining('2 of the 3 members'),
      });
      const forTrustees = await t.http().get(`/elections/${e.id}/tally/for-trustees`).expect(200);
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId: e.id });
      expect(forTrustees.body).toMatchObject({ electionId: e.id, uuid: e.beleniosUuid, election: setup.electionRaw, trustees: setup.trusteesRaw, numTallied: 2, totalWeight: '2' });
      // The result is not public before it exists nor before publication.
      await t.http().get(`/elections/${e.id}/result`).expect(401);
      expect((await t.http().get(`/elections/${e.id}/result`).set('Authorization', admin).expect(409)).body.error.code).toBe('result_not_ready');
    });

    it('refuses a malformed partial decryption (400), one made with another key or with a changed factor (422), storing nothing', async () => {
      await waitForTally(t, e.id, 'awaiting_decryptions');
      const good = JSON.parse(await partialFor(t, e.id, single.secret)) as { decryption_factors: string[][]; decryption_proofs: unknown };
      expect((await submit(e, 1, '{"decryption_factors":').expect(400)).body.error).toMatchObject({ code: 'invalid_partial_decryption', reason: 'invalid_json' });
      const notAPoint = { ...good, decryption_factors: [['zz', ...good.decryption_factors[0].slice(1)], ...good.decryption_factors.slice(1)] };
      expect((await submit(e, 1, notAPoint).expect(400)).body.error.code).toBe('invalid_partial_decryption');
      expect((await submit(e, 9, good).expect(400)).body.error.code).toBe('unknown_owner');

      // Group member 1's share, sent as owner 3 (member 2): every proof fails against that key.
      const otherKey = await submit(e, 3, await partialFor(t, e.id, group.trustees[0].share)).expect(422);
      expect(otherKey.body.error).toMatchObject({ code: 'partial_decryption_invalid', reason: 'proof', invalid: [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]] });
      // One factor swapped for another trustee's: that factor's proof fails, and only it.
      const swapped = JSON.parse(await partialFor(t, e.id, group.trustees[1].share)) as { decryption_factors: string[][] };
      const flipped = { ...good, decryption_factors: good.decryption_factors.map((row, i) => (i === 1 ? [row[0], swapped.decryption_factors[1][1], row[2]] : row)) };
      expect((await submit(e, 1, flipped).expect(422)).body.error).toMatchObject({ code: 'partial_decryption_invalid', invalid: [[1, 1]] });
      expect(await storedPartials(e)).toBe(0);
      await submit(e, 1, good, staff).expect(403);
    });

    it('accepts the single and two of the three group members, then the result is ready and merged with the postal count', async () => {
      const first = await partialFor(t, e.id, single.secret);
      expect((await submit(e, 1, JSON.parse(first)).expect(201)).body).toEqual({ owner: 1, accepted: true, decrypted: 1, needed: 3, resultReady: false });
      // The same bytes again answer 200; another decryption by the same owner is a conflict.
      expect((await submit(e, 1, first).expect(200)).body).toMatchObject({ owner: 1, decrypted: 1 });
      expect((await submit(e, 1, await partialFor(t, e.id, single.secret)).expect(409)).body.error.code).toBe('already_decrypted');

      expect((await submit(e, 2, await partialFor(t, e.id, group.trustees[0].share), admin).expect(201)).body).toMatchObject({ decrypted: 2, resultReady: false });
      // Member 2 stays away: members 1 and 3 are enough.
      expect((await submit(e, 4, await partialFor(t, e.id, group.trustees[2].share)).expect(201)).body).toMatchObject({ decrypted: 3, resultReady: true });
      expect((await t.get(ElectionsService).get(e.id)).status).toBe('result_ready');
      expect((await submit(e, 3, await partialFor(t, e.id, group.trustees[1].share)).expect(409)).body.error.code).toBe('tally_complete');
      expect(await waitForTally(t, e.id, 'result_ready')).toMatchObject({ trustees: [{ decrypted: true }, { decrypted: true }, { decrypted: false }, { decrypted: true }] });

      await t.http().get(`/elections/${e.id}/result`).set('Authorization', staff).expect(403);
      const result = (await t.http().get(`/elections/${e.id}/result`).set('Authorization', observer).expect(200)).body;
      // Online: M0001 (Alice; Dev, Eve) and M0002's revote (Alice; Fay). Postal: M0003 (Alice; Dev, Eve) and M0004 (blank).
      expect(result).toEqual({
        election: e.id,
        questions: [
          {
            question: 'Leader',
            answers: [
              { answer: 'Alice', online: 2, postal: 1, total: 3 },
              { answer: 'Bob', online: 0, postal: 0, total: 0 },
            ],
            blank: { online: 0, postal: 1, total: 1 },
          },
          {
            question: 'Board',
            answers: [
              { answer: 'Dev', online: 1, postal: 1, total: 2 },
              { answer: 'Eve', online: 1, postal: 1, total: 2 },
              { answer: 'Fay', online: 1, postal: 0, total: 1 },
            ],
          },
        ],
        online: { ballots: 2, weight: 2 },
        postal: { papers: 2, valid: 1, blank: 1, invalid: 0, invalid_by_reason: {} },
        turnout: { eligible: 6, online: 2, postal: 2, total: 4 },
        returns_rejected: {},
      });
      const events = await t.get(EventLogService).list({ electionId: e.id, type: 'tally.result', limit: 5 });
      expect(events).toHaveLength(1);
    });

    it('gives the record a tallied .bel that both verifiers accept, reproducibly, without the superseded ballot listed beside it', async () => {
      const outcome = t.get(TallyOutcomeService);
      const bel = (await outcome.onlineArchive(e.id))!;
      expect(Buffer.from((await outcome.onlineArchive(e.id))!).equals(Buffer.from(bel))).toBe(true);
      const report = verifyArchive(bel);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report).toMatchObject({ ok: true, stage: 'Result', ballots: 3, tallied: 2, result: [['0', '2', '0'], ['1', '1', '1']] });
      const sirona = sironaVerify(bel, e.beleniosUuid);
      expect(sirona).toMatchObject({ code: 0 });

      const ballots = await t.dataSource.getRepository(OnlineBallotEntity).find({ where: { electionId: e.id }, order: { id: 'ASC' } });
      const gone = ballots.find((b) => b.tracker === superseded)!;
      expect(Buffer.from(bel).includes(gone.raw)).toBe(false);
      const pack = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, memberNumber: 'M0003', status: 'active' });
      expect(await outcome.superseded(e.id)).toEqual([{ tracker: superseded, credential: gone.publicCredential, postalCredential: pack.publicCredential, ballot: gone.raw }]);
      expect(await outcome.mergedResult(e.id)).toMatchObject({ online: { ballots: 2, weight: 2 } });
    });

    it('is written into a record our record verifier accepts, then published with its result page and PDF report', async () => {
      let view: { status: string; manifestSha256?: string } = { status: 'building' };
      for (let i = 0; i < 200 && view.status !== 'ready'; i++) {
        view = (await t.http().get(`/elections/${e.id}/record`).set('Authorization', admin).expect(200)).body;
        if (view.status !== 'ready') await new Promise((r) => setTimeout(r, 100));
      }
      expect(view.status).toBe('ready');
      const report = await verifyRecord(recordPaths(t.config.dataDir, e.id).dir);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report).toMatchObject({ ok: true, ballots: 3, tallied: 2, superseded: 1, cvrs: 2 });

      await t.http().get(`/results/${e.id}`).expect(404);
      await transition(e, 'published').expect(200);
      const page = await t.http().get(`/results/${e.id}?lang=en`).expect(200);
      expect(page.text).toContain('Alice');
      expect(page.text).toContain(view.manifestSha256!);
      const pdf = await t.http().get(`/elections/${e.id}/report.pdf`).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      await t.http().get(`/elections/${e.id}/record/download`).expect(200);
    });
  });

  it('two last partial decryptions at once give one result', async () => {
    const [a, b] = [generateSingleTrustee(), generateSingleTrustee()];
    const e = await openWith([
      { name: 'A', publicKey: serializeTrusteePublicKey(a.publicKey) },
      { name: 'B', publicKey: serializeTrusteePublicKey(b.publicKey) },
    ]);
    await castOnline(e, 'M0001', [[1], [2]]);
    await countAndTally(e, []);
    await waitForTally(t, e.id, 'awaiting_decryptions');
    const [pa, pb] = [await partialFor(t, e.id, a.secret), await partialFor(t, e.id, b.secret)];
    const answers = await Promise.all([submit(e, 1, pa), submit(e, 2, pb)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect(answers.filter((r) => r.body.resultReady)).toHaveLength(1);
    expect(await t.get(EventLogService).list({ electionId: e.id, type: 'tally.result', limit: 5 })).toHaveLength(1);
    const result = (await t.http().get(`/elections/${e.id}/result`).set('Authorization', admin).expect(200)).body;
    expect(result.questions[0].answers[1]).toEqual({ answer: 'Bob', online: 1, postal: 0, total: 1 });
  });

  it('a postal-only election goes from tallying straight to its result', async () => {
    const e = await packsReadyElection(t, { questions: QUESTIONS, channels: { online: false, postal: true }, precedencePolicy: 'first-wins' }, members(1, 3));
    await transition(e, 'open').expect(200);
    await returnByPost(e, ['M0001', 'M0002']);
    await countAndTally(e, [{ choices: [[0, 1], [0, 0, 1]] }, { invalid: true, reason: 'identifying_marks' }]);
    const status = await waitForTally(t, e.id, 'result_ready');
    expect(status).toMatchObject({ online: null, trustees: [] });
    expect((await t.get(ElectionsService).get(e.id)).status).toBe('result_ready');
    await t.http().get(`/elections/${e.id}/tally/for-trustees`).expect(409);
    const result = (await t.http().get(`/elections/${e.id}/result`).set('Authorization', admin).expect(200)).body;
    expect(result).toMatchObject({
      questions: [{ answers: [{ answer: 'Alice', total: 0 }, { answer: 'Bob', online: 0, postal: 1, total: 1 }], blank: { total: 0 } }, { answers: [{ total: 0 }, { total: 0 }, { answer: 'Fay', total: 1 }] }],
      online: { ballots: 0, weight: 0 },
      postal: { papers: 2, valid: 1, invalid: 1, invalid_by_reason: { identifying_marks: 1 } },
      turnout: { eligible: 3, online: 0, postal: 2, total: 2 },
    });
    expect(await t.get(TallyOutcomeService).onlineArchive(e.id)).toBeNull();
  });

  it('recovers a lost enqueue: the tally status queues the job again', async () => {
    const single = generateSingleTrustee();
    const e = await openWith([{ name: 'A', publicKey: serializeTrusteePublicKey(single.publicKey) }]);
    for (const to of ['online_closed', 'postal_closed', 'counting']) await transition(e, to).expect(200);
    // Entering tallying inside a caller's transaction runs no after-commit work: as if the
    // process had died between the commit and the enqueue.
    await t.get(Transactions).run((m) => t.get(ElectionsService).transition(e.id, 'tallying', SYSTEM, { manager: m }));
    expect(await t.dataSource.getRepository(TallyEntity).findOneByOrFail({ electionId: e.id })).toMatchObject({ status: 'computing' });
    await new Promise((r) => setTimeout(r, 700));
    expect((await t.dataSource.getRepository(TallyEntity).findOneByOrFail({ electionId: e.id })).status).toBe('computing');
    expect(await waitForTally(t, e.id, 'awaiting_decryptions')).toMatchObject({ online: { numTallied: 0 } });
  });

  it('refuses to enter tallying when the online ballot box was never set up', async () => {
    const e = await openWith([{ name: 'A', publicKey: serializeTrusteePublicKey(generateSingleTrustee().publicKey) }]);
    for (const to of ['online_closed', 'postal_closed', 'counting']) await transition(e, to).expect(200);
    await t.dataSource.getRepository(BallotBoxSetupEntity).delete({ electionId: e.id });
    const res = await transition(e, 'tallying').expect(409);
    expect(res.body.error).toMatchObject({ code: 'transition_blocked', problems: [expect.stringContaining('never set up')] });
    expect(await t.dataSource.getRepository(TallyEntity).countBy({ electionId: e.id })).toBe(0);
  });
});
