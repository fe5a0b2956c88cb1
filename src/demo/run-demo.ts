// `hybrid-ballot demo`: a whole hybrid election on the embedded default, driven over HTTP as its
// users would, checked against what every member cast, its record verified.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useFastestBackend } from 'src/crypto/native/backend';
import { ApiClient } from 'src/demo/api-client';
import { DemoContext } from 'src/demo/demo-context';
import { DemoOptions, prepareOutDir } from 'src/demo/demo-options';
import { demoError } from 'src/demo/demo.errors';
import { startDemoServer } from 'src/demo/demo-server';
import { ExpectedFigures, expectedFigures, MergedResult } from 'src/demo/expected-result';
import { countPapers, CountSummary, pullEnvelopes, transition } from 'src/demo/phases/count';
import { copyPacks, publishRecord, RecordInfo } from 'src/demo/phases/record';
import { createElection, createStaff, DEFAULT_TRUSTEES, importRoll, openElection, openPrintShop, printPacks, registerTrustees, reissueLostPacks } from 'src/demo/phases/setup';
import { awaitResult, decryptAsTrustees, startTally } from 'src/demo/phases/tally';
import { IntakeDesks, onlineRound, postalRound } from 'src/demo/phases/voting';
import { PhaseDisplay } from 'src/demo/progress';
import { freshSeed, seededRandom } from 'src/demo/random';
import { buildScenario } from 'src/demo/scenario';
import { DemoSummary, renderSummary } from 'src/demo/summary';
import { verifyRecord, RecordVerdict } from 'src/demo/verify-record';
import { ElectionEntity } from 'src/elections/election.entity';
import { StaffEntity } from 'src/auth/staff.entity';

export interface DemoRun {
  summary: DemoSummary;
  expected: ExpectedFigures;
}

