import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { CountBatchEntity, CountEntryEntity, CvrEntity } from 'src/count/count.entities';
import { ElectionEntity } from 'src/elections/election.entity';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { Reconciliation } from 'src/reconciliation/reconciliation.types';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { ScanPageEntity } from 'src/scan/scan.entities';
import { signIn, signInAnother } from 'test/support/auth';
import { ballotFor } from 'test/support/ballots';
import { electionInput } from 'test/support/factories';
import { packCodes } from 'test/support/identity-codes';
import { openElection, openElectionWithTrustee, packsReadyElection } from 'test/support/open-election';
import { printedPaperIds } from 'test/support/papers';
import { byEmail, members } from 'test/support/roll';
import { DEFAULT_QUESTIONS } from 'test/support/scan-corpus';
import { ScanMaker } from 'test/support/scan-uploads';
import { partialFor, waitForTally } from 'test/support/tally';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, signInVoter } from 'test/support/voter';

jest.setTimeout(60_000);

type Figures = Pick<Reconciliation, 'eligible' | 'packs' | 'postal' | 'online' | 'members'>;

/**
 * Every figure of the reconciliation counted again here, row by row from the tables, without
 * any service or repository of the application: what the dashboard shows must be what is stored.
 */
async function countedFromTables(t: TestApp, electionId: string): Promise<Figures> {
  const ds = t.dataSource;
  const rollVersion = await ds.getRepository(RollImportEntity).findOneBy({ electionId, status: 'committed' });
  const roll = rollVersion ? await ds.getRepository(RollMemberEntity).findBy({ importId: rollVersion.id }) : [];
  const packs = await ds.getRepository(PackEntity).findBy({ electionId });
  const setup = await ds.getRepository(PackSetupEntity).findOneBy({ electionId });
  const deliveries = await ds.getRepository(PackDeliveryEntity).findBy({ electionId });
  const scans = await ds.getRepository(IntakeScanEntity).findBy({ electionId, undoneAt: IsNull() });
  const states = await ds.getRepository(ParticipationEntity).findBy({ electionId });
  const batches = await ds.getRepository(CountBatchEntity).findBy({ electionId });
  const cvrs = await ds.getRepository(CvrEntity).findBy({ electionId });
  const pages = await ds.getRepository(ScanPageEntity).findBy({ electionId });
  const ballots = await ds.getRepository(OnlineBallotEntity).findBy({ electionId });
  const entries = await ds.getRepository(CountEntryEntity).findBy({ electionId });

  const count = <T>(rows: T[], f: (r: T) => boolean) => rows.filter(f).length;
  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
  const memberPacks = packs.filter((p) => p.kind === 'member');
  const lastSerial = Math.max(0, ...packs.map((p) => p.serial));
  const emailSerials = new Set(memberPacks.filter((p) => p.delivery === 'email').map((p) => p.serial));
  const rejectedByReason: Record<string, number> = {};
  for (const s of scans.filter((x) => x.verdict === 'reject')) rejectedByReason[s.reason!] = (rejectedByReason[s.reason!] ?? 0) + 1;
  const closedClean = batches.filter((b) => b.status === 'closed' && b.mismatchReason === null);
  const cvrsIn = (ids: Set<string>) => count(cvrs, (c) => ids.has(c.batchId));
  const eligible = count(roll, (m) => m.status === 'active' && m.eligible);
  const countsOnline = (p: ParticipationEntity) => p.online === 'counted';
  const countsPostal = (p: ParticipationEntity) => p.envelope === 'accepted' || p.envelope === 'held';
  const credentials = new Set(ballots.map((b) => b.publicCredential));
  return {
    eligible,
    packs: {
      printed: memberPacks.length,
      byPost: count(memberPacks, (p) => p.delivery === 'post'),
      byEmail: emailSerials.size,
      emailed: count(deliveries, (d) => d.state === 'sent'),
      emailPending: count(deliveries, (d) => d.state === 'failed') + count([...emailSerials], (s) => !deliveries.some((d) => d.serial === s)),
      undeliverable: count(deliveries, (d) => d.state === 'undeliverable'),
      voided: count(packs, (p) => p.status === 'voided'),
      reissued: setup ? count(memberPacks, (p) => p.serial > lastSerial - setup.spares) : 0,
    },
    postal: {
      returnsReceived: scans.length,
      accepted: count(scans, (s) => s.verdict === 'accept'),
      held: count(scans, (s) => s.verdict === 'hold'),
      rejected: count(scans, (s) => s.verdict === 'reject'),
      rejectedByReason,
      pullList: count(states, (s) => s.envelope === 'pull' || s.envelope === 'pulled'),
      pulled: count(states, (s) => s.envelope === 'pulled'),
      releasedToCount: count(states, (s) => s.envelope === 'accepted'),
      stillHeld: count(states, (s) => s.envelope === 'held'),
      envelopesOpened: sum(batches, (b) => b.envelopesOpened ?? 0),
      papersCounted: cvrs.length,
      papersByKind: { valid: count(cvrs, (c) => c.kind === 'valid'), blank: count(cvrs, (c) => c.kind === 'blank'), invalid: count(cvrs, (c) => c.kind === 'invalid') },
      inAdjudication: count(pages, (p) => p.status === 'adjudication'),
      waitingForPages: count(pages, (p) => p.status === 'waiting_for_pages'),
      awaitingSecondEntry: new Set(entries.filter((x) => x.status === 'pending').map((x) => x.groupId)).size,
      keyingDisputed: new Set(entries.filter((x) => x.status === 'disputed').map((x) => x.groupId)).size,
      batchesClosedWithMismatch: count(batches, (b) => b.status === 'closed' && b.mismatchReason !== null),
      closedBatches: { envelopesOpened: sum(closedClean, (b) => b.envelopesOpened ?? 0), papersRecorded: cvrsIn(new Set(closedClean.map((b) => b.id))) },
    },
    online: {
      ballotsCast: ballots.length,
      voters: credentials.size,
      revoted: ballots.length - credentials.size,
      supersededByRevote: count(ballots, (b) => b.status === 'replaced'),
      supersededByPostal: count(ballots, (b) => b.status === 'superseded'),
      counted: count(ballots, (b) => b.status === 'counts'),
    },
    members: {
      countedOnline: count(states, countsOnline),
      countedPostal: count(states, countsPostal),
      notVoted: eligible - count(states, (s) => countsOnline(s) || countsPostal(s)),
    },
  };
}

