// `npm run bench -- packs --split [--packs N] [--batch B] [--workers 1,2]`
// The real print run on PostgreSQL + Redis: a frozen roll of N members (default 8,000), the run
// requested as in production (one store job, then one `packs.render-batch` job per batch of B),
// rendered by W `npm run worker` processes (dist/src/worker.js) for each W given. Reports packs/s
// over the rendering (first batch started → last batch recorded, across workers), the wall time
// from the request to packs_ready, and how many batches each worker rendered.
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server: a scratch
// database is created beside it and dropped; REDIS_URL defaults to redis://127.0.0.1:6379.
// First: entity column types are chosen from the environment when the modules load.
import './postgres-env';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { PackBatchEntity } from 'src/packs/pack.entity';
import { PacksService } from 'src/packs/packs.service';
import { loadConfig } from 'src/platform/config/app-config';
import { RollImportService } from 'src/roll/roll-import.service';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

function rollCsv(n: number): string {
  const rows = ['member_number,given_names,family_name,address_line_1,address_line_2,address_line_3,address_line_4,postcode,country,email,date_of_birth,weight,eligible,channel'];
  for (let i = 0; i < n; i++) rows.push(`M${String(i).padStart(8, '0')},Member,Number ${i},${i % 300} rue de la République,,,,${10000 + (i % 89999)},FR,,1970-01-01,1,yes,any`);
  return rows.join('\n') + '\n';
}

/** As in the rendering benchmark: one question with 10 answers and blank. */
function electionSettings(title: string) {
  const day = 24 * 3600_000;
  const names = ['Alice Martin', 'Bertrand Okafor', 'Chloé Dubois', 'Dmitri Novak', 'Élodie Laurent', 'Fatou Diallo', 'Grace O’Neill', 'Hugo Rossi', 'Inès Haddad', 'Jonas Weber'];
  return {
    title,
    questions: [{ question: 'Who should lead the party?', answers: names, min: 1, max: 1, blank: true }],
    channels: { online: true, postal: true },
    precedencePolicy: 'online-overrides-postal' as const,
    onlineRevoting: true,
    secondFactor: 'date-of-birth' as const,
    timeline: {
      onlineOpensAt: new Date(Date.now() + 10 * day).toISOString(),
      onlineClosesAt: new Date(Date.now() + 30 * day).toISOString(),
      postalDeadline: new Date(Date.now() + 31 * day).toISOString(),
      timeZone: 'Europe/Paris',
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Starts a worker process and resolves once it says it runs (pino's JSON line). */
function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'worker.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker running')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
  });
}

export async function run(args: string[]): Promise<void> {
  const n = Number(option(args, '--packs', '8000'));
  const batch = option(args, '--batch', '1000');
  const workerCounts = option(args, '--workers', '1,2').split(',').map(Number);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `hb_bench_packs_${process.pid}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-packs-'));
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(serverUrl, dbName),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `hbbench${process.pid}${randomBytes(2).toString('hex')}`,
    DATA_DIR: work,
    // A benchmark seed, not a secret.
    CREDENTIAL_SEED: '5e'.repeat(32),
    PACK_BATCH_SIZE: batch,
    LOG_LEVEL: 'info',
  };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig({ ...env, LOG_LEVEL: 'silent' })), { logger: false });
  const workers: ChildProcess[] = [];
  try {
    console.log(`split print run: ${n.toLocaleString('en')} packs in batches of ${batch}, PostgreSQL + Redis, worker processes: ${workerCounts.join(', ')}`);
    const csv = rollCsv(n);
    for (const w of workerCounts) {
      const elections = app.get(ElectionsService);
      const e = await elections.create(electionSettings(`Print run benchmark, ${w} worker(s)`), SYSTEM);
      const imports = app.get(RollImportService);
      const report = await imports.upload(e.id, { body: Readable.from([csv]), contentType: 'text/csv', contentLength: Buffer.byteLength(csv) }, SYSTEM);
      await imports.commit(e.id, report.id, {}, SYSTEM);
      await elections.transition(e.id, 'roll_frozen', SYSTEM);
      for (let i = 0; i < w; i++) workers.push(await startWorker(env));
      const t0 = Date.now();
      await app.get(PackGenerationService).request(e.id, 'default', 'en', SYSTEM);
      for (;;) {
        const s = await app.get(PacksService).status(e.id);
        if (s.status === 'generated') break;
        if (s.status === 'failed') throw new Error(`run failed: ${JSON.stringify(s.progress?.failing ?? s.job?.error)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const wall = (Date.now() - t0) / 1000;
      const s = await app.get(PacksService).status(e.id);
      const rows = await app.get(DataSource).getRepository(PackBatchEntity).findBy({ electionId: e.id });
      const share = new Map<string, number>();
      for (const r of rows) share.set(r.renderedBy ?? '?', (share.get(r.renderedBy ?? '?') ?? 0) + 1);
      const first = Math.min(...rows.map((r) => r.startedAt!.getTime()));
      console.log(
        `${w} worker(s): ${s.progress!.packsPerSecond} packs/s rendering (first batch started → last recorded); ` +
          `request → packs_ready ${wall.toFixed(1)} s (store step ${((first - t0) / 1000).toFixed(1)} s); batches per worker: ${[...share.values()].join(' + ')}; ` +
          `160,000 packs ≈ ${(160000 / s.progress!.packsPerSecond / 60).toFixed(1)} min`,
      );
      await Promise.all(workers.splice(0).map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGTERM')))));
    }
  } finally {
    for (const c of workers) c.kill('SIGKILL');
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
