// `npm run bench -- roll-import [--rows N] [--reimport] [--keep-db]`
// Generates an N-row roll CSV (default 2,000,000), uploads and commits it into a scratch
// PostgreSQL database through the real RollImportService, and prints rows/s per phase and the
// peak resident memory. DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
// server; the scratch database is created beside it and dropped at the end.
// First: entity column types are chosen from the environment when the modules load.
import './postgres-env';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from 'src/app.module';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { loadConfig } from 'src/platform/config/app-config';
import { RollImportService } from 'src/roll/roll-import.service';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const HEADER =
  'member_number,given_names,family_name,address_line_1,address_line_2,address_line_3,address_line_4,postcode,country,email,date_of_birth,weight,eligible,channel\n';
const GIVEN = ['Alice', 'Bob', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Gao', 'Hannah'];
const FAMILY = ['Martin', 'Chen', 'Durand', 'Müller', "O'Brien", 'Smith, Jr', 'Nguyen', 'García'];

/** A realistic roll: varied names, a quoted field, some abroad members, some emails. `variant` changes 1 row in 50. */
async function generate(file: string, rows: number, variant = 0): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(HEADER);
  for (let i = 0; i < rows; ) {
    let chunk = '';
    for (let k = 0; k < 2000 && i < rows; k++, i++) {
      const family = FAMILY[i % 8];
      const abroad = i % 20 === 0;
      const street = variant && i % 50 === 0 ? 'New Road' : 'High Street';
      chunk +=
        `M${String(i).padStart(8, '0')},${GIVEN[(i >> 3) % 8]},${family.includes(',') ? `"${family}"` : family},${i % 997} ${street},` +
        `${i % 3 === 0 ? 'Flat 2' : ''},,,${abroad ? '10115' : 'SW1A 1AA'},${abroad ? 'DE' : 'GB'},${i % 4 === 0 ? `m${i}@example.org` : ''},` +
        `19${String(40 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},` +
        `1,${i % 100 === 0 ? 'no' : 'yes'},${abroad ? 'online-only' : 'any'}\n`;
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return fs.statSync(file).size;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function run(args: string[]): Promise<void> {
  const rows = option(args, '--rows', 2_000_000);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `hb_bench_roll_${process.pid}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-roll-'));
  const file = path.join(work, 'roll.csv');

  const t = Date.now();
  const bytes = await generate(file, rows);
  console.log(`generated ${rows.toLocaleString('en')} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - t) / 1000).toFixed(1)} s (not timed)`);

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);

  const config = loadConfig({ DATABASE_URL: withDatabase(serverUrl, dbName), DATA_DIR: work, LOG_LEVEL: 'silent' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const rssBefore = process.memoryUsage.rss();
  try {
    const election = await app.get(ElectionsService).create({ title: 'Roll import benchmark' }, SYSTEM);
    const imports = app.get(RollImportService);
    const importOnce = async (label: string) => {
      const t0 = Date.now();
      const cpu0 = process.cpuUsage();
      const report = await imports.upload(election.id, { body: fs.createReadStream(file), contentType: 'text/csv', contentLength: fs.statSync(file).size }, SYSTEM);
      const t1 = Date.now();
      await imports.commit(election.id, report.id, {}, SYSTEM);
      const t2 = Date.now();
      const cpu = process.cpuUsage(cpu0);
      // On a shared machine wall time depends on the neighbours; CPU time of this process does not.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
      console.log(
        `${label}: upload + validate + stage ${((t1 - t0) / 1000).toFixed(1)} s (${rate(t1 - t0)}), commit ${((t2 - t1) / 1000).toFixed(1)} s; ` +
          `total ${((t2 - t0) / 1000).toFixed(1)} s = ${rate(t2 - t0)}  [valid ${report.valid}, invalid ${report.invalid}, new ${report.newMembers}, updated ${report.updatedMembers}, unchanged ${report.unchangedMembers}, missing ${report.missingMembers}]`,
      );
      console.log(`  this process used ${cpuSeconds.toFixed(1)} s of CPU = ${Math.round(rows / cpuSeconds).toLocaleString('en')} rows per CPU-second (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`);
    };
    await importOnce('first import (empty roll)');
    if (args.includes('--reimport')) {
      await generate(file, rows, 1);
      await importOnce('re-import (1 row in 50 changed)');
    }
  } finally {
    clearInterval(sampler);
    await app.close();
    if (!args.includes('--keep-db')) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  console.log(`peak RSS sampled every 50 ms: ${mib(peak)} (at start ${mib(rssBefore)}); kernel max RSS ${mib(process.resourceUsage().maxRSS * 1024)}`);
}
