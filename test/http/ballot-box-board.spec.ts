import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { BallotBoxService } from 'src/ballot-box/ballot-box.service';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { writeElectionArchive } from 'src/crypto/archive/write-archive';
import { parsePublicCredentials } from 'src/crypto/credential/public-credentials';
import { parseElection } from 'src/crypto/election/election';
import { computePartialDecryption } from 'src/crypto/tally/partial-decryption';
import { parseTrustees } from 'src/crypto/trustees/trustees';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackEntity } from 'src/packs/pack.entity';
import { randomUUID } from 'node:crypto';
import { StaffActor } from 'src/events/actor';
import { IntakeService } from 'src/intake/intake.service';
import { ballotFor, voterFor } from 'test/support/ballots';
import { packCodes } from 'test/support/identity-codes';
import { openElectionWithTrustee, packsReadyElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { sironaVerify } from 'test/support/sirona';
import { createTestApp, TestApp } from 'test/support/test-app';

// Each test opens elections (roll, print run, trustee): seconds on a loaded machine.
jest.setTimeout(60_000);



/** Event types in chain order, and the raw ballots of the Ballot events in order. */
function archiveContents(bytes: Uint8Array): { events: string[]; ballots: string[] } {
  const data = new Map<string, string>();
  const events: string[] = [];
  const ballots: string[] = [];
  for (const r of readArchive(bytes)) {
    if (r.kind === 'data') data.set(r.hash, Buffer.from(r.entry.body).toString('utf8'));
    if (r.kind === 'event') {
      events.push(r.event.type);
      if (r.event.type === 'Ballot') ballots.push(data.get(r.event.payload!)!);
    }
  }
  return { events, ballots };
}

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the public ballot box (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const url = (electionId: string, p: string) => `/elections/${electionId}/ballot-box/${p}`;

  it('serves nothing before the election opens (404)', async () => {
    const e = await packsReadyElection(t);
    for (const p of ['election', 'trackers', 'trackers/abc', 'archive', 'credentials?prefix=abcd']) {
      expect((await t.http().get(url(e.id, p)).expect(404)).body.error.code).toBe('ballot_box_not_open');
    }
  });

  describe('an open election with ballots', () => {
    let electionId: string;
    let trusteeSecret: bigint;
    const cast: Array<{ tracker: string; member: string }> = [];
    let replacedTracker: string;
    let supersededTracker: string;

    beforeAll(async () => {
      // Weights make the list `credential,weight`; M0005 will vote online then by post.
      const roll = members(1, 5).map((m, i) => ({ ...m, weight: String(i + 1) }));
      const opened = await openElectionWithTrustee(t, { precedencePolicy: 'last-wins' }, roll);
      electionId = opened.election.id;
      trusteeSecret = opened.trusteeSecret!;
      const box = t.get(BallotBoxService);
      for (const [member, pick] of [['M0001', 0], ['M0002', 1], ['M0003', 1], ['M0002', 2], ['M0005', 0]] as const) {
        const voter = await voterFor(t, electionId, member);
        const b = await ballotFor(t, electionId, voter.serial, [[pick]]);
        await box.cast(voter, b.raw);
        cast.push({ tracker: b.tracker, member });
      }
      replacedTracker = cast[1].tracker;
      supersededTracker = cast[4].tracker;
      const staff: StaffActor = { kind: 'staff', staffId: randomUUID(), role: 'count_staff' };
      const intake = t.get(IntakeService);
      const session = await intake.openSession(electionId, 'D1', undefined, staff);
      const code = (await packCodes(t, electionId)).find((c) => c.memberNumber === 'M0005')!.code;
      await intake.scan(electionId, { scanId: randomUUID(), sessionId: session.id, code, entry: 'barcode' }, staff);
    }, 120_000);

    it('serves the stored election.json as JSON', async () => {
      const res = await t.http().get(url(electionId, 'election')).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId });
      expect(res.text).toBe(setup.electionRaw);
    });

    it('pages the board in tracker order with each status, and never shows times', async () => {
      const all = (await t.http().get(url(electionId, 'trackers')).expect(200)).body as { trackers: Array<{ tracker: string; status: string }>; next: string | null };
      const sorted = cast.map((c) => c.tracker).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(all.trackers.map((x) => x.tracker)).toEqual(sorted);
      expect(all.next).toBeNull();
      const statusOf = Object.fromEntries(all.trackers.map((x) => [x.tracker, x.status]));
      expect(statusOf[replacedTracker]).toBe('replaced');
      expect(statusOf[supersededTracker]).toBe('superseded');
      expect(Object.values(statusOf).filter((s) => s === 'counts')).toHaveLength(3);
      expect(Object.keys(all.trackers[0]).sort()).toEqual(['status', 'tracker']);

      const page1 = (await t.http().get(url(electionId, 'trackers')).query({ limit: 2 }).expect(200)).body;
      expect(page1.trackers.map((x: { tracker: string }) => x.tracker)).toEqual(sorted.slice(0, 2));
      expect(page1.next).toBe(sorted[1]);
      const page2 = (await t.http().get(url(electionId, 'trackers')).query({ limit: 2, after: page1.next }).expect(200)).body;
      expect(page2.trackers.map((x: { tracker: string }) => x.tracker)).toEqual(sorted.slice(2, 4));
      for (const limit of ['0', '1001', 'x']) expect((await t.http().get(url(electionId, 'trackers')).query({ limit }).expect(400)).body.error.code).toBe('invalid_page');
    });

    it('looks up one tracker (404 tracker_not_found for others)', async () => {
      const res = await t.http().get(url(electionId, `trackers/${encodeURIComponent(replacedTracker)}`)).expect(200);
      expect(res.body).toEqual({ present: true, status: 'replaced' });
      expect((await t.http().get(url(electionId, 'trackers/nope')).expect(404)).body.error.code).toBe('tracker_not_found');
    });

    it('lists credentials used by a ballot for a 4-hex prefix, and refuses any other prefix', async () => {
      const pack = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: 'M0001' });
      const res = await t.http().get(url(electionId, 'credentials')).query({ prefix: pack.publicCredential.slice(0, 4) }).expect(200);
      expect(res.body.credentials).toContain(pack.publicCredential);
      expect(res.body.credentials.every((c: string) => c.startsWith(pack.publicCredential.slice(0, 4)))).toBe(true);
      const unused = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: 'M0004' });
      expect((await t.http().get(url(electionId, 'credentials')).query({ prefix: unused.publicCredential.slice(0, 4) }).expect(200)).body.credentials).not.toContain(unused.publicCredential);
      for (const prefix of ['ABCD', 'abc', 'abcde', 'abcg']) {
        expect((await t.http().get(url(electionId, 'credentials')).query({ prefix }).expect(400)).body.error.code).toBe('invalid_prefix');
      }
      await t.http().get(url(electionId, 'credentials')).expect(400);
    });

    it('exports a .bel with the setup then the counting and replaced ballots in acceptance order, which our verifier and Sirona accept', async () => {
      const res = await t.http().get(url(electionId, 'archive')).buffer(true).parse(binary).expect(200);
      const e = await t.get(ElectionsService).get(electionId);
      expect(res.headers['content-type']).toMatch(/^application\/octet-stream/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${e.beleniosUuid}.bel"`);
      const bytes = new Uint8Array(res.body as Buffer);

      const report = verifyArchive(bytes);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.ballots).toBe(4);
      const { events, ballots } = archiveContents(bytes);
      expect(events).toEqual(['Setup', 'Ballot', 'Ballot', 'Ballot', 'Ballot']);
      // Acceptance order, the superseded ballot (the fifth cast) left out.
      const stored = await t.get(BallotBoxRepository).allInOrder(electionId);
      expect(ballots).toEqual(stored.filter((b) => b.status !== 'superseded').map((b) => b.raw));
      expect(stored.map((b) => b.tracker)).toEqual(cast.map((c) => c.tracker));

      const sirona = sironaVerify(bytes, e.beleniosUuid);
      expect({ code: sirona.code, out: sirona.out }).toMatchObject({ code: 0 });
      expect(sirona.out).toContain('4 ballots found');
    }, 60_000);

    it('tallies to the votes that count, with the weights of the roll (trustee secret from the test setup)', async () => {
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId });
      const list = await t.get(BallotBoxSetupService).credentials(setup);
      const election = parseElection(setup.electionRaw);
      const stored = await t.get(BallotBoxRepository).rawInOrder(electionId, ['counts', 'replaced']);
      const { bytes, result } = writeElectionArchive({
        timestamp: 1,
        election,
        trusteesRaw: setup.trusteesRaw,
        trustees: parseTrustees(setup.trusteesRaw),
        credentialsRaw: list.raw,
        credentials: parsePublicCredentials(list.raw),
        ballots: stored,
        decrypt: (tally) => [{ owner: 1, partial: computePartialDecryption(election.fingerprint, tally, trusteeSecret) }],
      });
      // Counting: M0001 (weight 1) Alice, M0003 (weight 3) Bob, M0002 (weight 2) revoted Chloé;
      // M0005's online ballot is superseded by post. Blank flag first.
      expect(result).toEqual([[0n, 1n, 3n, 2n]]);
      expect(verifyArchive(bytes).ok).toBe(true);
      // Ending the online channel adds EndBallots to the published archive.
      await t.get(ElectionsService).transition(electionId, 'online_closed', SYSTEM);
      const closed = await t.http().get(url(electionId, 'archive')).buffer(true).parse(binary).expect(200);
      expect(archiveContents(new Uint8Array(closed.body as Buffer)).events).toEqual(['Setup', 'Ballot', 'Ballot', 'Ballot', 'Ballot', 'EndBallots']);
      expect(verifyArchive(new Uint8Array(closed.body as Buffer)).ok).toBe(true);
    }, 60_000);
  });
});
