// `npm run bench -- crypto [--generated N] [--threads N] [--sirona-limit N] [--skip-sirona]
//                          [--skip-scale] [--noble-archive] [--regenerate]`
// Per backend (noble, sodium-native): ballots created/s and verified/s on one core. Whole-archive
// verification of the scale-2000 vector and of a generated N-ballot archive (cached under
// .bench-out/), on one thread and on worker threads, and Sirona on the same archives in the same
// run (ratio printed). Sirona on a large generated archive takes ~25 min, so it is timed on an
// archive of the first --sirona-limit ballots, and ours on that same archive for the ratio.
// Every rate is given by wall clock and by CPU time (all threads of this process): on a shared
// machine the CPU figure is the per-core rate.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { demoArchive, demoSetup } from 'src/crypto/testing/demo-election';
import { useBackend, useFastestBackend, type BackendName } from 'src/crypto/native/backend';
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import type { VerificationReport } from 'src/crypto/verify/report';
import { group } from 'src/crypto/group';

import { sironaSeconds } from './sirona';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, '.bench-out');

/** The scale-2000 vector: $HB_SHARED_DIR, ../shared beside the repository, or /work/shared. */
function scaleArchive(): string {
  const beside = path.resolve(ROOT, '..', 'shared');
  const shared = process.env.HB_SHARED_DIR ?? (fs.existsSync(path.join(beside, 'vectors')) ? beside : '/work/shared');
  const dir = path.join(shared, 'vectors', 'belenios', 'scale-2000');
  return path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.bel')) ?? 'missing.bel');
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

interface Timing<T> {
  value: T;
  seconds: number;
  /** CPU seconds of this process, all threads (workers included). */
  cpu: number;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function timed<T>(f: () => T): Timing<T> {
  const c = cpuNow();
  const t = process.hrtime.bigint();
  const value = f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuNow() - c };
}

async function timedAsync<T>(f: () => Promise<T>): Promise<Timing<T>> {
  const c = cpuNow();
  const t = process.hrtime.bigint();
  const value = await f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuNow() - c };
}

const rate = (n: number, t: Timing<unknown>): string => `${(n / t.seconds).toFixed(0)}/s wall, ${(n / t.cpu).toFixed(0)}/s per CPU-second`;

function countBallots(bel: Uint8Array): number {
  let n = 0;
  for (const r of readArchive(bel)) if (r.kind === 'event' && r.event.type === 'Ballot') n++;
  return n;
}

/** libsodium primitive costs, to compare a run with perf-limits.md §1 (quiet machine). */
function calibration(): void {
  useBackend('sodium-native');
  const G = useFastestBackend() === 'sodium-native' ? group() : undefined;
  if (!G) return;
  const p = G.g.mul(123456789n);
  const k = 2n ** 250n + 12345n;
  const us = (f: () => unknown, n = 2000): string => {
    f();
    const t = timed(() => {
      for (let i = 0; i < n; i++) f();
    });
    return ((t.cpu / n) * 1e6).toFixed(0);
  };
  console.log(
    `calibration (µs CPU; quiet-machine figures from perf-limits.md §1 in brackets): variable-base mult ${us(() => G.mul(p, k))} [94], ` +
      `base mult ${us(() => G.g.mul(k))} [19], add ${us(() => G.add(p, p))} [13]`,
  );
}

function perBallotRates(backend: BackendName, count: number): void {
  const name = useBackend(backend);
  const setup = demoSetup({ voters: count });
  const vote = [[1, 0]];
  for (let i = 0; i < 3; i++) createBallot(setup.election, setup.privateCreds[i], vote); // tables, JIT
  const create = timed(() => setup.privateCreds.map((c) => createBallot(setup.election, c, vote).raw));
  const verify = timed(() => create.value.map((raw) => verifyBallot(setup.election, setup.credentials.byHex, raw).ok));
  if (verify.value.some((ok) => !ok)) throw new Error('a created ballot failed verification');
  console.log(`[${name}] ballot creation (1 question, 2 answers), 1 core: ${rate(count, create)}; ${((create.cpu / count) * 1000).toFixed(2)} ms CPU each`);
  console.log(`[${name}] ballot verification (1 question, 2 answers), 1 core: ${rate(count, verify)}; ${((verify.cpu / count) * 1000).toFixed(2)} ms CPU each`);
}

async function archiveLines(label: string, bel: Uint8Array, ballots: number, threads: number, noble: boolean): Promise<Timing<VerificationReport>> {
  const check = (t: Timing<VerificationReport>, what: string): Timing<VerificationReport> => {
    if (!t.value.ok) throw new Error(`${label}: our verifier (${what}) rejected the archive`);
    console.log(`${label}: ${what}: ${t.seconds.toFixed(2)} s, ${rate(ballots, t)}`);
    return t;
  };
  if (noble) {
    useBackend('noble');
    check(timed(() => verifyArchive(bel)), 'noble, 1 thread');
  }
  useFastestBackend();
  const single = check(timed(() => verifyArchive(bel)), 'sodium-native, 1 thread');
  const multi = check(await timedAsync(() => verifyArchiveParallel(bel, { workers: threads })), `sodium-native, ${threads} worker threads (start-up included)`);
  if (JSON.stringify(single.value) !== JSON.stringify(multi.value)) throw new Error(`${label}: the threaded report differs from the single-threaded one`);
  return multi.seconds < single.seconds ? multi : single;
}

