// `hybrid-ballot verify <record dir | record.zip | file.bel>`: every check of docs/RECORD.md on
// one line, then a summary. Exit 0 only when every check passes, 1 when one fails, 2 when the
// input is not a record at all.
import type { Command } from 'commander';
import { useFastestBackend } from 'src/crypto/native/backend';
import type { CheckResult } from 'src/crypto/verify/report';
import { UnusableRecordError } from 'src/verify/record/record-files';
import { verifyRecord, type RecordReport } from 'src/verify/record/verify-record';

/** Offending items printed under a failed check; the JSON report has up to 20. */
const LISTED = 5;

const FORMS: Record<RecordReport['form'], string> = { directory: 'record directory', zip: 'record zip', bel: 'Belenios archive' };

function checkLines(c: CheckResult): string[] {
  const mark = c.status === 'pass' ? '✓' : c.status === 'warn' ? '!' : '✗';
  const [first, ...rest] = c.failures;
  const detail = first ? `${first.where}: ${first.reason}` : `${c.title}${c.count > 0 ? ` (${c.count})` : ''}${c.notes.length ? ` — ${c.notes[0]}` : ''}`;
  const lines = [`${mark} ${c.id}  ${detail}`];
  for (const f of rest.slice(0, LISTED - 1)) lines.push(`    ${f.where}: ${f.reason}`);
  const more = rest.length - (LISTED - 1) + c.omitted;
  if (more > 0) lines.push(`    … and ${more} more`);
  return lines;
}

export function formatRecordReport(report: RecordReport): string {
  const lines = [`Verifying ${report.input} (${FORMS[report.form]})${report.electionUuid ? `, election ${report.electionUuid}` : ''}`];
  for (const c of report.checks) lines.push(...checkLines(c));
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const counts = report.form === 'bel' ? `${report.ballots} ballots (${report.tallied} tallied)` : `${report.ballots} ballots (${report.tallied} tallied), ${report.superseded} superseded, ${report.cvrs} CVRs`;
  lines.push(`Summary: ${report.checks.length - failed} of ${report.checks.length} checks passed, ${failed} failed; ${counts}; ${report.seconds.toFixed(1)} s`);
  lines.push(report.ok ? 'OK: the record verifies' : `FAILED: ${report.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(', ')}`);
  return lines.join('\n');
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify a published election record: the manifest, the online Belenios archive (every proof, signature, chain link, the tally and the result), ' +
        'superseded ballots, one count per credential across channels, voided credentials, postal CVRs and batches, and the merged result. ' +
        'Exit 0 when every check passes, 1 when one fails, 2 when the input is not a record.',
    )
    .argument('<record>', 'a record directory, a record.zip, or a bare .bel (archive checks only)')
    .option('--json', 'print the report as JSON')
    .option('--workers <n>', 'worker threads verifying the ballots (default: one per core for a large archive; 1 = none)', (v) => Number.parseInt(v, 10))
    .action(async (input: string, opts: { json?: boolean; workers?: number }) => {
      if (opts.workers !== undefined && !(opts.workers >= 1)) {
        process.stderr.write('--workers must be a whole number ≥ 1\n');
        process.exitCode = 2;
        return;
      }
      useFastestBackend();
      let report: RecordReport;
      try {
        report = await verifyRecord(input, opts.workers === undefined ? {} : { workers: opts.workers });
      } catch (e) {
        if (!(e instanceof UnusableRecordError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatRecordReport(report)) + '\n');
      process.exitCode = report.ok ? 0 : 1;
    });
}
