// Reliability anchor E3 (and E1 for intake): the server is killed (SIGKILL, no shutdown hooks)
// in the middle of a burst of scans from several stations, while online casts for the same
// members are decided beside it. After a restart, every scan a client saw acknowledged must be
// in the database exactly as answered, nothing may be counted twice, the event chains must be
// intact, and retrying every request of the burst with its own scan id must be idempotent.
import { randomUUID } from 'node:crypto';
import { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { In } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { ElectionRule } from 'src/precedence/engine';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { AppliedDecision, PrecedenceService } from 'src/precedence/precedence.service';
import { signIn } from 'test/support/auth';
import { PackCode, packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { loggedDecision, replayMember, statusByEventId, trayProblems } from 'test/support/precedence-model';
import { buildOnce, collect, dbEnv, exited, freePort, npmScript, signalGroup, waitForHttp } from 'test/support/processes';
import { byEmail, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

const RULE: ElectionRule = { policy: 'last-wins', onlineRevoting: true };
const ROUNDS = 3;
const MEMBERS_PER_ROUND = 60;
const STATIONS = 3;
const TRAY_CAPACITY = 10;
/** Requests in flight at once, as from several desks and a mail-room machine. */
const IN_FLIGHT = 12;



interface ScanRequest {
  member: string;
  auth: string;
  body: { scanId: string; sessionId: string; code: string; entry: 'barcode' };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('Intake across a server crash', () => {
  let t: TestApp;
  let election: ElectionEntity;
  let codes: PackCode[];
  let sessions: string[];
  let auth: string[];
  let admin: string;
  let port: number;
  let server: ChildProcess | undefined;
  const outputs: Array<() => string> = [];

  beforeAll(async () => {
    buildOnce();
    // The test's own app sets the election up and reads the database; the server under test
    // is the built application started as a process of its own on the same database.
    t = await createTestApp();
    election = await openElection(t, { precedencePolicy: RULE.policy, onlineRevoting: RULE.onlineRevoting }, byEmail(members(1, ROUNDS * MEMBERS_PER_ROUND)));
    codes = await packCodes(t, election.id);
    auth = [await signIn(t, 'count_staff'), await signIn(t, 'count_supervisor')];
    admin = await signIn(t, 'administrator');
    sessions = [];
    for (let s = 0; s < STATIONS; s++) {
      const res = await t
        .http()
        .post(`/elections/${election.id}/intake/sessions`)
        .set('Authorization', auth[s % auth.length])
        .send({ station: `K${s + 1}`, trayCapacity: TRAY_CAPACITY })
        .expect(201);
      sessions.push(res.body.id as string);
    }
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    if (server) {
      signalGroup(server, 'SIGKILL');
      await exited(server);
    }
    await t?.close();
  });

  async function startServer(): Promise<void> {
    server = npmScript('serve', { ...dbEnv(t.config.database), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: t.config.dataDir });
    outputs.push(collect(server));
    await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000);
  }

  async function kill(): Promise<void> {
    if (!server) return;
    signalGroup(server, 'SIGKILL');
    await exited(server);
    server = undefined;
  }

  // supertest opens a connection per request: none is left pooled to a server that was killed.
  async function send(r: ScanRequest): Promise<Answer> {
    const res = await request(`http://127.0.0.1:${port}`).post(`/elections/${election.id}/intake/scans`).set('Authorization', r.auth).send(r.body);
    return { status: res.status, body: res.body as Record<string, unknown> };
  }

  /**
   * Sends the requests, IN_FLIGHT at a time, and calls `afterAck` after each acknowledgement.
   * A request whose connection fails (the server died) is unacknowledged; once one has failed,
   * no more are sent.
   */
  async function burst(requests: ScanRequest[], afterAck: (acked: number) => void): Promise<Map<ScanRequest, Answer>> {
    const acked = new Map<ScanRequest, Answer>();
    let next = 0;
    let down = false;
    const worker = async () => {
      while (!down && next < requests.length) {
        const r = requests[next++];
        try {
          const answer = await send(r);
          acked.set(r, answer);
          afterAck(acked.size);
        } catch {
          down = true;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return acked;
  }

  /** Shuffled scans of the round's members: returns, rescans at another desk, re-sent requests. */
  function plan(round: PackCode[]): ScanRequest[] {
    const out: ScanRequest[] = [];
    const scanAt = (c: PackCode, station: number): ScanRequest => ({
      member: c.memberNumber,
      auth: auth[station % auth.length],
      body: { scanId: randomUUID(), sessionId: sessions[station], code: c.code, entry: 'barcode' },
    });
    round.forEach((c, i) => {
      const first = scanAt(c, i % STATIONS);
      out.push(first);
      if (i % 4 === 0) out.push(scanAt(c, (i + 1) % STATIONS)); // the same envelope, scanned again
      if (i % 6 === 0) out.push({ ...first }); // the same request, re-sent by the client
    });
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  it.each(Array.from({ length: ROUNDS }, (_, i) => [i + 1]))(
    'round %i: acknowledged scans survive a SIGKILL as answered, retries replay, nothing is counted twice',
    async (round) => {
      const mine = codes.slice((round - 1) * MEMBERS_PER_ROUND, round * MEMBERS_PER_ROUND);
      const requests = plan(mine);
      const killAfter = Math.floor(requests.length * (0.2 + 0.5 * Math.random()));
      const context = `(killed after ${killAfter} of ${requests.length} acknowledgements)`;
      await startServer();

      // Online casts for a fifth of the members, decided by this process while the server
      // scans and dies: no online endpoint exists yet, so they go to the engine directly.
      const precedence = t.get(PrecedenceService);
      const castFor = mine.filter((_, i) => i % 5 === 2);
      let killing: Promise<void> | undefined;
      const [acked, casts] = await Promise.all([
        burst(requests, (n) => {
          if (n === killAfter) killing = kill();
        }),
        Promise.all(
          castFor.map((c) =>
            precedence.decideAlone({
              election,
              memberId: c.memberNumber,
              member: { eligible: true, restriction: 'any' },
              event: { kind: 'online_cast' },
              actor: SYSTEM,
              subject: { tracker: randomUUID() },
            }),
          ),
        ),
      ]);
      await (killing ?? kill());
      expect(acked.size).toBeGreaterThanOrEqual(killAfter);
      expect(acked.size).toBeLessThan(requests.length);
      for (const a of acked.values()) expect([200, 201]).toContain(a.status);

      // Before anyone retries: what was acknowledged is there, exactly as answered.
      const scanIds = [...new Set(requests.map((r) => r.body.scanId))];
      const repo = t.dataSource.getRepository(IntakeScanEntity);
      const stored = new Map((await repo.findBy({ electionId: election.id, scanId: In(scanIds) })).map((s) => [s.scanId, s]));
      for (const [r, a] of acked) {
        const row = stored.get(r.body.scanId);
        expect({ scanId: r.body.scanId, row: row && { verdict: row.verdict, reason: row.reason, tray: row.tray, position: row.position } }).toEqual({
          scanId: r.body.scanId,
          row: { verdict: a.body.verdict, reason: a.body.reason, tray: a.body.tray, position: a.body.position },
        });
      }

      // Restarted, the server finds its chains intact, and every request of the burst sent
      // again is idempotent: an acknowledged scan replays its answer, the others are recorded once.
      await startServer();
      const integrity = await request(`http://127.0.0.1:${port}`).get(`/elections/${election.id}/events/integrity`).set('Authorization', admin).expect(200);
      expect(integrity.body.ok).toBe(true);
      const retried = await burst(requests, () => undefined);
      expect(retried.size).toBe(requests.length);
      const final = new Map<string, Answer>();
      for (const [r, a] of retried) {
        expect([200, 201]).toContain(a.status);
        const before = acked.get(r);
        if (before) {
          expect({ status: a.status, body: a.body }).toEqual({ status: 200, body: { ...before.body, replayed: true } });
        }
        const seen = final.get(r.body.scanId);
        if (seen) expect({ ...a.body, replayed: true }).toEqual({ ...seen.body, replayed: true });
        final.set(r.body.scanId, a);
      }
      // Answers for the same scan id agree across the crash, too.
      for (const [r, a] of acked) expect({ ...a.body, replayed: true }).toEqual({ ...final.get(r.body.scanId)!.body, replayed: true });
      await kill();

      const rows = await repo.findBy({ electionId: election.id, scanId: In(scanIds) });
      expect(rows).toHaveLength(scanIds.length);
      await expectOneVotePerMember(mine, rows, casts, context);
      expect(await trayProblems(t, election.id, TRAY_CAPACITY)).toEqual([]);
      const chains = await t.get(EventLogService).verifyElection(election.id);
      expect(chains.filter((c) => !c.ok)).toEqual([]);
      // No request failed with a 500 in any of the server's lives.
      expect(outputs.map((o) => o()).join('')).not.toMatch(/"level":(50|60)/);
    },
    180_000,
  );

  /**
   * Participation rows, scan rows and decision events tell one story: each decision belongs
   * to one scan row or one cast, each scan that reached the engine has its decision, and the
   * decisions replayed through the model give the rows.
   */
  async function expectOneVotePerMember(round: PackCode[], rows: IntakeScanEntity[], casts: AppliedDecision[], context: string): Promise<void> {
    const ids = round.map((c) => c.memberNumber);
    const events = await t.get(EventLogService).list({ electionId: election.id, type: 'precedence.decision', limit: 100_000 });
    const decisions = events.map(loggedDecision).filter((d) => ids.includes(d.memberId));
    const statusAt = statusByEventId(events);
    const participation = await t.dataSource.getRepository(ParticipationEntity).findBy({ electionId: election.id, memberId: In(ids) });

    const scanDecisions = decisions.filter((d) => d.event === 'postal_return').map((d) => String(d.subject.scanId)).sort();
    expect({ context, scanDecisions }).toEqual({ context, scanDecisions: rows.filter((r) => r.decisionNo !== null).map((r) => r.scanId).sort() });
    expect(decisions.filter((d) => d.event === 'online_cast')).toHaveLength(casts.length);
    for (const r of rows) {
      const d = decisions.find((x) => x.subject.scanId === r.scanId);
      if (d) expect({ verdict: r.verdict, reason: r.reason, decisionNo: r.decisionNo }).toEqual({ verdict: d.verdict, reason: d.reason, decisionNo: d.decisionNo });
    }
    for (const id of ids) {
      const mineDecisions = decisions.filter((d) => d.memberId === id);
      const state = replayMember(RULE, 'any', mineDecisions, statusAt);
      const row = participation.find((p) => p.memberId === id);
      expect({ id, row: row && { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope, decisions: row.decisions } }).toEqual({
        id,
        row: mineDecisions.length === 0 ? undefined : { ...state, decisions: mineDecisions.length },
      });
      // One return per member at most: rescans of a counted envelope are refused as duplicates.
      expect(rows.filter((r) => r.memberId === id && (r.verdict === 'accept' || r.verdict === 'hold'))).toHaveLength(1);
    }
  }
});
