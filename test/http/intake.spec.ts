import { randomUUID } from 'node:crypto';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { dammCheckSymbol } from 'src/packs/codes/damm32';
import { PackEntity } from 'src/packs/pack.entity';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { RollService } from 'src/roll/roll.service';
import { signIn } from 'test/support/auth';
import { codeForSerial, PackCode, packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('postal intake (HTTP)', () => {
  let t: TestApp;
  let staff: string;
  let supervisor: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    [staff, supervisor, admin] = [await signIn(t, 'count_staff'), await signIn(t, 'count_supervisor'), await signIn(t, 'administrator')];
  });
  afterAll(() => t.close());

  let station = 0;
  async function desk(e: ElectionEntity, auth = staff, capacity?: number): Promise<string> {
    const res = await t
      .http()
      .post(`/elections/${e.id}/intake/sessions`)
      .set('Authorization', auth)
      .send({ station: `D${++station}`, ...(capacity ? { trayCapacity: capacity } : {}) })
      .expect(201);
    return res.body.id as string;
  }
  const scan = (e: ElectionEntity, sessionId: string, code: string, opts: { scanId?: string; entry?: string; auth?: string } = {}) =>
    t
      .http()
      .post(`/elections/${e.id}/intake/scans`)
      .set('Authorization', opts.auth ?? staff)
      .send({ scanId: opts.scanId ?? randomUUID(), sessionId, code, entry: opts.entry ?? 'barcode' });
  const participation = (e: ElectionEntity, memberId: string) => t.dataSource.getRepository(ParticipationEntity).findOneBy({ electionId: e.id, memberId });
  const onlineVote = (e: ElectionEntity, memberId: string) =>
    t.get(PrecedenceService).decideAlone({ election: e, memberId, member: { eligible: true, restriction: 'any' }, event: { kind: 'online_cast' }, actor: SYSTEM, subject: { test: 'online' } });

  describe('verdicts', () => {
    let e: ElectionEntity;
    let codes: PackCode[];
    let session: string;
    let desk1: string;
    beforeAll(async () => {
      e = await openElection(t, { precedencePolicy: 'first-wins' });
      codes = await packCodes(t, e.id);
      session = await desk(e);
      desk1 = `D${station}`;
    });

    it('accepts a genuine return under first-wins and puts it in the first accept tray', async () => {
      const res = await scan(e, session, codes[0].code).expect(201);
      expect(res.body).toMatchObject({ verdict: 'accept', reason: null, tray: `${desk1}-A01`, position: 1, packSerial: codes[0].serial, replayed: false });
      expect((await participation(e, codes[0].memberNumber))?.envelope).toBe('accepted');
    });

    it('takes the code typed from the slip (grouped, lower case) as keyed entry', async () => {
      const res = await scan(e, session, codes[1].printed.toLowerCase(), { entry: 'keyed' }).expect(201);
      expect(res.body).toMatchObject({ verdict: 'accept', position: 2, entry: 'keyed' });
    });

    it('rejects the same pack again as a duplicate and says where the first envelope is', async () => {
      const res = await scan(e, session, codes[0].code).expect(201);
      expect(res.body).toMatchObject({ verdict: 'reject', reason: 'duplicate_return', tray: `${desk1}-R01`, position: 1 });
      expect(res.body.firstScan).toMatchObject({ tray: `${desk1}-A01`, position: 1 });
    });

    it('rejects mistyped, forged, foreign and unreadable codes without touching any member', async () => {
      const c = codes[2].code;
      const typo = c.slice(0, 6) + (c[6] === '7' ? '8' : '7') + c.slice(7);
      const forgedBody = c.slice(0, 11) + (c[11] === 'A' ? 'B' : 'A') + c.slice(12, 24);
      const forged = forgedBody + dammCheckSymbol(forgedBody);
      const other = await openElection(t);
      const foreign = (await packCodes(t, other.id))[0].code;
      const cases: Array<[string, string]> = [
        [typo, 'bad_check_characters'],
        [forged, 'bad_mac'],
        [foreign, 'other_election'],
        ['hello world', 'unknown_format'],
        [`https://vote.example.org/e/${e.id}#vid=ABCD-EFGH-JKMN&cred=secret`, 'letter_qr_code'],
        [await codeForSerial(t, e.id, 999_999), 'unknown_pack'],
      ];
      for (const [code, reason] of cases) {
        const res = await scan(e, session, code).expect(201);
        expect(res.body).toMatchObject({ verdict: 'reject', reason });
        expect(res.body.tray).toMatch(/-R01$/);
      }
      expect(await participation(e, codes[2].memberNumber)).toBeNull();
      // What was scanned by mistake is never kept when it is not an identity code.
      const stored = await t.dataSource.getRepository(IntakeScanEntity).findBy({ electionId: e.id, reason: 'letter_qr_code' });
      expect(stored.map((s) => s.code)).toEqual([null]);
    });

    it('rejects the return of a voided (replaced) pack', async () => {
      await t.dataSource.getRepository(PackEntity).update({ electionId: e.id, serial: codes[3].serial }, { status: 'voided', voidedAt: new Date() });
      const res = await scan(e, session, codes[3].code).expect(201);
      expect(res.body).toMatchObject({ verdict: 'reject', reason: 'voided_pack' });
      expect(await participation(e, codes[3].memberNumber)).toBeNull();
    });

    it('rejects a member who is no longer eligible, and one who already voted online', async () => {
      await t.get(RollService).amendMember(e.id, codes[4].memberNumber, { eligible: false }, 'left the party', SYSTEM);
      expect((await scan(e, session, codes[4].code).expect(201)).body).toMatchObject({ verdict: 'reject', reason: 'not_eligible' });
      const e2 = await openElection(t, { precedencePolicy: 'first-wins' });
      const c2 = await packCodes(t, e2.id);
      await onlineVote(e2, c2[0].memberNumber);
      const s2 = await desk(e2);
      expect((await scan(e2, s2, c2[0].code).expect(201)).body).toMatchObject({ verdict: 'reject', reason: 'already_voted_online' });
    });

    it('keeps running counts per verdict and per tray, and a report by reason and day', async () => {
      const res = await t.http().get(`/elections/${e.id}/intake/sessions/${session}`).set('Authorization', staff).expect(200);
      expect(res.body.counts).toMatchObject({ accept: 2, hold: 0, reject: 9, undone: 0, total: 11 });
      expect(res.body.trays).toEqual(
        expect.arrayContaining([
          { tray: `${desk1}-A01`, verdict: 'accept', envelopes: 2 },
          { tray: `${desk1}-R01`, verdict: 'reject', envelopes: 9 },
        ]),
      );
      const report = await t.http().get(`/elections/${e.id}/intake/report`).set('Authorization', admin).expect(200);
      expect(report.body.byVerdict).toEqual({ accept: 2, hold: 0, reject: 9 });
      expect(report.body.byReason).toMatchObject({ duplicate_return: 1, bad_mac: 1, voided_pack: 1, not_eligible: 1 });
      expect(report.body.byDay).toHaveLength(1);
    });
  });

  describe('idempotency and concurrency', () => {
    it('replays a scan id with the stored answer, refuses it for another code, and records a racing scan id once', async () => {
      const e = await openElection(t, { precedencePolicy: 'first-wins' });
      const codes = await packCodes(t, e.id);
      const session = await desk(e);
      const scanId = randomUUID();
      const first = await scan(e, session, codes[0].code, { scanId }).expect(201);
      const again = await scan(e, session, codes[0].code, { scanId }).expect(200);
      expect(again.body).toEqual({ ...first.body, replayed: true });
      await scan(e, session, codes[1].code, { scanId }).expect(409);

      const racing = randomUUID();
      const results = await Promise.all(Array.from({ length: 10 }, () => scan(e, session, codes[2].code, { scanId: racing })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => `${r.body.verdict}:${r.body.tray}:${r.body.position}`)).size).toBe(1);
      expect((await participation(e, codes[2].memberNumber))?.decisions).toBe(1);
    });

    it('gives envelopes scanned at once at one station distinct, gap-free positions, and two desks different trays', async () => {
      const e = await openElection(t, { precedencePolicy: 'first-wins' });
      const codes = await packCodes(t, e.id);
      const [a, b] = [await desk(e), await desk(e, supervisor)];
      const results = await Promise.all(codes.map((c, i) => scan(e, i % 2 ? b : a, c.code).expect(201)));
      const bySession = (s: string) => results.filter((r) => r.body.sessionId === s).map((r) => r.body.position as number).sort();
      expect(bySession(a)).toEqual([1, 2, 3]);
      expect(bySession(b)).toEqual([1, 2]);
      expect(new Set(results.map((r) => r.body.tray as string)).size).toBe(2);
    });
  });

  describe('sessions', () => {
    it('allows one open session per station, refuses scans once closed, and continues the station’s trays next time', async () => {
      const e = await openElection(t, { precedencePolicy: 'first-wins' });
      const codes = await packCodes(t, e.id);
      const first = await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'MR1', trayCapacity: 10 }).expect(201);
      await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', supervisor).send({ station: 'MR1' }).expect(409);
      await scan(e, first.body.id, codes[0].code).expect(201);
      await t.http().post(`/elections/${e.id}/intake/sessions/${first.body.id}/close`).set('Authorization', staff).expect(200);
      expect((await scan(e, first.body.id, codes[1].code).expect(409)).body.error.code).toBe('session_closed');
      const next = await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'MR1' }).expect(201);
      expect((await scan(e, next.body.id, codes[1].code).expect(201)).body).toMatchObject({ tray: 'MR1-A01', position: 2 });
    });

    it('refuses to start scanning before the election opens, and malformed requests', async () => {
      const draft = await t.get(ElectionsService).create({ title: 'Not yet' }, SYSTEM);
      expect((await t.http().post(`/elections/${draft.id}/intake/sessions`).set('Authorization', staff).send({ station: 'D1' }).expect(409)).body.error.code).toBe('intake_not_open');
      const e = await openElection(t);
      const session = await desk(e);
      await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'desk 1!' }).expect(400);
      await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: 'x', sessionId: session, code: 'A', entry: 'barcode' }).expect(400);
      await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code: 'A'.repeat(101), entry: 'barcode' }).expect(400);
      await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).set('Content-Type', 'application/json').send('{"scanId":').expect(400);
      await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: randomUUID(), code: 'A', entry: 'barcode' }).expect(404);
      await scan(e, session, 'A', { auth: await signIn(t, 'observer') }).expect(403);
      expect(await t.dataSource.getRepository(IntakeScanEntity).countBy({ electionId: e.id })).toBe(0);
    });
  });

  describe('undo', () => {
    it('lets a supervisor undo the last scan with a reason, giving the member back their state', async () => {
      const e = await openElection(t, { precedencePolicy: 'first-wins' });
      const codes = await packCodes(t, e.id);
      const session = await desk(e);
      await scan(e, session, codes[0].code).expect(201);
      await t.http().post(`/elections/${e.id}/intake/sessions/${session}/undo`).set('Authorization', staff).send({ reason: 'wrong envelope' }).expect(403);
      const res = await t.http().post(`/elections/${e.id}/intake/sessions/${session}/undo`).set('Authorization', supervisor).send({ reason: 'scanned the wrong envelope' }).expect(200);
      expect(res.body.undone).toMatchObject({ verdict: 'accept', undone: true, undoReason: 'scanned the wrong envelope' });
      expect((await participation(e, codes[0].memberNumber))?.envelope).toBe('none');
      // The same envelope, scanned again, counts: the undo left no trace in the member's state.
      expect((await scan(e, session, codes[0].code).expect(201)).body).toMatchObject({ verdict: 'accept', position: 2 });
      const summary = await t.http().get(`/elections/${e.id}/intake/sessions/${session}`).set('Authorization', staff).expect(200);
      expect(summary.body.counts).toMatchObject({ accept: 1, undone: 1, total: 2 });
      const types = (await t.get(EventLogService).list({ electionId: e.id, type: 'precedence.reverted', limit: 10 })).map((ev) => ev.data.reason);
      expect(types).toEqual(['scanned the wrong envelope']);
    });

    it('refuses to undo a scan when the member voted online since, and when nothing is left', async () => {
      const e = await openElection(t, { precedencePolicy: 'online-overrides-postal' });
      const codes = await packCodes(t, e.id);
      const session = await desk(e);
      expect((await scan(e, session, codes[0].code).expect(201)).body.verdict).toBe('hold');
      await onlineVote(e, codes[0].memberNumber);
      const res = await t.http().post(`/elections/${e.id}/intake/sessions/${session}/undo`).set('Authorization', supervisor).send({ reason: 'oops' }).expect(409);
      expect(res.body.error.code).toBe('undo_not_possible');
      expect((await participation(e, codes[0].memberNumber))?.envelope).toBe('pull');
      const empty = await desk(e);
      expect((await t.http().post(`/elections/${e.id}/intake/sessions/${empty}/undo`).set('Authorization', supervisor).send({ reason: 'oops' }).expect(409)).body.error.code).toBe('nothing_to_undo');
    });
  });

  describe('pull list and release', () => {
    it('online-overrides-postal: held envelopes are pulled when their member votes online, the rest released at online close', async () => {
      const e = await openElection(t, { precedencePolicy: 'online-overrides-postal' });
      const codes = await packCodes(t, e.id);
      const session = await desk(e);
      const held = [];
      for (const c of codes.slice(0, 3)) held.push((await scan(e, session, c.code).expect(201)).body);
      expect(held.map((h) => h.verdict)).toEqual(['hold', 'hold', 'hold']);
      await onlineVote(e, codes[1].memberNumber);

      const pull = await t.http().get(`/elections/${e.id}/intake/pull-list`).set('Authorization', staff).expect(200);
      expect(pull.body).toEqual({ toPull: 1, pulled: 0, items: [{ packSerial: codes[1].serial, tray: held[1].tray, position: 2, status: 'to_pull' }] });
      await t.http().post(`/elections/${e.id}/intake/pull-list/${codes[1].serial}/pulled`).set('Authorization', staff).expect(403);
      await t.http().post(`/elections/${e.id}/intake/pull-list/${codes[1].serial}/pulled`).set('Authorization', supervisor).expect(200);
      expect((await t.http().post(`/elections/${e.id}/intake/pull-list/${codes[1].serial}/pulled`).set('Authorization', supervisor).expect(409)).body.error.code).toBe('not_on_pull_list');
      expect((await t.http().get(`/elections/${e.id}/intake/pull-list`).set('Authorization', staff).expect(200)).body).toMatchObject({ toPull: 0, pulled: 1 });

      const before = await t.http().get(`/elections/${e.id}/intake/released`).set('Authorization', staff).expect(200);
      expect(before.body).toEqual({ total: 0, final: false, items: [] });
      await t.get(ElectionsService).transition(e.id, 'online_closed', SYSTEM);
      const after = await t.http().get(`/elections/${e.id}/intake/released`).set('Authorization', staff).expect(200);
      expect(after.body).toEqual({
        total: 2,
        final: true,
        items: [
          { tray: held[0].tray, position: 1, packSerial: codes[0].serial },
          { tray: held[2].tray, position: 3, packSerial: codes[2].serial },
        ],
      });
      // After online voting closes, a new return is accepted at once: nothing can beat it now.
      expect((await scan(e, session, codes[3].code).expect(201)).body.verdict).toBe('accept');

      // Desks go on scanning after postal voting closes: a late envelope is recorded as late.
      const admin = await signIn(t, 'administrator');
      await t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to: 'postal_closed' }).expect(200);
      expect((await scan(e, session, codes[4].code).expect(201)).body).toMatchObject({ verdict: 'reject', reason: 'late' });
    });

    it('the count cannot start while an envelope on the pull list is still in a tray', async () => {
      const e = await openElection(t, { precedencePolicy: 'online-overrides-postal' });
      const [c] = await packCodes(t, e.id);
      const session = await desk(e);
      await scan(e, session, c.code).expect(201);
      await onlineVote(e, c.memberNumber);
      const admin = await signIn(t, 'administrator');
      const to = (status: string) => t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to: status });
      await to('online_closed').expect(200);
      await to('postal_closed').expect(200);
      expect((await to('counting').expect(409)).body.error.problems).toEqual(['1 envelope on the pull list has not been confirmed as pulled.']);
      await t.http().post(`/elections/${e.id}/intake/pull-list/${c.serial}/pulled`).set('Authorization', supervisor).expect(200);
      await to('counting').expect(200);
    });
  });
});