describe('Reconciliation figures (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let supervisor: string;
  beforeAll(async () => {
    t = await createTestApp();
    [admin, staff, supervisor] = await Promise.all([signIn(t, 'administrator'), signIn(t, 'count_staff'), signIn(t, 'count_supervisor')]);
  });
  afterAll(() => t.close());

  const reconciliation = async (electionId: string, auth = admin): Promise<Reconciliation> =>
    (await t.http().get(`/elections/${electionId}/reconciliation`).set('Authorization', auth).expect(200).expect('Cache-Control', 'no-store')).body as Reconciliation;

  /** The answer, checked figure by figure against the tables; every balance must hold. */
  async function checked(electionId: string): Promise<Reconciliation> {
    const r = await reconciliation(electionId);
    const fromTables = await countedFromTables(t, electionId);
    expect({ eligible: r.eligible, packs: r.packs, postal: r.postal, online: r.online, members: r.members }).toEqual(fromTables);
    expect(r.balances.filter((b) => !b.ok)).toEqual([]);
    expect(r.balances.map((b) => b.id)).toEqual(['packs', 'reissues', 'email', 'returns', 'rejections', 'envelopes', 'count', 'online', 'online-counted', 'members']);
    // The chart ends where the figures are: every online voter, every envelope accepted or held.
    const last = r.turnout.points.at(-1);
    if (last) expect(last).toMatchObject({ online: r.online.voters, postal: r.postal.accepted + r.postal.held });
    return r;
  }

  const transition = async (e: ElectionEntity, ...to: string[]) => {
    for (const s of to) await t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to: s }).expect(200);
  };
  const openSession = async (e: ElectionEntity, station: string): Promise<string> =>
    (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station }).expect(201)).body.id as string;
  const scan = async (e: ElectionEntity, session: string, code: string): Promise<{ verdict: string; reason: string | null }> =>
    (await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201)).body;
  const codeOf = async (e: ElectionEntity, memberNumber: string, serial?: number) =>
    (await packCodes(t, e.id)).find((c) => c.memberNumber === memberNumber && (serial === undefined || c.serial === serial))!.code;
  const voteOnline = async (e: ElectionEntity, memberNumber: string) => {
    const cookie = await signInVoter(t, e, memberNumber);
    const { raw } = await ballotFor(t, e.id, await packSerialOf(t, e, memberNumber));
    await t.http().post(`/elections/${e.id}/voter/ballots`).set('Cookie', cookie).send({ ballot: raw }).expect(201);
  };
  const reissue = (e: ElectionEntity, memberNumber: string, delivery: 'post' | 'email') =>
    t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', admin).send({ memberNumber, reason: 'lost in the post', delivery }).expect(201);

  it('shows zeros, balanced, for a draft election with nothing on its roll', async () => {
    const created = await t.http().post('/elections').set('Authorization', admin).send(electionInput()).expect(201);
    const r = await checked(created.body.id);
    expect(r).toMatchObject({ electionId: created.body.id, status: 'draft', eligible: 0, packs: { printed: 0 }, postal: { returnsReceived: 0 }, online: { ballotsCast: 0 } });
    expect(r.turnout).toEqual({ bucket: 'hour', points: [] });
    expect(Date.parse(r.generatedAt)).not.toBeNaN();
  });

  it('packs ready: packs by post and e-mail, a bounce and the reissue by post that follows it', async () => {
    const e = await packsReadyElection(t, {}, [...members(1, 3), ...byEmail(members(4, 6))]);
    // The e-mail packs are sent by the in-process queue's worker.
    for (let i = 0; i < 400 && (await t.dataSource.getRepository(PackDeliveryEntity).countBy({ electionId: e.id })) < 3; i++) await new Promise((ok) => setTimeout(ok, 50));
    const bounced = await packSerialOf(t, e, 'M0005');
    await t.http().post(`/elections/${e.id}/packs/deliveries/${bounced}/undeliverable`).set('Authorization', admin).send({ detail: '550 no such user' }).expect(200);
    await reissue(e, 'M0005', 'post');

    const r = await checked(e.id);
    expect(r.status).toBe('packs_ready');
    expect(r.eligible).toBe(6);
    expect(r.packs).toEqual({ printed: 7, byPost: 4, byEmail: 3, emailed: 2, emailPending: 0, undeliverable: 1, voided: 1, reissued: 1 });
    expect(r.members).toEqual({ countedOnline: 0, countedPostal: 0, notVoted: 6 });
    expect(r.turnout.points).toEqual([]);
  });

  describe('an election open in both channels, where a postal vote overrides an online one', () => {
    let e: ElectionEntity;
    let paperIds: string[];

    it('open: online votes and a revote, returns accepted and rejected for several reasons, a reissue', async () => {
      e = await openElection(t, { precedencePolicy: 'postal-overrides-online', onlineRevoting: true, questions: DEFAULT_QUESTIONS }, members(1, 6));
      await voteOnline(e, 'M0001');
      await voteOnline(e, 'M0001');
      await voteOnline(e, 'M0002');
      const voided = await packSerialOf(t, e, 'M0004');
      await reissue(e, 'M0004', 'post');
      const session = await openSession(e, 'D1');
      const verdicts = [
        await scan(e, session, await codeOf(e, 'M0002')),
        await scan(e, session, await codeOf(e, 'M0003')),
        await scan(e, session, await codeOf(e, 'M0003')),
        await scan(e, session, await codeOf(e, 'M0004', voided)),
        await scan(e, session, 'NOT A CODE'),
      ];
      expect(verdicts.map((v) => [v.verdict, v.reason])).toEqual([
        ['accept', null],
        ['accept', null],
        ['reject', 'duplicate_return'],
        ['reject', 'voided_pack'],
        ['reject', 'unknown_format'],
      ]);

      const r = await checked(e.id);
      expect(r.status).toBe('open');
      expect(r.packs).toMatchObject({ printed: 7, byPost: 7, voided: 1, reissued: 1 });
      expect(r.online).toEqual({ ballotsCast: 3, voters: 2, revoted: 1, supersededByRevote: 1, supersededByPostal: 1, counted: 1 });
      expect(r.postal).toMatchObject({ returnsReceived: 5, accepted: 2, held: 0, rejected: 3, rejectedByReason: { duplicate_return: 1, voided_pack: 1, unknown_format: 1 }, releasedToCount: 2 });
      expect(r.members).toEqual({ countedOnline: 1, countedPostal: 2, notVoted: 3 });
      expect(r.turnout.bucket).toBe('hour');
      expect(r.turnout.points.length).toBeGreaterThanOrEqual(2);
      // Cumulative: never going down.
      for (const [i, p] of r.turnout.points.entries()) if (i > 0) expect(p.online).toBeGreaterThanOrEqual(r.turnout.points[i - 1].online);
    });

    it('counting: a batch keyed and closed, a scanned paper in adjudication, double-keyed papers waiting for a second entry or a supervisor', async () => {
      await transition(e, 'online_closed', 'postal_closed', 'counting');
      paperIds = (await printedPaperIds(t, e.id)).slice(0, 4);
      const keyed = (await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D1-A01', envelopesOpened: 1 }).expect(201)).body.id as string;
      await t.http().post(`/elections/${e.id}/count/batches/${keyed}/records`).set('Authorization', staff).send({ paperId: paperIds[0], choices: [[0, 1, 0, 0]] }).expect(201);
      await t.http().post(`/elections/${e.id}/count/batches/${keyed}/close`).set('Authorization', staff).send({}).expect(200);
      const scanned = (await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D1-A02', envelopesOpened: 1 }).expect(201)).body.id as string;
      const maker = await ScanMaker.forPapers(DEFAULT_QUESTIONS, [paperIds[1]]);
      const overVote = await maker.paper(paperIds[1], [
        { question: 0, answer: 0 },
        { question: 0, answer: 2 },
      ]);
      const upload = await t.http().post(`/elections/${e.id}/count/batches/${scanned}/scans`).set('Authorization', staff).set('Content-Type', overVote.mime).send(overVote.bytes).expect(201);
      expect(upload.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: ['over_vote'] });
      // Double keying: one paper keyed once so far, another keyed differently by two operators.
      const twice = (await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D1-A03', envelopesOpened: 2, doubleKeying: true }).expect(201)).body.id as string;
      const key = (auth: string, paperId: string, choices: number[][]) => t.http().post(`/elections/${e.id}/count/batches/${twice}/records`).set('Authorization', auth).send({ paperId, choices });
      expect((await key(staff, paperIds[2], [[1, 0, 0, 0]]).expect(202)).body.status).toBe('awaiting_second_entry');
      await key(staff, paperIds[3], [[1, 0, 0, 0]]).expect(202);
      expect((await key(await signInAnother(t, 'count_staff', 'second'), paperIds[3], [[0, 0, 1, 0]]).expect(202)).body.status).toBe('disputed');

      const r = await checked(e.id);
      expect(r.status).toBe('counting');
      expect(r.postal).toMatchObject({
        releasedToCount: 2,
        envelopesOpened: 4,
        papersCounted: 1,
        papersByKind: { valid: 1, blank: 0, invalid: 0 },
        inAdjudication: 1,
        waitingForPages: 0,
        awaitingSecondEntry: 1,
        keyingDisputed: 1,
        closedBatches: { envelopesOpened: 1, papersRecorded: 1 },
      });
    });

    it('shows in red the balance a tampered table breaks, and only that one', async () => {
      const red = async () => (await reconciliation(e.id)).balances.filter((b) => !b.ok).map((b) => b.id);
      // A paper's record lost from a batch that was closed as reconciled.
      await t.dataSource.getRepository(CvrEntity).delete({ electionId: e.id, batchId: (await t.dataSource.getRepository(CountBatchEntity).findOneByOrFail({ electionId: e.id, status: 'closed' })).id });
      expect(await red()).toEqual(['count']);
      const count = (await reconciliation(e.id)).balances.find((b) => b.id === 'count')!;
      expect(count).toEqual({
        id: 'count',
        left: [{ key: 'postal.closedBatches.envelopesOpened', value: 1 }],
        right: [{ key: 'postal.closedBatches.papersRecorded', value: 0 }],
        ok: false,
      });
      // An accepted envelope's intake scan lost: the precedence engine still has that envelope.
      const accepted = await t.dataSource.getRepository(IntakeScanEntity).findOneByOrFail({ electionId: e.id, verdict: 'accept' });
      await t.dataSource.getRepository(IntakeScanEntity).delete({ electionId: e.id, scanId: accepted.scanId });
      expect(await red()).toEqual(['envelopes', 'count']);
      // A member whose envelope counts marked as counted online too: one vote counted twice.
      const postalVoter = await t.dataSource.getRepository(ParticipationEntity).findOneByOrFail({ electionId: e.id, envelope: 'accepted', online: 'none' });
      await t.dataSource.getRepository(ParticipationEntity).update({ electionId: e.id, memberId: postalVoter.memberId }, { online: 'counted' });
      expect(await red()).toEqual(['envelopes', 'count', 'online-counted', 'members']);
    });
  });

  it('open under last-wins: envelopes held sealed, one pulled after its member voted online, an online vote superseded', async () => {
    const e = await openElection(t, { precedencePolicy: 'last-wins', onlineRevoting: true }, members(1, 4));
    const session = await openSession(e, 'D2');
    expect(await scan(e, session, await codeOf(e, 'M0001'))).toMatchObject({ verdict: 'hold' });
    await voteOnline(e, 'M0001');
    expect(await scan(e, session, await codeOf(e, 'M0002'))).toMatchObject({ verdict: 'hold' });
    await voteOnline(e, 'M0003');
    expect(await scan(e, session, await codeOf(e, 'M0003'))).toMatchObject({ verdict: 'hold' });
    await t.http().post(`/elections/${e.id}/intake/pull-list/${await packSerialOf(t, e, 'M0001')}/pulled`).set('Authorization', supervisor).expect(200);

    const r = await checked(e.id);
    expect(r.postal).toMatchObject({ returnsReceived: 3, accepted: 0, held: 3, rejected: 0, pullList: 1, pulled: 1, stillHeld: 2, releasedToCount: 0 });
    expect(r.online).toEqual({ ballotsCast: 2, voters: 2, revoted: 0, supersededByRevote: 0, supersededByPostal: 1, counted: 1 });
    expect(r.members).toEqual({ countedOnline: 1, countedPostal: 2, notVoted: 1 });
  });

  it('published: after the tally and the record, the figures are those the poll and the count left, still balanced', async () => {
    const { election: e, trusteeSecret } = await openElectionWithTrustee(t, { precedencePolicy: 'first-wins', questions: DEFAULT_QUESTIONS }, members(1, 3));
    await voteOnline(e, 'M0001');
    const session = await openSession(e, 'D3');
    expect(await scan(e, session, await codeOf(e, 'M0002'))).toMatchObject({ verdict: 'accept' });
    expect(await scan(e, session, await codeOf(e, 'M0001'))).toMatchObject({ verdict: 'reject', reason: 'already_voted_online' });
    await transition(e, 'online_closed', 'postal_closed', 'counting');
    const batch = (await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D3-A01', envelopesOpened: 1 }).expect(201)).body.id as string;
    await t.http().post(`/elections/${e.id}/count/batches/${batch}/records`).set('Authorization', staff).send({ blank: true, paperId: (await printedPaperIds(t, e.id))[0] }).expect(201);
    await t.http().post(`/elections/${e.id}/count/batches/${batch}/close`).set('Authorization', staff).send({}).expect(200);
    await transition(e, 'tallying');
    await waitForTally(t, e.id, 'awaiting_decryptions');
    await t.http().post(`/elections/${e.id}/tally/partial-decryptions`).set('Authorization', await signIn(t, 'trustee')).send({ owner: 1, partialDecryption: await partialFor(t, e.id, trusteeSecret!) }).expect(201);
    await waitForTally(t, e.id, 'result_ready');
    for (let i = 0; i < 200 && (await t.http().get(`/elections/${e.id}/record`).set('Authorization', admin).expect(200)).body.status !== 'ready'; i++) await new Promise((ok) => setTimeout(ok, 100));
    await transition(e, 'published');

    const r = await checked(e.id);
    expect(r.status).toBe('published');
    expect(r.online).toMatchObject({ ballotsCast: 1, counted: 1 });
    expect(r.postal).toMatchObject({ accepted: 1, rejected: 1, rejectedByReason: { already_voted_online: 1 }, releasedToCount: 1, envelopesOpened: 1, papersCounted: 1, papersByKind: { valid: 0, blank: 1, invalid: 0 } });
    expect(r.members).toEqual({ countedOnline: 1, countedPostal: 1, notVoted: 1 });
  });

  it('lets observers read it; refuses count staff and the credential authority; 404 for an unknown election', async () => {
    const e = await openElection(t);
    await reconciliation(e.id, await signIn(t, 'observer'));
    for (const role of ['count_staff', 'credential_authority'] as const) {
      await t.http().get(`/elections/${e.id}/reconciliation`).set('Authorization', await signIn(t, role)).expect(403);
    }
    const missing = await t.http().get(`/elections/${randomUUID()}/reconciliation`).set('Authorization', admin).expect(404);
    expect(missing.body.error.code).toBe('election_not_found');
  });
});
