// `npm run bench -- intake [--members N] [--scanners S] [--seconds T] [--warmup T] [--ref-seconds T]
//                          [--pool N] [--cpu-prof DIR] [--keep-db]`
// Postal intake throughput: an open election with N members (default 50,000) on a scratch
// PostgreSQL database, the real server (dist/src/main.js) started as its own process, S count
// staff (default 8) each with an open session at their own station, each scanner sending
// POST /elections/:id/intake/scans one after the other and waiting for each verdict (closed
// loop). Mix: ~96 % genuine first returns (5 % of them keyed), ~3 % duplicates, ~1 % typos.
// References measured in the same run: the same S clients on GET /health (the HTTP + Nest + one
// query floor of this server) and `PrecedenceService.decideAlone` in-process (the decision's
// database transaction without HTTP, session, station, pack or scan). Also counts the SQL
// statements one scan sends (in-process, through a counting TypeORM logger).
//
// Packs are not rendered (≈110 packs/s would take minutes): pack_setup and pack rows are stored
// through PacksRepository as generation stores them, with identity codes made by the real
// makeIdentityCode and a random MAC key; public credentials and Voting ID hashes are random.
// First: entity column types are chosen from the environment when the modules load.
import './postgres-env';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource, Logger } from 'typeorm';
import { AppModule } from 'src/app.module';
import { StaffService } from 'src/auth/staff.service';
import { ElectionEntity } from 'src/elections/election.entity';
import { Question } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { StaffActor, SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { IntakeService } from 'src/intake/intake.service';
import { formatIdentityCode, makeIdentityCode } from 'src/packs/codes';
import { randomSymbols } from 'src/packs/codes/crockford';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { PacksRepository } from 'src/packs/packs.repository';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { loadConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { RollImportService } from 'src/roll/roll-import.service';
import { TrusteesService } from 'src/trustees/trustees.service';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PASSWORD = 'bench-only-password-0123';

export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function stringOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Deterministic, so two runs send the same mix. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------
// CPU accounting: whole machine from /proc/stat, one process from /proc/<pid>/stat.

export const TICK_MS = 10; // USER_HZ = 100 on Linux

export function machineTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return NaN;
  }
}

interface CpuWindow {
  wallMs: number;
  machineBusyMs: number;
  serverMs: number;
  clientMs: number;
  /** The PostgreSQL backends serving the bench database (not the WAL writer or checkpointer). */
  postgresMs: number;
}

/** Process ids of the PostgreSQL backends connected to the bench database. */
let backendPids: number[] = [];
let refreshBackends: () => Promise<void> = async () => undefined;

function sumTicks(pids: number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, processTicks(p)]));
}

