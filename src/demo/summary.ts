// summary.json and the table printed at the end of a run.
import { MergedResult } from 'src/demo/expected-result';
import { RecordVerdict } from 'src/demo/verify-record';

export interface DemoSummary {
  format: 'hybrid-ballot-demo/1';
  seed: string;
  members: number;
  policy: string;
  election: { id: string; beleniosUuid: string };
  /** How far the run went: `published` normally. */
  reached: 'published';
  channels: {
    online: { attempts: number; accepted: number; refused: Record<string, number> };
    postal: { scanned: number; byVerdict: Record<string, number>; byReason: Record<string, number> };
  };
  precedence: Record<string, unknown>;
  count: { batches: number; envelopesOpened: number; papers: { valid: number; blank: number; invalid: number } };
  turnout: MergedResult['turnout'];
  /** The merged result as the server published it (the expected one when the run stopped at the count). */
  result: MergedResult;
  resultSource: 'server';
  record: { manifestSha256: string; zipBytes: number; files: number };
  verification: RecordVerdict;
  timings: Array<{ phase: string; seconds: number; cpuSeconds: number }>;
  files: { record: string; packs: string; summary: string };
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

export function renderSummary(s: DemoSummary, totalSeconds: number): string {
  const lines: string[] = [];
  const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push('', `Demo election ${s.election.id} — ${s.members.toLocaleString('en')} members, rule ${s.policy}, seed ${s.seed}`);
  lines.push('Merged result (published):');
  for (const q of s.result.questions) {
    const w = [Math.max(24, ...q.answers.map((a) => a.answer.length)) + 2, 8, 8, 8];
    lines.push('', `  ${q.question}`, `  ${row(['answer', 'online', 'postal', 'total'], w)}`);
    for (const a of q.answers) lines.push(`  ${row([a.answer, String(a.online), String(a.postal), String(a.total)], w)}`);
    if (q.blank) lines.push(`  ${row(['(blank)', String(q.blank.online), String(q.blank.postal), String(q.blank.total)], w)}`);
  }
  const t = s.turnout;
  lines.push('', `Turnout: ${t.total} of ${t.eligible} (${pct(t.total, t.eligible)}) — online ${t.online}, postal ${t.postal} envelopes opened`);
  lines.push(`Postal papers: ${s.count.papers.valid} valid, ${s.count.papers.blank} blank, ${s.count.papers.invalid} invalid, in ${s.count.batches} batches`);
  const rejected = Object.entries(s.channels.postal.byReason).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`Returns refused at intake: ${rejected || 'none'}`);
  const p = s.precedence as { postalOverriddenByOnline?: number; onlineSupersededByPostal?: number; onlineReplacedByRevote?: number; releasedAtOnlineClose?: number };
  lines.push(
    `Precedence (${s.policy}): ${p.postalOverriddenByOnline ?? 0} envelopes pulled for an online vote, ${p.onlineSupersededByPostal ?? 0} online ballots superseded by post, ${p.onlineReplacedByRevote ?? 0} revotes, ${p.releasedAtOnlineClose ?? 0} held envelopes released`,
  );
  const refusedOnline = Object.entries(s.channels.online.refused).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`Online votes refused: ${refusedOnline || 'none'}`);
  lines.push('', `Time per phase:${''.padEnd(15)}   wall     CPU`);
  for (const ph of s.timings) lines.push(`  ${ph.phase.padEnd(28)} ${ph.seconds.toFixed(1).padStart(6)} s ${ph.cpuSeconds.toFixed(1).padStart(6)} s`);
  lines.push(`  ${'total'.padEnd(28)} ${totalSeconds.toFixed(1).padStart(6)} s`);
  lines.push('');
  if (s.record && s.files.record) {
    lines.push(`Record:   ${s.files.record}/ (and ${s.files.record}.zip), manifest SHA-256 ${s.record.manifestSha256}`);
    lines.push(`Verified: ${s.verification.ok ? 'every check passed' : `FAILED: ${s.verification.failed.join(', ')}`} (${s.verification.verifier})`);
    lines.push(`Check it yourself: npx hybrid-ballot verify ${s.files.record}`);
  }
  lines.push(`Packs:    ${s.files.packs}/ (print batches, manifest.csv, SHA256SUMS)`);
  lines.push(`Summary:  ${s.files.summary}`);
  return lines.join('\n') + '\n';
}
