// `npm run bench -- verify-record [--members N] [--workers N] [--sirona-limit N] [--skip-sirona] [--rebuild]`
// Builds a whole election record with the test record builder (test/support/record-fixture.ts):
// N members, half of them voting online (one ballot each), 40 % by post, 1 % voided; one
// question, two answers. The record is cached in .bench-out/record-<N>/ (building 80,000 ballots
// takes minutes); --rebuild makes a new one. Then times `hybrid-ballot verify` on the directory
// (every check of RECORD.md, the .bel on worker threads) and Sirona (`sirona election verify`)
// on a .bel of the first --sirona-limit online ballots (same election and credentials; Sirona
// needs ~25 min for 10,000 ballots), with ours on that same .bel for the ratio.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useFastestBackend } from 'src/crypto/native/backend';
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import { demoArchive } from 'src/crypto/testing/demo-election';
import { verifyRecord } from 'src/verify/record/verify-record';
import { buildRecord } from 'test/support/record-fixture';

import { sironaSeconds } from './sirona';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, '.bench-out');

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function timed<T>(f: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpu: number }> {
  const c = cpuNow();
  const t = process.hrtime.bigint();
  const value = await f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuNow() - c };
}

interface Cached {
  dir: string;
  uuid: string;
  ballots: number;
  prefixFile?: string;
  prefixBallots: number;
}

/** The record for these parameters, built once and reused (with the Sirona prefix archive). */
async function record(members: number, sironaLimit: number, rebuild: boolean): Promise<Cached> {
  const base = path.join(OUT, `record-${members}`);
  const dir = path.join(base, 'record');
  const meta = path.join(base, 'meta.json');
  const prefixFile = path.join(base, `first-${sironaLimit}.bel`);
  if (!rebuild && fs.existsSync(meta) && (sironaLimit === 0 || fs.existsSync(prefixFile))) {
    console.log(`record-${members}: cached in ${path.relative(ROOT, base)} (--rebuild to make a new one)`);
    const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { uuid: string; ballots: number };
    return { dir, ...m, ...(sironaLimit > 0 ? { prefixFile } : {}), prefixBallots: Math.min(sironaLimit, m.ballots) };
  }
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const online = Math.round(members / 2);
  const built = await timed(() => buildRecord({ online, postal: Math.round(members * 0.4), superseded: Math.max(1, Math.round(members / 1000)), voided: Math.round(members / 100), spare: 0, eligible: members, dir }));
  const fx = built.value;
  console.log(`record-${members}: built in ${built.seconds.toFixed(0)} s (${fx.ballots.length} ballots, ${fx.postalCredentials.length} postal returns, ${fx.superseded.length} superseded, ${fx.voidedCredentials.length} voided)`);
  const prefixBallots = Math.min(sironaLimit, fx.ballots.length);
  if (sironaLimit > 0) fs.writeFileSync(prefixFile, demoArchive(fx.setup, fx.ballots.slice(0, prefixBallots)).bytes);
  fs.writeFileSync(meta, JSON.stringify({ uuid: fx.uuid, ballots: fx.ballots.length }));
  return { dir, uuid: fx.uuid, ballots: fx.ballots.length, ...(sironaLimit > 0 ? { prefixFile } : {}), prefixBallots };
}

export async function run(args: string[]): Promise<void> {
  const members = option(args, '--members', 20000);
  const workers = option(args, '--workers', os.availableParallelism());
  const sironaLimit = args.includes('--skip-sirona') ? 0 : option(args, '--sirona-limit', 1000);
  console.log(`load average at start: ${load()} (other jobs on the machine slow the wall-clock figures)`);
  useFastestBackend();
  const rec = await record(members, sironaLimit, args.includes('--rebuild'));

  const ours = await timed(() => verifyRecord(rec.dir, { workers }));
  const r = ours.value;
  if (!r.ok) throw new Error(`our verifier rejected the record: ${r.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(', ')}`);
  const bel = fs.statSync(path.join(rec.dir, 'online', `${rec.uuid}.bel`)).size;
  console.log(
    `record-${members} (${(bel / 2 ** 20).toFixed(1)} MiB .bel): all ${r.checks.length} checks passed in ${ours.seconds.toFixed(1)} s with ${workers} worker threads — ` +
      `${(r.ballots / ours.seconds).toFixed(0)} ballots/s wall, ${(r.ballots / ours.cpu).toFixed(0)} per CPU-second (${r.ballots} ballots, ${r.cvrs} CVRs); load average now ${load()}`,
  );
  if (!rec.prefixFile) return void console.log('Sirona skipped (--skip-sirona)');

  const prefix = new Uint8Array(fs.readFileSync(rec.prefixFile));
  const oursPrefix = await timed(() => verifyArchiveParallel(prefix, { workers }));
  if (!oursPrefix.value.ok) throw new Error('our verifier rejected the prefix archive');
  const s = sironaSeconds(prefix, `${rec.uuid}.bel`);
  const label = `first ${rec.prefixBallots} ballots (same election, all ${members + Math.round(members / 100)} credentials)`;
  if (s === undefined) return void console.log(`${label}: Sirona REJECTED the archive`);
  console.log(
    `${label}: ours ${oursPrefix.seconds.toFixed(1)} s (${(rec.prefixBallots / oursPrefix.seconds).toFixed(0)} ballots/s), Sirona ${s.toFixed(1)} s (${(rec.prefixBallots / s).toFixed(1)} ballots/s) → ours ${(s / oursPrefix.seconds).toFixed(0)}× Sirona; ` +
      `Sirona on the whole .bel would take ≈ ${((s / rec.prefixBallots) * rec.ballots / 60).toFixed(1)} min; load average now ${load()}`,
  );
}
