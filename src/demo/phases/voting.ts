// The poll: members vote online through the real booth API with ballots made by the crypto
// module as their browser would; envelopes come back to intake and are scanned at two desks.
import { randomUUID } from 'node:crypto';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { inParallel } from 'src/demo/api-client';
import { DemoContext, observe } from 'src/demo/demo-context';
import { demoError } from 'src/demo/demo.errors';
import { expectationFor, MemberPlan, Vote } from 'src/demo/scenario';

/** Belenios plaintexts: one 0/1 per answer, the blank flag first where blank is allowed. */
export function onlineChoices(v: Vote): number[][] {
  const q1 = [0, 1, 2].map((i) => (i === v.q1 ? 1 : 0));
  const q2 = v.q2.length === 0 ? [1, 0, 0, 0] : [0, ...[0, 1, 2].map((i) => (v.q2.includes(i) ? 1 : 0))];
  return [q1, q2];
}

export type CastOutcome = { accepted: true; tracker: string } | { accepted: false; reason: string };

/** Signs in with the pack's Voting ID and date of birth, builds the ballot, casts it. */
export async function castOnline(ctx: DemoContext, member: MemberPlan, vote: Vote): Promise<CastOutcome> {
  const pack = await ctx.shop.current(member.number);
  const signIn = await ctx.anon.post(`/elections/${ctx.electionId}/voter/sign-in`, { votingId: pack.votingId, secondFactor: member.dateOfBirth }, [200]);
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('hb_voter='));
  if (!cookie) throw demoError('demo_unexpected_answer', 'The sign-in set no voter session cookie.');
  const voter = ctx.anon.withCookie(cookie.split(';')[0]);
  const { raw } = createBallot(ctx.belenios, pack.credential, onlineChoices(vote));
  for (;;) {
    const res = await voter.post<{ tracker?: string; error?: { code: string; reason?: string; retryAfterSeconds?: number } }>(`/elections/${ctx.electionId}/voter/ballots`, { ballot: raw }, [201, 409, 503]);
    if (res.status === 201) return { accepted: true, tracker: res.body.tracker! };
    // Busy: the booth asks the member to send the same ballot again.
    if (res.status === 503) {
      await new Promise((r) => setTimeout(r, 1000 * (res.body.error?.retryAfterSeconds ?? 1)));
      continue;
    }
    if (res.body.error?.code !== 'precedence_refused') throw demoError('demo_unexpected_answer', `A cast was refused: ${res.body.error?.code}`);
    return { accepted: false, reason: res.body.error.reason ?? 'unknown' };
  }
}

function expectAccepted(ctx: DemoContext, member: MemberPlan, what: string, o: CastOutcome): void {
  if (!o.accepted) ctx.mismatches.push(`${member.number}: ${what} was refused (${o.reason})`);
}

/** Voting while the online channel is open: first ballots, then the ones after a postal return and revotes. */
export async function onlineRound(ctx: DemoContext, round: 'first' | 'second', concurrency = 6): Promise<number> {
  const plans = ctx.scenario.plans;
  const jobs: Array<() => Promise<void>> = [];
  for (const p of plans) {
    if (round === 'first' && (p.story === 'online' || p.story === 'online_revote' || p.story === 'online_then_postal')) {
      jobs.push(async () => expectAccepted(ctx, p, 'the online vote', await castOnline(ctx, p, p.ballots[0])));
    }
    if (round === 'second' && p.story === 'online_revote') {
      jobs.push(async () => expectAccepted(ctx, p, 'the online revote', await castOnline(ctx, p, p.ballots[1])));
    }
    if (round === 'second' && p.story === 'postal_then_online') {
      jobs.push(async () => {
        const o = await castOnline(ctx, p, p.ballots[0]);
        const actual = o.accepted ? 'accept' : o.reason;
        observe(ctx, p.number).onlineAfterPostal = actual;
        const expected = expectationFor(p, ctx.policy).onlineAfterPostal;
        if (actual !== expected) ctx.mismatches.push(`${p.number}: online after post: expected ${expected}, got ${actual}`);
      });
    }
    if (round === 'second' && p.triesOnline) {
      jobs.push(async () => {
        const o = await castOnline(ctx, p, { q1: 0, q2: [0] });
        if (o.accepted || o.reason !== 'channel_not_allowed') ctx.mismatches.push(`${p.number}: a postal-only member's online vote was not refused as channel_not_allowed`);
      });
    }
  }
  await inParallel(jobs, concurrency, async (job) => {
    await job();
    ctx.display.tick();
  });
  return jobs.length;
}