export async function runDemo(opts: DemoOptions, out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Promise<DemoRun> {
  const started = performance.now();
  prepareOutDir(opts.out, opts.force);
  const seed = opts.seed ?? freshSeed();
  const display = new PhaseDisplay(out, opts.quiet || opts.json);
  const say = (line: string) => !opts.quiet && !opts.json && out.write(`${line}\n`);
  say(`hybrid-ballot demo: ${opts.members.toLocaleString('en')} members, rule ${opts.policy}, seed ${seed} (repeat with --seed ${seed})`);
  useFastestBackend();

  display.start('start the server');
  const scenario = buildScenario(opts.members, seededRandom(seed));
  const expected = expectedFigures(scenario.plans, opts.policy);
  const server = await startDemoServer(path.join(opts.out, '.work'), opts.env);
  try {
    await refuseUsedDatabase(server.dataSource);
    const anon = new ApiClient(server.url);
    display.end(`${server.url}, ${server.config.database.kind}`);

    display.start('staff, election and roll');
    const staff = await createStaff(server, anon);
    const election = await createElection(staff.admin, opts.policy);
    await importRoll(staff.admin, election.id, scenario);
    display.end(`${scenario.roll.length} members imported, roll frozen`);

    display.start('print run', null, 'packs');
    const packs = await printPacks(staff.credentialAuthority, election.id, display);
    display.end(`${packs.progress?.total ?? 0} printed packs, the rest e-mailed`);

    display.start('trustees and opening');
    const trustees = await registerTrustees(staff.admin, election.id, opts.trustees ?? DEFAULT_TRUSTEES);
    const belenios = await openElection({ staff, anon, electionId: election.id });
    const ctx: DemoContext = {
      policy: opts.policy,
      server,
      display,
      scenario,
      staff,
      anon,
      electionId: election.id,
      beleniosUuid: election.beleniosUuid,
      belenios,
      shop: await openPrintShop(server.dataSource, server.credentialSeed, election),
      trustees,
      observed: new Map(),
      mismatches: [],
      byNumber: new Map(scenario.plans.map((p) => [p.number, p])),
    };
    const voided = await reissueLostPacks(ctx);
    display.end(`${trustees.byOwner.size} trustee keys, open; ${voided.size} lost packs replaced`);

    display.start('online voting', null, 'ballots');
    const firstRound = await onlineRound(ctx, 'first');
    display.end(`${firstRound} ballots cast`);

    display.start('postal returns (open)', null, 'envelopes');
    const desks = await IntakeDesks.open(ctx);
    const whileOpen = await postalRound(ctx, desks, 'while_online_open', voided);
    display.end(`${whileOpen} envelopes scanned at 2 desks`);

    display.start('online after post, revotes', null, 'ballots');
    const secondRound = await onlineRound(ctx, 'second');
    await transition(ctx, 'online_closed');
    display.end(`${secondRound} ballots; online voting closed`);

    display.start('postal returns (closed)', null, 'envelopes');
    const afterClose = await postalRound(ctx, desks, 'after_online_close', voided);
    await transition(ctx, 'postal_closed');
    const late = await postalRound(ctx, desks, 'late', voided);
    display.end(`${afterClose} envelopes, then ${late} late`);

    display.start('pull list and count', null, 'papers');
    const pulled = await pullEnvelopes(ctx);
    await desks.close();
    await transition(ctx, 'counting');
    const count = await countPapers(ctx);
    display.end(`${pulled} envelopes pulled; ${count.opened} papers keyed in ${count.batches} batches`);
    checkCount(ctx, count.summary, expected);

    const report = (await staff.admin.get<Record<string, unknown>>(`/elections/${election.id}/precedence/report`)).body;
    const intake = (await staff.admin.get<{ byVerdict: Record<string, number>; byReason: Record<string, number> }>(`/elections/${election.id}/intake/report`)).body;
    checkPrecedence(ctx, report, expected);
    if (ctx.mismatches.length > 0) throw mismatch(ctx.mismatches);

    const recordDir = path.join(opts.out, 'record');
    display.start('tally and decryption', null, 'partial decryptions');
    await startTally(ctx);
    const decrypted = await decryptAsTrustees(ctx);
    const result: MergedResult = await awaitResult(ctx);
    display.end(`${decrypted} trustees decrypted (${trustees.absent.length} absent)`);
    checkResult(result, expected.result);

    display.start('record');
    const record: RecordInfo = await publishRecord(ctx, recordDir);
    display.end(`${record.files} files, published`);

    display.start('verify the record');
    const verification: RecordVerdict = await verifyRecord(recordDir);
    display.end(verification.ok ? `${verification.checks} checks passed` : `FAILED: ${verification.failed.slice(0, 5).join(', ')}`);
    if (!verification.ok) throw demoError('demo_verification_failed', `The record failed verification: ${verification.failed.slice(0, 10).join(', ')}`, { failed: verification.failed });
    const packsDir = path.join(opts.out, 'packs');
    copyPacks(ctx, packsDir);

    const decisions = report.decisions as { attempts: { online: number }; accepted: { online: number }; refused: { online: Record<string, number> } } | undefined;
    const summary: DemoSummary = {
      format: 'hybrid-ballot-demo/1',
      seed,
      members: opts.members,
      policy: opts.policy,
      election,
      reached: 'published',
      channels: {
        online: { attempts: decisions?.attempts.online ?? 0, accepted: decisions?.accepted.online ?? 0, refused: decisions?.refused.online ?? {} },
        postal: { scanned: Object.values(intake.byVerdict).reduce((a, b) => a + b, 0), byVerdict: intake.byVerdict, byReason: intake.byReason },
      },
      precedence: { ...(report.decisions as Record<string, unknown>), members: report.members },
      count: { batches: count.batches, envelopesOpened: count.opened, papers: { valid: count.summary.totals.valid, blank: count.summary.totals.blank, invalid: count.summary.totals.invalid } },
      turnout: result.turnout,
      result,
      resultSource: 'server',
      record,
      verification,
      timings: display.timings.map((t) => ({ phase: t.phase, seconds: Math.round(t.seconds * 100) / 100, cpuSeconds: Math.round(t.cpuSeconds * 100) / 100 })),
      files: { record: recordDir, packs: packsDir, summary: path.join(opts.out, 'summary.json') },
    };
    fs.writeFileSync(summary.files.summary, `${JSON.stringify(summary, null, 2)}\n`);
    if (opts.json) out.write(`${JSON.stringify(summary)}\n`);
    else if (!opts.quiet) out.write(renderSummary(summary, (performance.now() - started) / 1000));
    return { summary, expected };
  } finally {
    await server.close();
  }
}

/** With DATABASE_URL the demo runs in that database: only a fresh one, never one in use. */
async function refuseUsedDatabase(ds: import('typeorm').DataSource): Promise<void> {
  const elections = await ds.getRepository(ElectionEntity).count();
  const staff = await ds.getRepository(StaffEntity).count();
  if (elections > 0 || staff > 0) {
    throw demoError('demo_database_not_empty', 'The database already has elections or staff accounts: the demo runs only in a fresh database (unset DATABASE_URL to use an embedded SQLite file under --out).');
  }
}

function mismatch(problems: string[]) {
  return demoError('demo_result_mismatch', `The election did not do what its members did (${problems.length} difference(s)): ${problems.slice(0, 8).join('; ')}`, { problems: problems.slice(0, 100) });
}

function checkCount(ctx: DemoContext, s: CountSummary, expected: ExpectedFigures): void {
  const e = expected.result;
  if (!s.totals.reconciled || s.totals.envelopesNotOpened !== 0) ctx.mismatches.push(`the count did not reconcile (${JSON.stringify(s.totals)})`);
  const got = { opened: s.totals.envelopesOpened, valid: s.totals.valid, blank: s.totals.blank, invalid: s.totals.invalid };
  const want = { opened: e.postal.papers, valid: e.postal.valid, blank: e.postal.blank, invalid: e.postal.invalid };
  if (JSON.stringify(got) !== JSON.stringify(want)) ctx.mismatches.push(`count totals ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  s.result.forEach((q, i) => {
    const votes = q.answers.map((a) => a.votes);
    const wantVotes = e.questions[i].answers.map((a) => a.postal);
    if (JSON.stringify(votes) !== JSON.stringify(wantVotes)) ctx.mismatches.push(`postal votes for "${q.question}": ${votes.join('/')}, expected ${wantVotes.join('/')}`);
    // The count's summary counts a question left empty on a valid paper; papers blank all over
    // join the question's blanks only in the merged result (docs/RECORD.md).
    const wantBlank = e.questions[i].blank ? e.questions[i].blank.postal - e.postal.blank : null;
    if (q.blank !== wantBlank) ctx.mismatches.push(`postal blanks for "${q.question}": ${q.blank}, expected ${wantBlank}`);
  });
}

function checkPrecedence(ctx: DemoContext, report: Record<string, unknown>, expected: ExpectedFigures): void {
  const d = (report.decisions ?? {}) as Record<string, unknown>;
  for (const key of ['postalOverriddenByOnline', 'onlineSupersededByPostal', 'onlineReplacedByRevote'] as const) {
    if (d[key] !== expected.precedence[key]) ctx.mismatches.push(`precedence report ${key}: ${String(d[key])}, expected ${expected.precedence[key]}`);
  }
}

/** The merged result must be exactly what the members cast, per answer and per channel. */
export function checkResult(got: MergedResult, want: MergedResult): void {
  const problems: string[] = [];
  want.questions.forEach((q, i) => {
    const g = got.questions?.[i];
    q.answers.forEach((a, j) => {
      const ga = g?.answers?.[j];
      if (!ga || ga.online !== a.online || ga.postal !== a.postal || ga.total !== a.total) problems.push(`${q.question} / ${a.answer}: got ${JSON.stringify(ga)}, expected ${JSON.stringify(a)}`);
    });
    if (q.blank && JSON.stringify(g?.blank) !== JSON.stringify(q.blank)) problems.push(`${q.question} / blank: got ${JSON.stringify(g?.blank)}, expected ${JSON.stringify(q.blank)}`);
  });
  for (const key of ['online', 'turnout'] as const) {
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key])) problems.push(`${key}: got ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`);
  }
  if (problems.length > 0) throw mismatch(problems);
}
