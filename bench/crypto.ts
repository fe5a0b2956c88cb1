// `npm run bench -- crypto [--generated N] [--skip-sirona] [--sirona-limit N] [--skip-scale]`
// Ballots created/s and verified/s on one core, whole-archive verification of the scale-2000
// vector and of a generated N-ballot archive, and Sirona on the same archives (ratio printed).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { demoArchive, demoSetup } from 'src/crypto/testing/demo-election';

/** The scale-2000 vector: $HB_SHARED_DIR, ../shared beside the repository, or /work/shared. */
function scaleArchive(): string {
  const beside = path.resolve(__dirname, '..', '..', '..', 'shared');
  const shared = process.env.HB_SHARED_DIR ?? (fs.existsSync(beside) ? beside : '/work/shared');
  const dir = path.join(shared, 'vectors', 'belenios', 'scale-2000');
  return path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.bel')) ?? 'missing.bel');
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function timed<T>(f: () => T): { value: T; seconds: number } {
  const t = process.hrtime.bigint();
  const value = f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

function sironaSeconds(bel: Uint8Array, name: string): number | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-'));
  fs.writeFileSync(path.join(dir, name), bel);
  const bin = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'sirona');
  const t = timed(() => {
    try {
      execFileSync(bin, ['election', 'verify'], { cwd: dir, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  fs.rmSync(dir, { recursive: true });
  return t.value ? t.seconds : undefined;
}

function archiveLine(label: string, bel: Uint8Array, ballots: number, args: string[], fileName: string): void {
  const ours = timed(() => verifyArchive(bel));
  if (!ours.value.ok) throw new Error(`${label}: our verifier rejected the archive`);
  console.log(`${label}: our verifier ${ours.seconds.toFixed(1)} s, ${(ballots / ours.seconds).toFixed(0)} ballots/s (1 core, whole archive)`);
  if (args.includes('--skip-sirona') || ballots > option(args, '--sirona-limit', 500)) {
    console.log(`${label}: Sirona skipped (--skip-sirona or more than --sirona-limit ballots)`);
    return;
  }
  const s = sironaSeconds(bel, fileName);
  if (s === undefined) console.log(`${label}: Sirona REJECTED the archive`);
  else console.log(`${label}: Sirona ${s.toFixed(1)} s, ${(ballots / s).toFixed(1)} ballots/s → ours is ${(s / ours.seconds).toFixed(1)}× Sirona`);
}

export async function run(args: string[]): Promise<void> {
  const setup = demoSetup({ voters: 200 });
  const vote = [[1, 0]];
  // Warm up tables and the JIT.
  for (let i = 0; i < 5; i++) createBallot(setup.election, setup.privateCreds[i], vote);

  const create = timed(() => Array.from({ length: 100 }, (_, i) => createBallot(setup.election, setup.privateCreds[i], vote).raw));
  console.log(`ballot creation (1 question, 2 answers): ${(100 / create.seconds).toFixed(1)} ballots/s, ${((create.seconds / 100) * 1000).toFixed(1)} ms each`);
  const verify = timed(() => create.value.map((raw) => verifyBallot(setup.election, setup.credentials.byHex, raw).ok));
  if (verify.value.some((ok) => !ok)) throw new Error('a created ballot failed verification');
  console.log(`ballot verification (1 question, 2 answers): ${(100 / verify.seconds).toFixed(1)} ballots/s, ${((verify.seconds / 100) * 1000).toFixed(1)} ms each`);

  if (!args.includes('--skip-scale')) {
    const file = scaleArchive();
    const bel = new Uint8Array(fs.readFileSync(file));
    const ballots = [...readArchive(bel)].filter((r) => r.kind === 'event' && r.event.type === 'Ballot').length;
    archiveLine(`scale-2000 (${ballots} ballots)`, bel, ballots, args, path.basename(file));
  }

  const n = option(args, '--generated', 20000);
  if (n > 0) {
    const big = demoSetup({ voters: n });
    const gen = timed(() => {
      const raws = big.privateCreds.map((c, i) => createBallot(big.election, c, [[i % 3 === 0 ? 0 : 1, i % 3 === 0 ? 1 : 0]]).raw);
      return demoArchive(big, raws).bytes;
    });
    console.log(`generated ${n}-ballot archive (${(gen.value.length / 2 ** 20).toFixed(1)} MiB) in ${gen.seconds.toFixed(1)} s`);
    archiveLine(`generated-${n}`, gen.value, n, args, `${big.election.uuid}.bel`);
  }
}
