import { createHash, randomUUID } from 'node:crypto';
import { BallotBoxSetupEntity, OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { BallotBoxService, MAX_BALLOT_BYTES } from 'src/ballot-box/ballot-box.service';
import { BallotBoardService } from 'src/ballot-box/ballot-board.service';
import { Voter } from 'src/ballot-box/voter';
import { sha256B64 } from 'src/crypto/encoding/sha256';
import { parseElection } from 'src/crypto/election/election';
import { group } from 'src/crypto/group';
import { parseTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { parseJson } from 'src/crypto/encoding/json';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM, StaffActor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { IntakeService } from 'src/intake/intake.service';
import { PackEntity } from 'src/packs/pack.entity';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { TrusteeEntity } from 'src/trustees/trustee.entity';
import { ballotFor, voterFor } from 'test/support/ballots';
import { packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

// Each test opens elections (roll, print run, trustee): seconds on a loaded machine.
jest.setTimeout(60_000);

describe(BallotBoxService.name, () => {
  let t: TestApp;
  let box: BallotBoxService;
  beforeAll(async () => {
    t = await createTestApp();
    box = t.get(BallotBoxService);
  });
  afterAll(() => t.close());

  const ballots = (electionId: string) => t.dataSource.getRepository(OnlineBallotEntity).find({ where: { electionId }, order: { id: 'ASC' } });
  const participation = (electionId: string, memberId: string) => t.dataSource.getRepository(ParticipationEntity).findOneBy({ electionId, memberId });
  /** Casting must fail with `code` and leave the ballot box and the member's state as they were. */
  async function refused(e: ElectionEntity, voter: Voter, raw: string, code: string) {
    const before = [await ballots(e.id), await participation(e.id, voter.memberNumber)];
    const err = await box.cast(voter, raw).then(
      () => null,
      (x: unknown) => x as { code: string; kind: string; details?: Record<string, unknown> },
    );
    expect(err?.code).toBe(code);
    expect([await ballots(e.id), await participation(e.id, voter.memberNumber)]).toEqual(before);
    return err!;
  }

  describe('setup at opening', () => {
    it('fixes election.json (uuid, questions, trustee key), trustees and the hash of every pack credential, sorted', async () => {
      const e = await openElection(t);
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId: e.id });
      const election = parseElection(setup.electionRaw);
      expect(election.uuid).toBe(e.beleniosUuid);
      expect(election.name).toBe(e.title);
      expect(election.questions).toEqual(e.questions.map((q) => ({ question: q.question, answers: q.answers, min: q.min, max: q.max, blank: q.blank })));
      const [trustee] = await t.dataSource.getRepository(TrusteeEntity).findBy({ electionId: e.id });
      expect(election.publicKeyHex).toBe(group().encode(parseTrusteePublicKey(parseJson(trustee.publicKey, 'k'), 'k').publicKey));
      expect(setup.trusteesRaw).toBe(`[["Single",${trustee.publicKey}]]`);
      expect(setup.fingerprint).toBe(sha256B64(setup.electionRaw));

      const packs = await t.dataSource.getRepository(PackEntity).findBy({ electionId: e.id });
      expect(packs.some((p) => p.kind === 'spare')).toBe(true);
      const expected = `[${packs.map((p) => `"${p.publicCredential}"`).sort().join(',')}]`;
      expect(setup).toMatchObject({ credentials: packs.length, weighted: false, credentialsSha256: createHash('sha256').update(expected).digest('hex') });
      const [event] = await t.get(EventLogService).list({ electionId: e.id, type: 'ballot_box.setup', limit: 5 });
      expect(event.data).toMatchObject({ fingerprint: setup.fingerprint, credentials: packs.length });
    });

    it('writes `credential,weight` for every entry when a member weighs more than 1 (spares weigh 1)', async () => {
      const roll = members(1, 3).map((m, i) => ({ ...m, weight: String(i + 1) }));
      const e = await openElection(t, {}, roll);
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId: e.id });
      const packs = await t.dataSource.getRepository(PackEntity).findBy({ electionId: e.id });
      const weight = (p: PackEntity) => (p.kind === 'spare' ? 1 : Number(p.memberNumber!.slice(1)));
      const expected = `[${packs.map((p) => `"${p.publicCredential},${weight(p)}"`).sort().join(',')}]`;
      expect(setup).toMatchObject({ weighted: true, credentialsSha256: createHash('sha256').update(expected).digest('hex') });
    });

    it('has no setup for a postal-only election', async () => {
      const e = await openElection(t, { channels: { online: false, postal: true } });
      expect(await t.dataSource.getRepository(BallotBoxSetupEntity).countBy({ electionId: e.id })).toBe(0);
    });
  });

  describe('casting', () => {
    it('stores a valid ballot that counts, logs the decision with tracker and serial, and shows it on the board', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      const receipt = await box.cast(voter, b.raw);
      expect(receipt).toMatchObject({ tracker: b.tracker, explanation: 'The online ballot counts.' });
      const [stored] = await ballots(e.id);
      const pack = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, serial: voter.serial });
      expect(stored).toMatchObject({ tracker: b.tracker, raw: b.raw, status: 'counts', publicCredential: pack.publicCredential });
      expect(await participation(e.id, 'M0001')).toMatchObject({ online: 'counted', onlineBallots: 1 });
      const decisions = await t.get(EventLogService).list({ electionId: e.id, type: 'precedence.decision', limit: 5 });
      expect(decisions[0].data).toMatchObject({ verdict: 'accept', event: 'online_cast', subject: { tracker: b.tracker, serial: voter.serial } });
      expect(await t.get(BallotBoardService).trackers(e.id, undefined, undefined)).toEqual({ trackers: [{ tracker: b.tracker, status: 'counts' }], next: null });
    });

    it('a revote replaces the earlier ballot of the same credential', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0002');
      const first = await ballotFor(t, e.id, voter.serial, [[0]]);
      const second = await ballotFor(t, e.id, voter.serial, [[1]]);
      await box.cast(voter, first.raw);
      expect((await box.cast(voter, second.raw)).explanation).toBe('The new online ballot replaces the earlier one.');
      expect((await ballots(e.id)).map((b) => [b.tracker, b.status])).toEqual([
        [first.tracker, 'replaced'],
        [second.tracker, 'counts'],
      ]);
    });

    it('refuses a revote when the election does not allow it: the refusal is logged, no ballot is stored', async () => {
      const e = await openElection(t, { onlineRevoting: false });
      const voter = await voterFor(t, e.id, 'M0001');
      await box.cast(voter, (await ballotFor(t, e.id, voter.serial)).raw);
      const again = await ballotFor(t, e.id, voter.serial, [[2]]);
      await expect(box.cast(voter, again.raw)).rejects.toMatchObject({ code: 'precedence_refused', kind: 'conflict', details: { reason: 'revoting_not_allowed' } });
      expect(await ballots(e.id)).toHaveLength(1);
      expect(await participation(e.id, 'M0001')).toMatchObject({ online: 'counted', onlineBallots: 1, lastRefused: 'revoting_not_allowed', lastRefusedChannel: 'online' });
    });

    it('refuses a forged signature (422 ballot_invalid naming the check) and stores nothing', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      const forged = b.raw.replace(/("signature":\{.*"response":"[0-9]*)([0-9])"/, (_, head: string, d: string) => `${head}${d === '1' ? '2' : '1'}"`);
      expect(forged).not.toBe(b.raw);
      const err = await refused(e, voter, forged, 'ballot_invalid');
      expect(err.kind).toBe('unprocessable');
      expect(err.details?.failed).toEqual(['signature_proof']);
    });

    it("refuses a ballot signed with another member's credential (403 credential_not_yours)", async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const other = await voterFor(t, e.id, 'M0002');
      const err = await refused(e, voter, (await ballotFor(t, e.id, other.serial)).raw, 'credential_not_yours');
      expect(err.kind).toBe('forbidden');
    });

    it('refuses a ballot already in the box (409 ballot_replayed, with its tracker)', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      await box.cast(voter, b.raw);
      const err = await refused(e, voter, b.raw, 'ballot_replayed');
      expect(err.details).toMatchObject({ tracker: b.tracker });
    });

    it("refuses another election's ballot (422 wrong_election)", async () => {
      const [e, other] = [await openElection(t), await openElection(t)];
      const voter = await voterFor(t, e.id, 'M0001');
      const theirs = await voterFor(t, other.id, 'M0001');
      const err = await refused(e, voter, (await ballotFor(t, other.id, theirs.serial)).raw, 'wrong_election');
      expect(err.kind).toBe('unprocessable');
    });

    it('refuses an invalid curve point, non-JSON and a wrong shape (400 malformed_ballot naming the problem), and an oversized ballot (413)', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      const badPoint = b.raw.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${'ff'.repeat(32)}"`);
      const err = await refused(e, voter, badPoint, 'malformed_ballot');
      expect(err.details?.problems).toEqual([{ path: expect.stringContaining('alpha'), reason: expect.stringMatching(/./) }]);
      await refused(e, voter, '{"not": "a ballot"', 'malformed_ballot');
      await refused(e, voter, b.raw.replace('"answers":[', '"answers":[[],'), 'malformed_ballot');
      await refused(e, voter, '', 'malformed_ballot');
      expect((await refused(e, voter, ' '.repeat(MAX_BALLOT_BYTES + 1), 'payload_too_large')).kind).toBe('too_large');
    });

    it('refuses a ballot for a pack that was replaced (409 credential_voided)', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0003');
      const b = await ballotFor(t, e.id, voter.serial);
      await t.dataSource.getRepository(PackEntity).update({ electionId: e.id, serial: voter.serial }, { status: 'voided', voidedAt: new Date() });
      await refused(e, voter, b.raw, 'credential_voided');
    });

    it('refuses casting once online voting closed, with the engine reason', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      await t.get(ElectionsService).transition(e.id, 'online_closed', SYSTEM);
      await expect(box.cast(voter, b.raw)).rejects.toMatchObject({ code: 'precedence_refused', details: { reason: 'online_closed' } });
      expect(await ballots(e.id)).toEqual([]);
    });

    it.each([
      [true, ['counts', 'replaced']],
      [false, ['counts']],
    ])('serialises two casts for one member arriving together (revoting %s)', async (onlineRevoting, statuses) => {
      const e = await openElection(t, { onlineRevoting });
      const voter = await voterFor(t, e.id, 'M0004');
      const [a, b] = [await ballotFor(t, e.id, voter.serial, [[0]]), await ballotFor(t, e.id, voter.serial, [[1]])];
      const results = await Promise.allSettled([box.cast(voter, a.raw), box.cast(voter, b.raw)]);
      const stored = await ballots(e.id);
      expect(stored.map((s) => s.status).sort()).toEqual([...statuses].sort());
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(statuses.length);
      // The ballot that counts is the one accepted last.
      expect(stored[stored.length - 1].status).toBe('counts');
      expect(await participation(e.id, 'M0004')).toMatchObject({ online: 'counted', onlineBallots: statuses.length });
      if (!onlineRevoting) {
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toMatchObject({ code: 'precedence_refused', details: { reason: 'revoting_not_allowed' } });
      }
    });

    it('the same ballot sent twice at once is stored once; the other is a replay', async () => {
      const e = await openElection(t);
      const voter = await voterFor(t, e.id, 'M0005');
      const b = await ballotFor(t, e.id, voter.serial);
      const results = await Promise.allSettled([box.cast(voter, b.raw), box.cast(voter, b.raw)]);
      expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code)).sort()).toEqual(['ballot_replayed', 'ok']);
      expect(await ballots(e.id)).toHaveLength(1);
      expect(await participation(e.id, 'M0005')).toMatchObject({ onlineBallots: 1 });
    });
  });

  describe('a postal vote that beats an online one', () => {
    it('marks the online ballot superseded in the decision transaction', async () => {
      const e = await openElection(t, { precedencePolicy: 'postal-overrides-online' });
      const voter = await voterFor(t, e.id, 'M0001');
      const b = await ballotFor(t, e.id, voter.serial);
      await box.cast(voter, b.raw);
      const staff: StaffActor = { kind: 'staff', staffId: randomUUID(), role: 'count_staff' };
      const intake = t.get(IntakeService);
      const session = await intake.openSession(e.id, 'D1', undefined, staff);
      const code = (await packCodes(t, e.id)).find((c) => c.memberNumber === 'M0001')!.code;
      const { scan } = await intake.scan(e.id, { scanId: randomUUID(), sessionId: session.id, code, entry: 'barcode' }, staff);
      expect(scan.verdict).toBe('accept');
      expect((await ballots(e.id)).map((x) => x.status)).toEqual(['superseded']);
      expect(await t.get(BallotBoardService).tracker(e.id, b.tracker)).toEqual({ present: true, status: 'superseded' });

      // A supervisor undoes that scan: the member's online ballot counts again.
      await intake.undoLast(e.id, session.id, 'scanned by mistake', { ...staff, role: 'count_supervisor' });
      expect((await ballots(e.id)).map((x) => x.status)).toEqual(['counts']);
      expect(await participation(e.id, 'M0001')).toMatchObject({ online: 'counted', envelope: 'none' });
    });
  });
});