function sironaLine(label: string, bel: Uint8Array, ballots: number, ours: Timing<unknown>, fileName: string): void {
  const s = sironaSeconds(bel, fileName);
  if (s === undefined) {
    console.log(`${label}: Sirona REJECTED the archive`);
    return;
  }
  console.log(`${label}: Sirona ${s.toFixed(1)} s, ${(ballots / s).toFixed(1)} ballots/s → ours (fastest above, ${ours.seconds.toFixed(2)} s) is ${(s / ours.seconds).toFixed(0)}× Sirona`);
}

/** The generated archive and its first-`limit`-ballots prefix archive, cached in .bench-out/. */
function generatedArchives(n: number, limit: number, regenerate: boolean): { full: Uint8Array; prefix: Uint8Array | undefined; uuid: string } {
  const fullFile = path.join(OUT, `generated-${n}.bel`);
  const prefixFile = path.join(OUT, `generated-${n}-first-${limit}.bel`);
  const uuidFile = path.join(OUT, `generated-${n}.uuid`);
  const wantPrefix = limit > 0 && limit < n;
  if (!regenerate && fs.existsSync(fullFile) && fs.existsSync(uuidFile) && (!wantPrefix || fs.existsSync(prefixFile))) {
    console.log(`generated-${n}: cached ${path.relative(ROOT, fullFile)} (--regenerate to rebuild)`);
    return { full: new Uint8Array(fs.readFileSync(fullFile)), prefix: wantPrefix ? new Uint8Array(fs.readFileSync(prefixFile)) : undefined, uuid: fs.readFileSync(uuidFile, 'utf8') };
  }
  useFastestBackend();
  const gen = timed(() => {
    const setup = demoSetup({ voters: n });
    const raws = setup.privateCreds.map((c, i) => createBallot(setup.election, c, [[i % 3 === 0 ? 0 : 1, i % 3 === 0 ? 1 : 0]]).raw);
    return { setup, raws, full: demoArchive(setup, raws).bytes };
  });
  const { setup, raws, full } = gen.value;
  console.log(`generated-${n}: ${n} ballots (1 question, 2 answers) created and archived (${(full.length / 2 ** 20).toFixed(1)} MiB) in ${gen.seconds.toFixed(1)} s with sodium-native`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(fullFile, full);
  fs.writeFileSync(uuidFile, setup.election.uuid);
  // Same election and credentials (all n), only the first `limit` ballots.
  const prefix = wantPrefix ? demoArchive(setup, raws.slice(0, limit)).bytes : undefined;
  if (prefix) fs.writeFileSync(prefixFile, prefix);
  return { full, prefix, uuid: setup.election.uuid };
}

export async function run(args: string[]): Promise<void> {
  const threads = option(args, '--threads', os.availableParallelism());
  const skipSirona = args.includes('--skip-sirona');
  const nobleArchive = args.includes('--noble-archive');
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other jobs on the machine slow the wall-clock figures)`);

  calibration();
  perBallotRates('noble', option(args, '--noble-ballots', 30));
  perBallotRates('sodium-native', option(args, '--native-ballots', 300));

  if (!args.includes('--skip-scale')) {
    const file = scaleArchive();
    const bel = new Uint8Array(fs.readFileSync(file));
    const ballots = countBallots(bel);
    const label = `scale-2000 (${ballots} ballots)`;
    const ours = await archiveLines(label, bel, ballots, threads, nobleArchive);
    if (skipSirona) console.log(`${label}: Sirona skipped (--skip-sirona)`);
    else sironaLine(label, bel, ballots, ours, path.basename(file));
  }

  const n = option(args, '--generated', 20000);
  if (n > 0) {
    const limit = option(args, '--sirona-limit', 1000);
    const { full, prefix, uuid } = generatedArchives(n, limit, args.includes('--regenerate'));
    await archiveLines(`generated-${n}`, full, n, threads, nobleArchive);
    if (skipSirona) {
      console.log(`generated-${n}: Sirona skipped (--skip-sirona)`);
    } else if (!prefix) {
      const ours = await archiveLines(`generated-${n}`, full, n, threads, false);
      sironaLine(`generated-${n}`, full, n, ours, `${uuid}.bel`);
    } else {
      const label = `generated-${n}, first ${limit} ballots (same election and ${n} credentials; Sirona compared on this archive)`;
      const ours = await archiveLines(label, prefix, limit, threads, false);
      sironaLine(label, prefix, limit, ours, `${uuid}.bel`);
    }
  }
}