function cpuMeter(serverPid: number | undefined): () => CpuWindow {
  const m0 = machineTicks();
  const s0 = serverPid ? processTicks(serverPid) : 0;
  const b0 = sumTicks(backendPids);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const m1 = machineTicks();
    const c = process.cpuUsage(c0);
    let pg = 0;
    for (const [pid, ticks] of sumTicks(backendPids)) {
      const before = b0.get(pid) ?? 0;
      if (Number.isFinite(ticks) && Number.isFinite(before)) pg += ticks - before;
    }
    return {
      wallMs: performance.now() - t0,
      machineBusyMs: (m1.busy - m0.busy) * TICK_MS,
      serverMs: serverPid ? (processTicks(serverPid) - s0) * TICK_MS : 0,
      clientMs: (c.user + c.system) / 1000,
      postgresMs: pg * TICK_MS,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Setup through the real services, in this process.

const HEADER =
  'member_number,given_names,family_name,address_line_1,address_line_2,address_line_3,address_line_4,postcode,country,email,date_of_birth,weight,eligible,channel\n';

export function rollCsv(members: number): string {
  const given = ['Alice', 'Bob', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Gao', 'Hannah'];
  const family = ['Martin', 'Chen', 'Durand', 'Müller', "O'Brien", 'Nguyen', 'García', 'Smith'];
  let out = HEADER;
  for (let i = 0; i < members; i++) {
    out +=
      `M${String(i).padStart(8, '0')},${given[(i >> 3) % 8]},${family[i % 8]},${i % 997} High Street,,,,SW1A 1AA,GB,,` +
      `19${String(40 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},1,yes,any\n`;
  }
  return out;
}

/**
 * The common start of the service benches: an election (both channels, online open for a day)
 * with a roll of `members` imported through the real import service and frozen.
 */
export async function frozenRollElection(
  app: Pick<INestApplicationContext, 'get'>,
  opts: { title: string; members: number; work: string; question: Question },
): Promise<ElectionEntity> {
  const elections = app.get(ElectionsService);
  const hour = 3600_000;
  const e = await elections.create(
    {
      title: opts.title,
      description: 'Benchmark election',
      questions: [opts.question],
      channels: { online: true, postal: true },
      precedencePolicy: 'online-overrides-postal',
      onlineRevoting: true,
      secondFactor: 'date-of-birth',
      timeline: {
        onlineOpensAt: new Date(Date.now() - hour).toISOString(),
        onlineClosesAt: new Date(Date.now() + 24 * hour).toISOString(),
        postalDeadline: new Date(Date.now() + 48 * hour).toISOString(),
        timeZone: 'Europe/London',
      },
    },
    SYSTEM,
  );
  const file = path.join(opts.work, 'roll.csv');
  fs.writeFileSync(file, rollCsv(opts.members));
  const imports = app.get(RollImportService);
  const report = await imports.upload(e.id, { body: fs.createReadStream(file), contentType: 'text/csv', contentLength: fs.statSync(file).size }, SYSTEM);
  await imports.commit(e.id, report.id, {}, SYSTEM);
  return elections.transition(e.id, 'roll_frozen', SYSTEM);
}

interface BenchElection {
  id: string;
  /** Member packs in a shuffled order: the order envelopes come back in. */
  packs: Array<{ serial: number; memberNumber: string; code: string }>;
}

async function setUpElection(app: INestApplicationContext, members: number, work: string): Promise<BenchElection> {
  const e = await frozenRollElection(app, {
    title: 'Intake benchmark',
    members,
    work,
    question: { question: 'Who should lead the party?', answers: ['Alice Martin', 'Bob Chen', 'Chloé Durand'], min: 1, max: 1, blank: true },
  });

  // What PackGenerationService.store keeps for each member pack, without rendering the PDFs.
  const setup: PackSetupEntity = {
    electionId: e.id,
    electionCode: randomSymbols(4),
    macKey: randomBytes(32).toString('hex'),
    template: 'default',
    language: 'en',
    members,
    spares: 0,
    batches: Math.ceil(members / 1000),
    geometry: {},
    checksums: {},
    createdAt: new Date(),
    completedAt: null,
  };
  const macKey = Buffer.from(setup.macKey, 'hex');
  const rows: PackEntity[] = [];
  for (let i = 0; i < members; i++) {
    rows.push({
      electionId: e.id,
      serial: 1000 + i,
      kind: 'member',
      memberNumber: `M${String(i).padStart(8, '0')}`,
      status: 'active',
      delivery: 'post',
      batch: 1 + Math.floor(i / 1000),
      sequence: 1 + (i % 1000),
      publicCredential: randomBytes(32).toString('hex'),
      votingIdHash: randomBytes(32).toString('hex'),
      voidedAt: null,
    });
  }
  const packsRepo = app.get(PacksRepository);
  await app.get(Transactions).run(async (m) => {
    await packsRepo.insertSetup(m, setup);
    await packsRepo.insertPacks(m, rows);
    await packsRepo.markCompleted(m, e.id, new Date());
  });
  const elections = app.get(ElectionsService);
  await elections.transition(e.id, 'packs_ready', SYSTEM, { system: true });
  // An election with online voting opens only with a trustee key (issue 6); intake never decrypts.
  await app.get(TrusteesService).add(e.id, { name: 'Bench trustee', publicKey: serializeTrusteePublicKey(generateSingleTrustee().publicKey) }, SYSTEM);
  await elections.transition(e.id, 'open', SYSTEM);

  const rnd = mulberry32(42);
  const packs = rows.map((r) => ({ serial: r.serial, memberNumber: r.memberNumber!, code: makeIdentityCode({ electionCode: setup.electionCode, packSerial: r.serial }, macKey) }));
  for (let i = packs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [packs[i], packs[j]] = [packs[j], packs[i]];
  }
  return { id: e.id, packs };
}

/** Counts what TypeORM sends to the database. */
class CountingLogger implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function statementsPerScan(app: INestApplicationContext, electionId: string, actor: StaffActor, codes: string[]): Promise<{ perScan: number; sample: string[] }> {
  const intake = app.get(IntakeService);
  const session = await intake.openSession(electionId, 'Q1', undefined, actor);
  const ds = app.get(DataSource);
  // A first scan warms the caches (identity key, and whatever the service keeps in memory).
  await intake.scan(electionId, { scanId: randomUUID(), sessionId: session.id, code: codes[0], entry: 'barcode' }, actor);
  const original = ds.logger;
  const counter = new CountingLogger();
  (ds as { logger: unknown }).logger = counter;
  try {
    for (const code of codes.slice(1)) await intake.scan(electionId, { scanId: randomUUID(), sessionId: session.id, code, entry: 'barcode' }, actor);
  } finally {
    (ds as { logger: unknown }).logger = original;
  }
  const n = codes.length - 1;
  const last = counter.statements.slice(-Math.round(counter.statements.length / n));
  return { perScan: counter.statements.length / n, sample: last };
}

async function decideReference(app: INestApplicationContext, electionId: string, clients: number, seconds: number): Promise<Measured> {
  const precedence = app.get(PrecedenceService);
  const election = await app.get(ElectionsService).get(electionId);
  let next = 0;
  return closedLoop(clients, 0, seconds, undefined, async () => {
    const memberId = `REF${next++}`;
    await precedence.decideAlone({ election, memberId, member: { eligible: true, restriction: 'any' }, event: { kind: 'postal_return' }, actor: SYSTEM, subject: { bench: 'reference' } });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP client: keep-alive, one socket per scanner, as a desk's browser would hold one.

interface HttpResult {
  status: number;
  body: string;
}

function request(agent: http.Agent, port: number, method: string, url: string, body?: unknown, token?: string): Promise<HttpResult> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

interface Measured {
  ops: number;
  failures: number;
  seconds: number;
  latenciesMs: Float64Array;
  cpu?: CpuWindow;
}

/**
 * `clients` loops, each calling `op` and awaiting it before the next call. Calls started during
 * the warm-up are not measured; measured calls are those started in the window.
 */
async function closedLoop(clients: number, warmupSeconds: number, seconds: number, serverPid: number | undefined, op: (client: number) => Promise<boolean>): Promise<Measured> {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const measureFrom = start + warmupSeconds * 1000;
  const stopAt = measureFrom + seconds * 1000;
  let meter: (() => CpuWindow) | undefined;
  const warm = setTimeout(() => {
    void refreshBackends().then(() => (meter = cpuMeter(serverPid)));
  }, warmupSeconds * 1000);
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= stopAt) return;
        const ok = await op(c);
        const t1 = performance.now();
        if (t0 >= measureFrom) {
          latencies.push(t1 - t0);
          if (!ok) failures++;
        }
      }
    }),
  );
  clearTimeout(warm);
  const cpu = meter?.();
  const sorted = Float64Array.from(latencies).sort();
  return { ops: latencies.length, failures, seconds: (performance.now() - measureFrom) / 1000, latenciesMs: sorted, cpu };
}

// ---------------------------------------------------------------------------------------------
// The scan mix.

type ScanKind = 'genuine' | 'keyed' | 'duplicate' | 'typo';

class ScanMix {
  private next = 0;
  private readonly sent: string[] = [];
  private readonly rnd = mulberry32(7);
  readonly counts: Record<ScanKind, number> = { genuine: 0, keyed: 0, duplicate: 0, typo: 0 };

  constructor(private readonly packs: BenchElection['packs']) {}

  get remaining(): number {
    return this.packs.length - this.next;
  }

  take(): { kind: ScanKind; code: string; entry: 'barcode' | 'keyed' } | null {
    const r = this.rnd();
    if (r < 0.03 && this.sent.length > 0) {
      this.counts.duplicate++;
      return { kind: 'duplicate', code: this.sent[Math.floor(this.rnd() * this.sent.length)], entry: 'barcode' };
    }
    if (this.next >= this.packs.length) return null;
    const code = this.packs[this.next].code;
    if (r < 0.04) {
      // A mistyped symbol in a keyed code: the check symbol catches every single substitution.
      this.counts.typo++;
      const at = 4 + Math.floor(this.rnd() * 20);
      const swapped = code[at] === 'Q' ? 'R' : code[at] === '7' ? '8' : '7';
      return { kind: 'typo', code: formatIdentityCode(code.slice(0, at) + swapped + code.slice(at + 1)), entry: 'keyed' };
    }
    this.next++;
    this.sent.push(code);
    if (r < 0.09) {
      this.counts.keyed++;
      return { kind: 'keyed', code: formatIdentityCode(code).toLowerCase(), entry: 'keyed' };
    }
    this.counts.genuine++;
    return { kind: 'genuine', code, entry: 'barcode' };
  }
}

// ---------------------------------------------------------------------------------------------

export async function startServer(env: NodeJS.ProcessEnv, cpuProfDir: string | undefined): Promise<{ child: ChildProcess; logBytes: () => number }> {
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let tail = '';
  const keep = (d: Buffer) => {
    bytes += d.length;
    tail = (tail + d.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + 60_000;
  const agent = new http.Agent({ keepAlive: false });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${tail}`);
    try {
      const r = await request(agent, Number(env.PORT), 'GET', '/health');
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${tail}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, logBytes: () => bytes };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

function row(label: string, m: Measured, reference?: Measured): string {
  const rate = m.ops / m.seconds;
  const l = m.latenciesMs;
  const cpu = m.cpu;
  const perOp = (ms: number) => `${((ms / m.ops) * 1000).toFixed(0)}`;
  const ratio = reference ? `${(rate / (reference.ops / reference.seconds)).toFixed(2)}×` : '';
  return (
    `| ${label} | ${Math.round(rate).toLocaleString('en')} | ${percentile(l, 50).toFixed(1)} | ${percentile(l, 95).toFixed(1)} | ${percentile(l, 99).toFixed(1)} | ${percentile(l, 100).toFixed(1)} | ` +
    `${m.failures} | ${cpu ? `${perOp(cpu.serverMs)} / ${perOp(cpu.postgresMs)} / ${perOp(cpu.clientMs)} / ${perOp(cpu.machineBusyMs)}` : '—'} | ${cpu ? ((cpu.machineBusyMs / cpu.wallMs) * 100).toFixed(0) + ' %' : '—'} | ${ratio} |`
  );
}

export async function run(args: string[]): Promise<void> {
  const members = option(args, '--members', 50_000);
  const scanners = option(args, '--scanners', 8);
  const seconds = option(args, '--seconds', 20);
  const warmup = option(args, '--warmup', 3);
  const refSeconds = option(args, '--ref-seconds', 6);
  const pool = option(args, '--pool', 0);
  const cpuProfDir = stringOption(args, '--cpu-prof');
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `hb_bench_intake_${process.pid}`;
  const dbUrl = withDatabase(serverUrl, dbName);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-intake-'));
  const port = 41000 + (process.pid % 1000);

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  refreshBackends = async () => {
    const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
    backendPids = r.rows.map((x) => x.pid);
  };
  const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  let server: ChildProcess | undefined;
  try {
    // --- setup (not timed) ---
    const t = Date.now();
    const config = loadConfig({ DATABASE_URL: dbUrl, DATA_DIR: work, LOG_LEVEL: 'silent' });
    let app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    const election = await setUpElection(app, members, work);
    const staff = app.get(StaffService);
    const accounts: string[] = [];
    for (let i = 0; i < scanners; i++) {
      const email = `scanner-${i}@bench.invalid`;
      await staff.create({ email, role: 'count_staff', password: PASSWORD }, SYSTEM);
      accounts.push(email);
    }
    const probeStaff = await staff.create({ email: 'probe@bench.invalid', role: 'count_staff', password: PASSWORD }, SYSTEM);
    console.log(`setup: election open with ${members.toLocaleString('en')} members and packs, ${scanners} count_staff accounts (${((Date.now() - t) / 1000).toFixed(1)} s, not timed)`);

    // The last packs of the shuffled order are kept for the in-process probes.
    const probeCodes = election.packs.splice(election.packs.length - 41, 41).map((p) => p.code);
    const statements = await statementsPerScan(app, election.id, { kind: 'staff', staffId: probeStaff.id, role: 'count_staff' }, probeCodes);
    console.log(`SQL statements per genuine scan (in-process, TypeORM logger): ${statements.perScan.toFixed(1)}`);
    if (args.includes('--show-sql')) for (const s of statements.sample) console.log(`   ${s.replace(/\s+/g, ' ').slice(0, 160)}`);
    const decide = await decideReference(app, election.id, scanners, refSeconds);
    await app.close();

    // --- the server under test ---
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: work, LOG_LEVEL: 'info' };
    if (pool) env.DATABASE_POOL_SIZE = String(pool);
    const started = await startServer(env, cpuProfDir);
    server = started.child;
    const agent = new http.Agent({ keepAlive: true, maxSockets: scanners * 2 });
    const tokens: string[] = [];
    for (const email of accounts) {
      const r = await request(agent, port, 'POST', '/auth/login', { email, password: PASSWORD });
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.body}`);
      tokens.push((JSON.parse(r.body) as { token: string }).token);
    }
    const sessions: string[] = [];
    for (let i = 0; i < scanners; i++) {
      const r = await request(agent, port, 'POST', `/elections/${election.id}/intake/sessions`, { station: `D${i + 1}` }, tokens[i]);
      if (r.status !== 201) throw new Error(`session failed: ${r.status} ${r.body}`);
      sessions.push((JSON.parse(r.body) as { id: string }).id);
    }

    const health = await closedLoop(scanners, 1, refSeconds, server.pid, async () => (await request(agent, port, 'GET', '/health')).status === 200);

    const mix = new ScanMix(election.packs);
    const verdicts = new Map<string, number>();
    const problems: string[] = [];
    const logBefore = started.logBytes();
    const scans = await closedLoop(scanners, warmup, seconds, server.pid, async (c) => {
      const s = mix.take();
      if (!s) return false;
      const r = await request(agent, port, 'POST', `/elections/${election.id}/intake/scans`, { scanId: randomUUID(), sessionId: sessions[c], code: s.code, entry: s.entry }, tokens[c]);
      if (r.status !== 201) {
        if (problems.length < 5) problems.push(`${r.status} ${r.body.slice(0, 200)}`);
        return false;
      }
      const body = JSON.parse(r.body) as { verdict: string; reason: string | null };
      const key = `${s.kind} → ${body.verdict}${body.reason ? ` (${body.reason})` : ''}`;
      verdicts.set(key, (verdicts.get(key) ?? 0) + 1);
      return true;
    });
    const logBytes = started.logBytes() - logBefore;
    await stopServer(server);
    server = undefined;

    // --- results ---
    console.log(`\nPostgreSQL ${pgVersion}; ${scanners} closed-loop clients; server: node dist/src/main.js, NODE_ENV=production, LOG_LEVEL=info, DATABASE_POOL_SIZE=${pool || 'default'}; load average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`\n| measure | ops/s | p50 ms | p95 ms | p99 ms | max ms | failures | CPU µs/op: server / its PG backends / client / whole machine | machine busy | vs /health |`);
    console.log(`|---|---|---|---|---|---|---|---|---|---|`);
    console.log(row(`GET /health (HTTP + Nest + SELECT 1), ${refSeconds} s`, health));
    console.log(row(`precedence.decideAlone in-process, ${refSeconds} s`, decide, health));
    console.log(row(`**POST intake/scans**, ${seconds} s after ${warmup} s warm-up`, scans, health));
    console.log(`\nscans measured: ${scans.ops.toLocaleString('en')}; mix sent (incl. warm-up): ${JSON.stringify(mix.counts)}; genuine packs left ${mix.remaining.toLocaleString('en')}`);
    console.log(`verdicts (incl. warm-up): ${[...verdicts].map(([k, v]) => `${k}: ${v}`).join('; ')}`);
    console.log(`server log output during the scan run: ${logBytes} bytes`);
    if (problems.length) console.log(`failures, first ${problems.length}:\n  ${problems.join('\n  ')}`);

    // --- the record is still whole ---
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    try {
      const chains = await app.get(EventLogService).verifyElection(election.id);
      const ds = app.get(DataSource);
      const [{ n }] = await ds.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM intake_scan WHERE election_id = $1`, [election.id]);
      console.log(`check: ${n} scan rows stored; ${chains.length} event chains, ${chains.every((c) => c.ok) ? 'all verify' : 'BROKEN: ' + JSON.stringify(chains.filter((c) => !c.ok))}`);
    } finally {
      await app.close();
    }
    if (cpuProfDir) console.log(`CPU profile of the server written to ${cpuProfDir}`);
  } finally {
    if (server) await stopServer(server);
    if (!args.includes('--keep-db')) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
