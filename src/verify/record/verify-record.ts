// `hybrid-ballot verify <record>` (docs/RECORD.md): every check of the record, in the table's
// order, as one report. A bare .bel gets only the archive checks, under their own names.
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import { Reporter, type CheckResult, type VerificationReport } from 'src/crypto/verify/report';
import { checkManifest } from 'src/verify/record/check-manifest';
import { checkElectionMatches } from 'src/verify/record/check-online';
import { checkChannelsDisjoint, checkPostalCredentialsListed, checkVoidedUnused } from 'src/verify/record/check-credentials';
import { checkBatchesReconcile, checkCvrsValid, checkEnvelopes } from 'src/verify/record/check-postal';
import { checkResultMerged, checkResultOnline, checkResultPostal } from 'src/verify/record/check-result';
import { checkSupersededJustified, checkSupersededNotTallied, checkSupersededValid } from 'src/verify/record/check-superseded';
import { RECORD_CHECKS, loadRecordContext, type RecordContext } from 'src/verify/record/record-context';
import { readRecordFiles, type RecordForm } from 'src/verify/record/record-files';

export interface RecordReport {
  ok: boolean;
  input: string;
  form: RecordForm;
  checks: CheckResult[];
  electionUuid?: string;
  /** Ballots in the .bel, credentials tallied (last ballot each), superseded ballots, CVRs. */
  ballots: number;
  tallied: number;
  superseded: number;
  cvrs: number;
  /** The .bel's decrypted result (Belenios' rows), when it got that far. */
  result?: string[][];
  seconds: number;
}

export interface VerifyRecordOptions {
  /** Worker threads for the archive's ballots (default: one per core for big archives). */
  workers?: number;
}

const ARCHIVE_PREFIX = 'online.archive.';

async function archiveChecks(ctx: RecordContext, opts: VerifyRecordOptions): Promise<{ checks: CheckResult[]; report?: VerificationReport }> {
  const id = 'online.archive';
  if (!ctx.online.ok) {
    const postalOnly = ctx.online.reason === 'postal-only';
    const failures = postalOnly ? [] : [{ where: 'online/', reason: ctx.online.reason }];
    return { checks: [{ id, title: RECORD_CHECKS[id], status: postalOnly ? 'pass' : 'fail', count: 0, failures, omitted: 0, notes: postalOnly ? ['postal-only election: no archive'] : [] }] };
  }
  const report = await verifyArchiveParallel(ctx.online.value.bytes, opts.workers === undefined ? {} : { workers: opts.workers });
  return { report, checks: report.checks.map((c) => ({ ...c, id: ARCHIVE_PREFIX + c.id })) };
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Verify a record directory, record.zip or .bel. Throws UnusableRecordError for input that is none. */
export async function verifyRecord(input: string, opts: VerifyRecordOptions = {}): Promise<RecordReport> {
  const start = process.hrtime.bigint();
  const { form, files } = readRecordFiles(input);
  if (form === 'bel') {
    const report = await verifyArchiveParallel([...files.values()][0], opts.workers === undefined ? {} : { workers: opts.workers });
    return { ok: report.ok, input, form, checks: report.checks, ...(report.electionUuid ? { electionUuid: report.electionUuid } : {}), ballots: report.ballots, tallied: report.tallied, superseded: 0, cvrs: 0, ...(report.result ? { result: report.result } : {}), seconds: elapsed(start) };
  }
  const ctx = loadRecordContext(files);
  const head = new Reporter();
  checkManifest(head, files, ctx.election);
  const archive = await archiveChecks(ctx, opts);
  const r = new Reporter();
  checkElectionMatches(r, ctx);
  checkSupersededValid(r, ctx);
  checkSupersededJustified(r, ctx);
  checkSupersededNotTallied(r, ctx);
  checkChannelsDisjoint(r, ctx);
  checkVoidedUnused(r, ctx);
  checkPostalCredentialsListed(r, ctx);
  checkCvrsValid(r, ctx);
  checkBatchesReconcile(r, ctx);
  checkEnvelopes(r, ctx);
  checkResultOnline(r, ctx);
  checkResultPostal(r, ctx);
  checkResultMerged(r, ctx);
  const checks = [...head.results(), ...archive.checks, ...r.results()];
  const report = archive.report;
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    input,
    form,
    checks,
    ...(report?.electionUuid ? { electionUuid: report.electionUuid } : {}),
    ballots: report?.ballots ?? 0,
    tallied: report?.tallied ?? 0,
    superseded: ctx.superseded.ok ? ctx.superseded.value.length : 0,
    cvrs: ctx.cvrs.ok ? ctx.cvrs.value.length : 0,
    ...(report?.result ? { result: report.result } : {}),
    seconds: elapsed(start),
  };
}