interface ScanAnswer {
  verdict: string;
  reason: string | null;
}

export class IntakeDesks {
  private constructor(
    private readonly ctx: DemoContext,
    readonly sessions: string[],
  ) {}

  /** Two desks, as count staff open them at the scan page. */
  static async open(ctx: DemoContext, stations = ['D1', 'D2']): Promise<IntakeDesks> {
    const sessions: string[] = [];
    for (const station of stations) {
      sessions.push((await ctx.staff.countStaff.post<{ id: string }>(`/elections/${ctx.electionId}/intake/sessions`, { station, trayCapacity: 200 }, [201])).body.id);
    }
    return new IntakeDesks(ctx, sessions);
  }

  async scan(code: string, desk: number): Promise<ScanAnswer> {
    const res = await this.ctx.staff.countStaff.post<ScanAnswer>(`/elections/${this.ctx.electionId}/intake/scans`, { scanId: randomUUID(), sessionId: this.sessions[desk % this.sessions.length], code, entry: 'barcode' }, [201]);
    return res.body;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) await this.ctx.staff.countStaff.post(`/elections/${this.ctx.electionId}/intake/sessions/${s}/close`, {}, [200, 201]);
  }
}

/**
 * Envelopes arriving at intake at one stage of the poll, in a shuffled order (the post does not
 * sort them): each member's return, the lost packs that turn up after all, and second envelopes.
 */
export async function postalRound(ctx: DemoContext, desks: IntakeDesks, arrival: MemberPlan['arrival'], voided: Map<string, number>): Promise<number> {
  const returns = ctx.scenario.plans.filter((p) => p.arrival === arrival);
  const scans: Array<{ member: MemberPlan; code: string; kind: 'return' | 'voided' | 'duplicate' }> = [];
  for (const p of returns) {
    const pack = await ctx.shop.current(p.number);
    scans.push({ member: p, code: pack.identityCode, kind: 'return' });
    observe(ctx, p.number).postalSerial = pack.serial;
  }
  // The lost packs turn up after all, and their owners post them back: refused, they were voided.
  if (arrival === 'while_online_open') {
    for (const [number, serial] of voided) scans.push({ member: ctx.byNumber.get(number)!, code: ctx.shop.bySerial(serial).identityCode, kind: 'voided' });
  }
  // Second envelopes come in after the first (a later post); each desk scans one at a time.
  const duplicates = returns.filter((p) => p.duplicateReturn).map((p) => ({ member: p, code: scans.find((s) => s.member === p && s.kind === 'return')!.code, kind: 'duplicate' as const }));
  // Desks work in parallel, each scanning its pile one envelope at a time.
  const scanAll = (pile: typeof scans) =>
    Promise.all(
      desks.sessions.map(async (_, d) => {
        for (const s of pile.filter((_, i) => i % desks.sessions.length === d)) {
          checkScan(ctx, s.member, s.kind, await desks.scan(s.code, d));
          ctx.display.tick();
        }
      }),
    );
  await scanAll(scans);
  await scanAll(duplicates);
  return scans.length + duplicates.length;
}

function checkScan(ctx: DemoContext, p: MemberPlan, kind: 'return' | 'voided' | 'duplicate', a: ScanAnswer): void {
  const got = `${a.verdict}${a.reason ? `/${a.reason}` : ''}`;
  if (kind === 'voided') {
    if (got !== 'reject/voided_pack') ctx.mismatches.push(`${p.number}: the voided pack's return gave ${got}`);
    return;
  }
  if (kind === 'duplicate') {
    if (got !== 'reject/duplicate_return') ctx.mismatches.push(`${p.number}: a second envelope gave ${got}`);
    return;
  }
  observe(ctx, p.number).postal = { verdict: a.verdict, reason: a.reason };
  const e = expectationFor(p, ctx.policy).postal!;
  const want = `${e.verdict}${e.reason ? `/${e.reason}` : ''}`;
  if (got !== want) ctx.mismatches.push(`${p.number} (${p.story}): intake expected ${want}, got ${got}`);
}
