// `hybrid-ballot verify <file.bel>`: runs the pure archive verifier and prints every check, a
// summary and (with --json) the machine-readable report. Exit 0 only when every check passes.
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { useFastestBackend } from 'src/crypto/native/backend';
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import type { VerificationReport } from 'src/crypto/verify/report';

export function formatReport(file: string, report: VerificationReport): string {
  const lines = [`Verifying ${file}`];
  if (report.electionUuid) lines.push(`election ${report.electionUuid}, fingerprint ${report.fingerprint}`);
  for (const c of report.checks) {
    const mark = c.status === 'pass' ? 'PASS' : c.status === 'warn' ? 'WARN' : 'FAIL';
    lines.push(`${mark}  ${c.title} [${c.id}] (${c.count})`);
    for (const f of c.failures) lines.push(`      ✗ ${f.where}: ${f.reason}`);
    if (c.omitted > 0) lines.push(`      … and ${c.omitted} more`);
    for (const n of c.notes) lines.push(`      · ${n}`);
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  lines.push(
    `${report.ballots} ballots, ${report.tallied} tallied${report.totalWeight ? `, total weight ${report.totalWeight}` : ''}; stage ${report.stage}` +
      (report.result ? `; result ${JSON.stringify(report.result.map((r) => r.map(Number)))}` : ''),
  );
  lines.push(report.ok ? `OK: all ${report.checks.length} checks passed${warned ? ` (${warned} with warnings)` : ''}` : `FAILED: ${failed} of ${report.checks.length} checks failed`);
  return lines.join('\n');
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('Verify a Belenios archive (.bel): every proof, signature, chain link, the tally and the result')
    .argument('<file>', 'the .bel archive')
    .option('--json', 'print the report as JSON')
    .option('--threads <n>', 'worker threads for ballot verification (default: one per core; 1 = none)', (v) => Number.parseInt(v, 10))
    .action(async (file: string, opts: { json?: boolean; threads?: number }) => {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      useFastestBackend();
      const report = await verifyArchiveParallel(bytes, opts.threads === undefined ? {} : { workers: opts.threads });
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatReport(file, report)) + '\n');
      process.exitCode = report.ok ? 0 : 1;
    });
}
