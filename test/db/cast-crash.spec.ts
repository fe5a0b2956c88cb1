// Reliability anchor E1 for the online channel: the server is killed (SIGKILL, no shutdown
// hooks) in the middle of a burst of casts, some of them revotes, some the same ballot sent twice.
// After a restart, every tracker a client received must be in the ballot box and on the public
// board, every stored ballot must have exactly one committed decision and no accepted decision
// may name a ballot that is not stored, each member's participation must count their ballots with
// exactly one that counts, and retrying every request of the burst must either store the ballot
// (201) or say it is already there with the same tracker (409 ballot_replayed). The published
// archive must verify. The spawned server verifies ballots on its worker threads, as in production.
import { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { In } from 'typeorm';
import { OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { ElectionEntity } from 'src/elections/election.entity';
import { EventLogService } from 'src/events/event-log.service';
import { ElectionRule } from 'src/precedence/engine';
import { PackEntity } from 'src/packs/pack.entity';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { signIn } from 'test/support/auth';
import { ballotFor } from 'test/support/ballots';
import { openElection } from 'test/support/open-election';
import { loggedDecision, replayMember, statusByEventId } from 'test/support/precedence-model';
import { buildOnce, collect, dbEnv, exited, freePort, npmScript, signalGroup, waitForHttp } from 'test/support/processes';
import { byEmail, members } from 'test/support/roll';
import { sironaVerify } from 'test/support/sirona';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, voterCookie, votingIdOf } from 'test/support/voter';

const RULE: ElectionRule = { policy: 'online-overrides-postal', onlineRevoting: true };
const ROUNDS = 3;
const MEMBERS_PER_ROUND = 40;
/** Casts in flight at once, as from many voters' browsers. */
const IN_FLIGHT = 12;
const SECOND_FACTOR = '1980-01-01';




const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface CastRequest {
  member: string;
  tracker: string;
  ballot: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A retry's answer, summed up: 'stored' first, then 'replayed', then anything unexpected. */
const rank = (x: unknown) => (x === 'stored' ? 0 : x === 'replayed' ? 1 : 2);

const errorOf = (a: Answer) => (a.body.error ?? {}) as { code?: string; tracker?: string };

describe('Online casts across a server crash', () => {
  let t: TestApp;
  let election: ElectionEntity;
  let admin: string;
  let port: number;
  let server: ChildProcess | undefined;
  const votingIds = new Map<string, string>();
  /** The member's hb_voter cookie on the server under test. */
  const cookies = new Map<string, string>();
  const outputs: Array<() => string> = [];

  beforeAll(async () => {
    buildOnce();
    // The test's own app sets the election up and reads the database; the server under test
    // is the built application started as a process of its own on the same database.
    t = await createTestApp();
    election = await openElection(t, { precedencePolicy: RULE.policy, onlineRevoting: RULE.onlineRevoting }, byEmail(members(1, ROUNDS * MEMBERS_PER_ROUND)));
    for (let i = 1; i <= ROUNDS * MEMBERS_PER_ROUND; i++) {
      const member = `M${String(i).padStart(4, '0')}`;
      votingIds.set(member, votingIdOf(t, election, await packSerialOf(t, election, member)));
    }
    admin = await signIn(t, 'administrator');
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    if (server) {
      signalGroup(server, 'SIGKILL');
      await exited(server);
    }
    await t?.close();
  });

  const url = () => `http://127.0.0.1:${port}`;

  async function startServer(): Promise<void> {
    // CAST_VERIFY_WORKERS is left unset: one verification worker per CPU, the production path.
    server = npmScript('serve', { ...dbEnv(t.config.database), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: t.config.dataDir });
    outputs.push(collect(server));
    await waitForHttp(`${url()}/health`, 30_000);
  }

  async function kill(): Promise<void> {
    if (!server) return;
    signalGroup(server, 'SIGKILL');
    await exited(server);
    server = undefined;
  }

  async function signInMember(member: string): Promise<void> {
    const res = await request(url()).post(`/elections/${election.id}/voter/sign-in`).send({ votingId: votingIds.get(member), secondFactor: SECOND_FACTOR });
    if (res.status !== 200) throw new Error(`sign-in of ${member}: ${res.status} ${JSON.stringify(res.body)}`);
    cookies.set(member, voterCookie(res.headers['set-cookie']));
  }

  // supertest opens a connection per request: none is left pooled to a server that was killed.
  async function send(r: CastRequest): Promise<Answer> {
    const res = await request(url()).post(`/elections/${election.id}/voter/ballots`).set('Cookie', cookies.get(r.member)!).send({ ballot: r.ballot });
    return { status: res.status, body: res.body as Record<string, unknown> };
  }

  /**
   * Sends the requests, IN_FLIGHT at a time, and calls `afterAck` after each answer. A request
   * whose connection fails (the server died) is unanswered; once one has failed, no more are sent.
   */
  async function burst(requests: CastRequest[], afterAck: (acked: number, answer: Answer) => void, send1: (r: CastRequest) => Promise<Answer> = send): Promise<Map<CastRequest, Answer>> {
    const acked = new Map<CastRequest, Answer>();
    let next = 0;
    let down = false;
    const worker = async () => {
      while (!down && next < requests.length) {
        const r = requests[next++];
        try {
          const answer = await send1(r);
          acked.set(r, answer);
          afterAck(acked.size, answer);
        } catch {
          down = true;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return acked;
  }

  /**
   * One or two ballots per member (a second one is a revote), a few requests sent twice by the
   * client (the same ballot, so the same tracker), shuffled.
   */
  async function plan(round: string[]): Promise<{ requests: CastRequest[]; ballots: CastRequest[] }> {
    const ballots: CastRequest[] = [];
    const requests: CastRequest[] = [];
    for (const [i, member] of round.entries()) {
      const serial = await packSerialOf(t, election, member);
      for (let k = 0; k < (i % 3 === 0 ? 2 : 1); k++) {
        const b = await ballotFor(t, election.id, serial, [[(i + k) % 2]]);
        const r = { member, tracker: b.tracker, ballot: b.raw };
        ballots.push(r);
        requests.push(r);
        if (i % 7 === 1) requests.push({ ...r });
      }
    }
    for (let i = requests.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [requests[i], requests[j]] = [requests[j], requests[i]];
    }
    return { requests, ballots };
  }

  it.each(Array.from({ length: ROUNDS }, (_, i) => [i + 1]))(
    'round %i: every tracker received survives a SIGKILL on the board, with its decision; retries replay; nothing is counted twice',
    async (round) => {
      const mine = Array.from({ length: MEMBERS_PER_ROUND }, (_, i) => `M${String((round - 1) * MEMBERS_PER_ROUND + i + 1).padStart(4, '0')}`);
      const { requests, ballots } = await plan(mine);
      const killAfter = Math.floor(requests.length * (0.2 + 0.5 * Math.random()));
      await startServer();
      for (let i = 0; i < mine.length; i += IN_FLIGHT) await Promise.all(mine.slice(i, i + IN_FLIGHT).map(signInMember));

      // Odd rounds: the kill lands a random moment after that answer, catching the requests in
      // flight at whatever stage (verifying on a worker, waiting for the member's lock, writing).
      // Even rounds: from that answer on, this process watches the table and kills the server as
      // soon as it holds a ballot whose 201 has not reached its client (committed, not answered).
      const repo = t.dataSource.getRepository(OnlineBallotEntity);
      const rowsBefore = await repo.countBy({ electionId: election.id });
      const killDelayMs = Math.floor(Math.random() * 150);
      const watch = round % 2 === 0;
      const context = watch ? `(killed on a commit not yet answered, watching from answer ${killAfter} of ${requests.length})` : `(killed ${killDelayMs} ms after answer ${killAfter} of ${requests.length})`;
      let created = 0;
      let answered = 0;
      let killing: Promise<void> | undefined;
      let killed: Promise<void> | undefined;
      const killNow = (): Promise<void> => (killed ??= kill());
      // Gives up watching before the last requests are answered: the burst must not complete.
      const killOnUnansweredCommit = async (): Promise<void> => {
        while (answered < requests.length - 3 && (await repo.countBy({ electionId: election.id })) <= rowsBefore + created) await new Promise((r) => setTimeout(r, 1));
        await killNow();
      };
      const acked = await burst(requests, (n, a) => {
        answered = n;
        if (a.status === 201) created++;
        if (n === killAfter) killing = watch ? killOnUnansweredCommit() : new Promise((r) => setTimeout(r, killDelayMs)).then(killNow);
        // The random delay must not outlast the burst: a round whose every request was answered
        // before the kill would have crashed nothing in flight.
        if (!watch && n === requests.length - 3) void killNow();
      });
      await (killing ?? killNow());
      expect(acked.size).toBeGreaterThanOrEqual(killAfter);
      expect(acked.size).toBeLessThan(requests.length);
      // Answered before the crash: stored, or the same ballot stored by its twin request.
      for (const [r, a] of acked) {
        const ok = a.status === 201 ? a.body.tracker === r.tracker : a.status === 409 && errorOf(a).code === 'ballot_replayed' && errorOf(a).tracker === r.tracker;
        expect({ context, tracker: r.tracker, answer: ok ? 'ok' : a }).toEqual({ context, tracker: r.tracker, answer: 'ok' });
      }

      // Before anyone retries: every receipt a client holds is in the box, as answered.
      const prepared = new Set(ballots.map((b) => b.tracker));
      const storedBefore = new Map((await repo.findBy({ electionId: election.id, tracker: In([...prepared]) })).map((b) => [b.tracker, b]));
      for (const [r, a] of acked) {
        const row = storedBefore.get(r.tracker);
        expect({ context, tracker: r.tracker, stored: !!row }).toEqual({ context, tracker: r.tracker, stored: true });
        if (a.status === 201) expect(row!.receivedAt.toISOString()).toBe(a.body.receivedAt);
      }
      await expectOneStoryPerMember(mine, context);

      // Restarted: the chains are intact and every receipt is on the public board.
      await startServer();
      const integrity = await request(url()).get(`/elections/${election.id}/events/integrity`).set('Authorization', admin).expect(200);
      expect(integrity.body.ok).toBe(true);
      for (const [r, a] of acked) {
        if (a.status !== 201) continue;
        const res = await request(url()).get(`/elections/${election.id}/ballot-box/trackers/${encodeURIComponent(r.tracker)}`);
        expect({ tracker: r.tracker, status: res.status, present: res.body.present }).toEqual({ tracker: r.tracker, status: 200, present: true });
      }

      // Every request of the burst sent again: the sessions survived the crash (they are in the
      // database); a ballot already stored is 409 ballot_replayed with its tracker, any other is stored once.
      let signInsAgain = 0;
      const retried = await burst(
        requests,
        () => undefined,
        async (r) => {
          let a = await send(r);
          if (a.status === 401) {
            signInsAgain++;
            await signInMember(r.member);
            a = await send(r);
          }
          return a;
        },
      );
      expect(retried.size).toBe(requests.length);
      expect(signInsAgain).toBe(0);
      const answersFor = new Map<string, Answer[]>();
      for (const [r, a] of retried) answersFor.set(r.tracker, [...(answersFor.get(r.tracker) ?? []), a]);
      for (const [tracker, answers] of answersFor) {
        const summary = answers.map((a) => (a.status === 201 && a.body.tracker === tracker ? 'stored' : a.status === 409 && errorOf(a).code === 'ballot_replayed' && errorOf(a).tracker === tracker ? 'replayed' : a));
        const expected = storedBefore.has(tracker) ? summary.map(() => 'replayed') : ['stored', ...summary.slice(1).map(() => 'replayed')];
        expect({ context, tracker, answers: [...summary].sort((x, y) => rank(x) - rank(y)) }).toEqual({ context, tracker, answers: expected });
      }

      // Every prepared ballot is stored exactly once, and the board shows each.
      const rows = await repo.findBy({ electionId: election.id, tracker: In([...prepared]) });
      expect(rows.map((b) => b.tracker).sort()).toEqual([...prepared].sort());
      await expectOneStoryPerMember(mine, context);
      const board = new Map<string, string>();
      for (let after: string | null = null; ; ) {
        const page = (await request(url()).get(`/elections/${election.id}/ballot-box/trackers`).query({ limit: 1000, ...(after ? { after } : {}) }).expect(200)).body as {
          trackers: Array<{ tracker: string; status: string }>;
          next: string | null;
        };
        for (const x of page.trackers) board.set(x.tracker, x.status);
        if (!page.next) break;
        after = page.next;
      }
      const all = await repo.find({ where: { electionId: election.id }, order: { id: 'ASC' } });
      expect(new Map(all.map((b) => [b.tracker, b.status]))).toEqual(board);

      // The whole ballot box as published verifies: Setup, then every stored ballot in acceptance order.
      const res = await request(url()).get(`/elections/${election.id}/ballot-box/archive`).buffer(true).parse(binary).expect(200);
      const bytes = new Uint8Array(res.body as Buffer);
      const report = verifyArchive(bytes);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.ballots).toBe(all.length);
      if (round === ROUNDS) {
        const sirona = sironaVerify(bytes, election.beleniosUuid);
        expect({ code: sirona.code, out: sirona.out }).toMatchObject({ code: 0 });
        expect(sirona.out).toContain(`${all.length} ballots found`);
      }
      await kill();

      const chains = await t.get(EventLogService).verifyElection(election.id);
      expect(chains.filter((c) => !c.ok)).toEqual([]);
      // No request failed with a 500 in any of the server's lives.
      expect(outputs.map((o) => o()).join('')).not.toMatch(/"level":(50|60)/);
    },
    180_000,
  );

  /**
   * Ballot rows, decision events and participation rows tell one story: each stored ballot has
   * exactly one committed decision naming it, no accepted cast names a ballot that is not
   * stored, the decisions replayed through the model give each member's participation row, and
   * of a member's ballots the last accepted one counts and the others are replaced.
   */
  async function expectOneStoryPerMember(round: string[], context: string): Promise<void> {
    const events = await t.get(EventLogService).list({ electionId: election.id, type: 'precedence.decision', limit: 100_000 });
    const decisions = events.map(loggedDecision).filter((d) => round.includes(d.memberId));
    const statusAt = statusByEventId(events);
    const participation = await t.dataSource.getRepository(ParticipationEntity).findBy({ electionId: election.id, memberId: In(round) });
    const rows = await t.dataSource.getRepository(OnlineBallotEntity).find({ where: { electionId: election.id }, order: { id: 'ASC' } });
    const memberOf = new Map((await t.dataSource.getRepository(PackEntity).findBy({ electionId: election.id })).map((p) => [p.publicCredential, p.memberNumber]));

    const casts = decisions.filter((d) => d.event === 'online_cast');
    expect({ context, otherEvents: decisions.filter((d) => d.event !== 'online_cast') }).toEqual({ context, otherEvents: [] });
    const stored = new Set(rows.map((b) => b.tracker));
    const accepted = casts.filter((d) => d.verdict === 'accept');
    // Nothing is refused here: revoting is on and nobody votes by post.
    expect({ context, refused: casts.filter((d) => d.verdict !== 'accept') }).toEqual({ context, refused: [] });
    expect({ context, decidedButNotStored: accepted.map((d) => String(d.subject.tracker)).filter((x) => !stored.has(x)) }).toEqual({ context, decidedButNotStored: [] });

    for (const member of round) {
      const mineRows = rows.filter((b) => memberOf.get(b.publicCredential) === member);
      const mineDecisions = decisions.filter((d) => d.memberId === member);
      // Each of the member's rows has exactly one decision, and each decision one row.
      const trackers = mineDecisions.map((d) => String(d.subject.tracker)).sort();
      expect({ context, member, trackers }).toEqual({ context, member, trackers: mineRows.map((b) => b.tracker).sort() });
      const state = replayMember(RULE, 'any', mineDecisions, statusAt);
      const row = participation.find((p) => p.memberId === member);
      expect({ context, member, row: row && { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope, decisions: row.decisions } }).toEqual({
        context,
        member,
        row: mineDecisions.length === 0 ? undefined : { ...state, decisions: mineDecisions.length },
      });
      expect(row?.onlineBallots ?? 0).toBe(mineRows.length);
      // Acceptance order: the last one counts (as Belenios counts the last per credential).
      expect({ context, member, statuses: mineRows.map((b) => b.status) }).toEqual({
        context,
        member,
        statuses: mineRows.map((_, i) => (i === mineRows.length - 1 ? 'counts' : 'replaced')),
      });
    }
    // No tracker is named by two decisions.
    expect(new Set(casts.map((d) => String(d.subject.tracker))).size).toBe(casts.length);
    expect(rows.filter((b) => round.includes(memberOf.get(b.publicCredential)!))).toHaveLength(casts.length);
  }
});
