// `npm run bench -- packs [--packs N] [--procs P] [--answers A] [--questions Q]`
// `npm run bench -- packs --split …`: the real split print run on worker processes (bench/packs-split.ts).
// Pack rendering throughput: N packs per process in batch PDFs of 1,000, on one process and then on
// P child processes at once (perf-limits §3: processes scale ~2× on 2 cores, threads less).
// Codes are generated before the clock starts; rendering and writing the files are timed.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchModule } from './run';
import { generatePaperId, generateVotingId, makeIdentityCode } from 'src/packs/codes';
import { loadTemplate, PackRenderer, type PackPrintInput } from 'src/packs/render';

const BATCH = 1000;

interface ChildResult {
  packs: number;
  seconds: number;
  bytes: number;
  maxRssMb: number;
}

function arg(args: string[], name: string, def: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
}

export function benchRenderer(answers: number, questions: number): PackRenderer {
  const names = ['Alice Martin', 'Bertrand Okafor', 'Chloé Dubois', 'Dmitri Novak', 'Élodie Laurent', 'Fatou Diallo', 'Grace O’Neill', 'Hugo Rossi', 'Inès Haddad', 'Jonas Weber'];
  return PackRenderer.create(
    {
      electionId: 'Xy7Kq2mN9pRsTu',
      title: 'Leadership election 2027',
      publicUrl: 'https://vote.example.org',
      questions: Array.from({ length: questions }, (_, q) => ({
        question: `Question ${q + 1}: who should lead the party?`,
        answers: Array.from({ length: answers }, (_, a) => names[a % names.length] + (a >= names.length ? ` ${a}` : '')),
        min: 1,
        max: 1,
        blank: true,
      })),
      onlineClosesAt: '2027-03-14T17:00:00Z',
      postalDeadline: '2027-03-12T17:00:00Z',
      timeZone: 'Europe/Paris',
    },
    loadTemplate('default', 'en'),
  );
}

export function benchPacks(n: number, offset = 0): PackPrintInput[] {
  const key = new Uint8Array(32).fill(1);
  return Array.from({ length: n }, (_, i) => ({
    packSerial: offset + i,
    memberName: `Member Number ${offset + i}`,
    addressLines: [`${i % 300} rue de la République`, `${10000 + (i % 89999)} Ville-sur-Mer`, 'FRANCE'],
    votingId: generateVotingId(),
    credential: '3Kq7ZbW9xT2mPfR8sNvL4c',
    identityCode: makeIdentityCode({ electionCode: 'EK01', packSerial: offset + i }, key),
    paperId: generatePaperId(),
  }));
}

async function child(n: number, answers: number, questions: number, dir: string, offset: number): Promise<ChildResult> {
  const renderer = benchRenderer(answers, questions);
  const packs = benchPacks(n, offset);
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (let b = 0; b * BATCH < n; b++) {
    const file = path.join(dir, `batch-${offset}-${b}.pdf`);
    await renderer.renderBatch(packs.slice(b * BATCH, (b + 1) * BATCH), fs.createWriteStream(file));
    bytes += fs.statSync(file).size;
    fs.rmSync(file);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { packs: n, seconds, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runChildren(procs: number, n: number, answers: number, questions: number, dir: string): Promise<ChildResult[]> {
  return Promise.all(
    Array.from({ length: procs }, (_, i) =>
      new Promise<ChildResult>((resolve, reject) => {
        const p = fork(__filename, [], { env: { ...process.env, PACKS_BENCH_CHILD: JSON.stringify({ n, answers, questions, dir, offset: i * n }) } });
        p.on('message', (m) => resolve(m as ChildResult));
        p.on('error', reject);
        p.on('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
      }),
    ),
  );
}

export async function run(args: string[]): Promise<void> {
  // Loaded only here: it switches entities to PostgreSQL when it loads.
  const split = './packs-split';
  if (args.includes('--split')) return ((await import(split)) as BenchModule).run(args);
  const n = arg(args, 'packs', 2000);
  const procs = arg(args, 'procs', 2);
  const answers = arg(args, 'answers', 10);
  const questions = arg(args, 'questions', 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packs-bench-'));
  console.log(`${n} packs per process, batches of ${BATCH}, ${questions} question(s) × ${answers} answers + blank; ${os.cpus().length} cores`);
  for (const p of [1, procs]) {
    const t0 = Date.now();
    const results = await runChildren(p, n, answers, questions, dir);
    const wall = (Date.now() - t0) / 1000;
    const total = results.reduce((a, r) => a + r.packs, 0);
    const perProc = results.map((r) => (r.packs / r.seconds).toFixed(1)).join(', ');
    const bytes = results.reduce((a, r) => a + r.bytes, 0) / total;
    const rss = Math.max(...results.map((r) => r.maxRssMb));
    const rate = results.reduce((a, r) => a + r.packs / r.seconds, 0);
    console.log(
      `${p} process(es): ${rate.toFixed(1)} packs/s rendering (per process: ${perProc}); wall ${wall.toFixed(1)} s incl. start-up; ${Math.round(bytes)} bytes/pack; peak RSS ${rss.toFixed(0)} MB/process; 160,000 packs ≈ ${(160000 / rate / 60).toFixed(1)} min`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.PACKS_BENCH_CHILD) {
  const o = JSON.parse(process.env.PACKS_BENCH_CHILD) as { n: number; answers: number; questions: number; dir: string; offset: number };
  child(o.n, o.answers, o.questions, o.dir, o.offset).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
