// `npm run bench -- tally [--members N] [--answers K] [--db sqlite|postgres] [--sirona-ballots M] [--workers W] [--keep]`
//
// Issue 8: close, decrypt and verify an election of N members (default 160,000; both channels)
// through the real services, each phase timed. One question, K answers (default 2; min 1, max 1,
// no blank), one Single trustee.
//
// Seeding (timed separately, not a phase): the election is created, its roll imported and its
// trustee registered through the services; pack rows (random credentials, public part only, as
// generation stores them; no spares, none voided) go straight into `pack`; the election opens
// through the real transition, so `ballot_box_setup` is fixed by the real code. Then, straight
// into the tables: online ballots for half the members (real ballots made with createBallot on
// worker threads; 2 % of them revoted, the earlier ballot `replaced`; 0.1 % of members
// `superseded` by their postal vote), intake scans and participation rows for the 40 % who
// voted by post, closed count batches of 500 envelopes with one CVR per envelope (80 % valid,
// 10 % blank, 10 % invalid). System transitions take the election to `counting`.
//
// Phases: (a) enter `tallying` → the `tally.encrypt` job done (in-process queue); (b) the
// trustee computes its partial decryption as its own machine would and submits it through
// PartialDecryptionsService (verified on arrival) → `result_ready`; (c) the `record.build` job
// (.bel, every file, manifest, zip); (d) verifyRecord on the record directory with one worker
// thread per core — the goal's figure; (e) Sirona (`sirona election verify`) on a .bel of the
// first M tallied ballots of the same election (same setup and credential list, re-tallied and
// decrypted here), with our archive verifier on that same .bel for the ratio.
import { BENCH_DB } from './tally-env';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { CountBatchEntity, CvrEntity } from 'src/count/count.entities';
import { ballotTracker } from 'src/crypto/ballot/ballot';
import { parsePublicCredentials } from 'src/crypto/credential/public-credentials';
import { parseElection } from 'src/crypto/election/election';
import { writeElectionArchive } from 'src/crypto/archive/write-archive';
import { useFastestBackend } from 'src/crypto/native/backend';
import { verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import { parseEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { computePartialDecryption, serializePartialDecryption } from 'src/crypto/tally/partial-decryption';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { parseTrustees } from 'src/crypto/trustees/trustees';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { votingIdHash } from 'src/packs/pack-generation.service';
import { randomSymbols } from 'src/packs/codes/crockford';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { PacksRepository } from 'src/packs/packs.repository';
import { loadConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { RecordRepository } from 'src/record/record.repository';
import { recordPaths } from 'src/record/record-paths';
import { OnlineTallyInput } from 'src/tally/online-tally-input';
import { PartialDecryptionsService } from 'src/tally/partial-decryptions.service';
import { TallyRepository } from 'src/tally/tally.repository';
import { TrusteesService } from 'src/trustees/trustees.service';
import { verifyRecord } from 'src/verify/record/verify-record';
import type { CastWorkerInput } from './cast-worker';
import { frozenRollElection, option, withDatabase } from './intake';
import { sironaSeconds } from './sirona';
import type { TallyWorkerInput } from './tally-worker';

const ANSWER_NAMES = ['Alice Martin', 'Bob Chen', 'Chloé Durand', 'Dmitri Müller', 'Eve Nguyen', 'Fatima García', 'Gao Smith', "Hannah O'Brien"];

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const cpuNow = (): number => ((u) => (u.user + u.system) / 1e6)(process.cpuUsage());
const memberNumber = (i: number): string => `M${String(i).padStart(8, '0')}`;

interface Timed<T> {
  value: T;
  seconds: number;
  cpu: number;
}

async function timed<T>(f: () => Promise<T> | T): Promise<Timed<T>> {
  const c = cpuNow();
  const t = process.hrtime.bigint();
  const value = await f();
  return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuNow() - c };
}

function runWorker<I, O>(file: string, input: I): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, file), { workerData: input });
    worker.once('message', (m: O) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${file} exited with ${code}`))));
  });
}

async function onThreads<I, O>(file: string, total: number, threads: number, input: (from: number, to: number) => I): Promise<O[]> {
  const per = Math.ceil(total / threads);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, w) => {
      const from = w * per;
      const to = Math.min(total, from + per);
      return to > from ? runWorker<I, O[]>(file, input(from, to)) : Promise.resolve([] as O[]);
    }),
  );
  return parts.flat();
}

async function inChunks<T>(rows: T[], size: number, f: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await f(rows.slice(i, i + size));
}

async function waitUntil<T>(what: string, f: () => Promise<T | null | undefined>, timeoutMs = 3600_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function run(args: string[]): Promise<void> {
  const members = option(args, '--members', 160_000);
  const answers = Math.min(ANSWER_NAMES.length, Math.max(2, option(args, '--answers', 2)));
  const sironaBallots = option(args, '--sirona-ballots', 500);
  const workers = option(args, '--workers', os.availableParallelism());
  const threads = os.availableParallelism();
  const keep = args.includes('--keep');
  const db = BENCH_DB;
  console.log(`machine: nproc ${threads}; database ${db}; 1 question, ${answers} answers; load average at start ${load()}`);
  useFastestBackend();

  // --- the database and the app (in-process queue) ---
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-tally-'));
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `hb_bench_tally_${process.pid}`;
  let admin: Client | undefined;
  let env: Record<string, string>;
  if (db === 'postgres') {
    admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    env = { DATABASE_URL: withDatabase(serverUrl, dbName) };
  } else {
    env = { SQLITE_PATH: path.join(work, 'bench.sqlite') };
  }
  const config = loadConfig({ ...env, DATA_DIR: work, LOG_LEVEL: 'silent' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const get = <T>(t: new (...a: never[]) => T): T => app.get(t, { strict: false });
    const ds = get(DataSource);
    const elections = get(ElectionsService);

    // ================= seeding (not a phase) =================
    const seedStart = Date.now();
    const step = (what: string, t0: number): void => console.log(`  seed: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    let t = Date.now();
    const e = await frozenRollElection(app, {
      title: 'Tally benchmark',
      members,
      work,
      question: { question: 'Who should lead the party?', answers: ANSWER_NAMES.slice(0, answers), min: 1, max: 1, blank: false },
    });
    step(`election and roll of ${members.toLocaleString('en')} members`, t);

    t = Date.now();
    const creds = await onThreads<TallyWorkerInput, [string, string]>('tally-worker.js', members, threads, (from, to) => ({ uuid: e.beleniosUuid, count: to - from }));
    step(`${members.toLocaleString('en')} random credentials and their public parts on ${threads} threads`, t);
    t = Date.now();
    const packRows: PackEntity[] = creds.map(([, pub], i) => ({
      electionId: e.id,
      serial: 1000 + i,
      kind: 'member',
      memberNumber: memberNumber(i),
      status: 'active',
      delivery: 'post',
      batch: 1 + Math.floor(i / 1000),
      sequence: 1 + (i % 1000),
      publicCredential: pub,
      votingIdHash: votingIdHash(e.id, randomBytes(10).toString('hex')),
      voidedAt: null,
    }));
    const packSetup: PackSetupEntity = {
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
    const packs = get(PacksRepository);
    await get(Transactions).run(async (m) => {
      await packs.insertSetup(m, packSetup);
      await packs.insertPacks(m, packRows);
      await packs.markCompleted(m, e.id, new Date());
    });
    await elections.transition(e.id, 'packs_ready', SYSTEM, { system: true });
    const trustee = generateSingleTrustee();
    await get(TrusteesService).add(e.id, { name: 'Bench trustee', publicKey: JSON.parse(serializeTrusteePublicKey(trustee.publicKey)) as unknown }, SYSTEM);
    await elections.transition(e.id, 'open', SYSTEM);
    step('pack rows, trustee, opening (ballot_box_setup fixed by the real transition)', t);

    // Who did what: members [0, online) voted online; the last `superseded` of them also by
    // post, which beat their online ballot; members [online - superseded, online - superseded + postal) by post.
    const online = Math.round(members / 2);
    const superseded = Math.max(1, Math.round(members / 1000));
    const postal = Math.round(members * 0.4);
    const postalFrom = online - superseded;
    const revoters = Math.round(online * 0.02);
    const setup = (await get(OnlineTallyInput).setup(e.id))!;
    const electionRaw = setup.electionRaw;

    t = Date.now();
    // Revoters' first ballots (answer 1), then every online member's last ballot.
    const items = [
      ...Array.from({ length: revoters }, (_, i) => ({ credential: creds[i * 50][0], choice: 1 })),
      ...Array.from({ length: online }, (_, i) => ({ credential: creds[i][0], choice: i % 3 === 0 ? 1 % answers : i % answers })),
    ];
    const ballots = await onThreads<CastWorkerInput, string>('cast-worker.js', items.length, threads, (from, to) => ({ electionRaw, items: items.slice(from, to) }));
    const ballotSeconds = (Date.now() - t) / 1000;
    step(`${ballots.length.toLocaleString('en')} ballots made with createBallot on ${threads} threads, ${(ballots.length / ballotSeconds).toFixed(0)}/s`, t);

    t = Date.now();
    const now = new Date();
    const ballotRows: Omit<OnlineBallotEntity, 'id'>[] = ballots.map((raw, k) => {
      const i = k < revoters ? k * 50 : k - revoters;
      const status = k < revoters ? 'replaced' : i >= postalFrom ? 'superseded' : 'counts';
      return { electionId: e.id, tracker: ballotTracker(raw), publicCredential: creds[i][1], raw, receivedAt: now, status };
    });
    await inChunks(ballotRows, 500, (c) => ds.getRepository(OnlineBallotEntity).insert(c));
    const participation: ParticipationEntity[] = [];
    for (let i = 0; i < postalFrom + postal; i++) {
      const votedOnline = i < online;
      const byPost = i >= postalFrom;
      participation.push({
        electionId: e.id,
        memberId: memberNumber(i),
        online: byPost ? (votedOnline ? 'superseded' : 'none') : 'counted',
        onlineBallots: votedOnline ? (i % 50 === 0 && i / 50 < revoters ? 2 : 1) : 0,
        envelope: byPost ? 'accepted' : 'none',
        decisions: (votedOnline ? 1 : 0) + (byPost ? 1 : 0),
        lastRefused: null,
        lastRefusedChannel: null,
        lastRefusedAt: null,
        updatedAt: now,
      });
    }
    await inChunks(participation, 500, (c) => ds.getRepository(ParticipationEntity).insert(c));
    const sessionId = randomUUID();
    const scans: IntakeScanEntity[] = Array.from({ length: postal }, (_, k) => {
      const i = postalFrom + k;
      return {
        electionId: e.id,
        scanId: randomUUID(),
        sessionId,
        seq: k + 1,
        entry: 'barcode',
        code: null,
        packSerial: 1000 + i,
        memberId: memberNumber(i),
        verdict: 'accept',
        reason: null,
        message: 'Accepted.',
        tray: `T${String(Math.floor(k / 500)).padStart(4, '0')}`,
        position: 1 + (k % 500),
        decisionNo: null,
        stateChange: null,
        firstScan: null,
        scanDay: now.toISOString().slice(0, 10),
        scannedBy: null,
        scannedAt: now,
        undoneAt: null,
        undoneBy: null,
        undoReason: null,
      };
    });
    await inChunks(scans, 500, (c) => ds.getRepository(IntakeScanEntity).insert(c));
    step(`${ballotRows.length.toLocaleString('en')} online_ballot rows (${revoters} replaced, ${superseded} superseded), ${participation.length.toLocaleString('en')} participation rows, ${postal.toLocaleString('en')} intake scans`, t);

    await elections.transition(e.id, 'online_closed', SYSTEM);
    await elections.transition(e.id, 'postal_closed', SYSTEM);
    await elections.transition(e.id, 'counting', SYSTEM);
    t = Date.now();
    const batches: CountBatchEntity[] = [];
    const cvrs: CvrEntity[] = [];
    for (let k = 0; k < postal; k += 500) {
      const n = Math.min(500, postal - k);
      const batch: CountBatchEntity = {
        id: randomUUID(),
        electionId: e.id,
        label: `T${String(k / 500).padStart(4, '0')}`,
        envelopesOpened: n,
        doubleKeying: false,
        status: 'closed',
        createdBy: null,
        createdAt: new Date(now.getTime() + k),
        closedAt: now,
        mismatchReason: null,
      };
      batches.push(batch);
      for (let j = 0; j < n; j++) {
        const r = (k + j) % 10;
        cvrs.push({
          id: randomUUID(),
          electionId: e.id,
          batchId: batch.id,
          kind: r === 8 ? 'blank' : r === 9 ? 'invalid' : 'valid',
          choices: r < 8 ? [Array.from({ length: answers }, (_, x) => (x === r % answers ? 1 : 0))] : null,
          invalidReason: r === 9 ? 'over_vote' : null,
          imageSha256: null,
          imagePage: null,
        });
      }
    }
    await inChunks(batches, 500, (c) => ds.getRepository(CountBatchEntity).insert(c));
    await inChunks(cvrs, 500, (c) => ds.getRepository(CvrEntity).insert(c));
    step(`${batches.length} closed count batches, ${cvrs.length.toLocaleString('en')} CVRs`, t);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    console.log(`seeding: ${seedSeconds.toFixed(0)} s in all (not a phase); load average now ${load()}`);

    // ================= phases =================
    const tally = get(TallyRepository);
    const rows: string[] = [];
    const line = (phase: string, r: Timed<unknown>, n: number, unit: string): void => {
      const s = `| ${phase} | ${r.seconds.toFixed(1)} | ${r.cpu.toFixed(1)} | ${(n / r.seconds).toFixed(0)} ${unit}/s |`;
      rows.push(s);
      console.log(s);
    };
    const tallied = online - superseded;
    console.log(`\n${tallied.toLocaleString('en')} ballots tallied (${ballotRows.length - superseded} in the .bel: ${revoters} of them replaced by a revote), ${cvrs.length.toLocaleString('en')} CVRs`);
    console.log('\n| phase | wall s | CPU s (this process, all threads) | rate |');
    console.log('|---|---|---|---|');

    const a = await timed(async () => {
      await elections.transition(e.id, 'tallying', SYSTEM);
      return waitUntil('the encrypted tally', async () => ((await tally.findTally(e.id))?.status === 'awaiting_decryptions' ? true : null));
    });
    line('(a) enter `tallying` → `tally.encrypt` done', a, tallied + revoters, 'ballots');

    const b = await timed(async () => {
      const row = (await tally.findTally(e.id))!;
      const fingerprint = parseElection(electionRaw).fingerprint;
      const partial = serializePartialDecryption(computePartialDecryption(fingerprint, parseEncryptedTally(row.encryptedTally), trustee.secret));
      const receipt = await get(PartialDecryptionsService).submit(e.id, 1, partial, SYSTEM);
      if (!receipt.resultReady) throw new Error('the partial decryption did not complete the quorum');
      return receipt;
    });
    line('(b) trustee decrypts, submits (verified on arrival) → `result_ready`', b, tallied, 'ballots');

    const records = get(RecordRepository);
    const c = await timed(() =>
      waitUntil('the record', async () => {
        const s = await records.findState(e.id);
        if (s?.status === 'failed') throw new Error(`record build failed: ${s.error}`);
        return s?.status === 'ready' ? s : null;
      }),
    );
    const dir = recordPaths(config.dataDir, e.id).dir;
    const belFile = path.join(dir, 'online', `${e.beleniosUuid}.bel`);
    const belBytes = fs.statSync(belFile).size;
    line(`(c) \`record.build\` (.bel ${(belBytes / 2 ** 20).toFixed(0)} MiB, zip ${((c.value.zipBytes ?? 0) / 2 ** 20).toFixed(0)} MiB)`, c, ballotRows.length + cvrs.length, 'ballots+CVRs');

    const d = await timed(() => verifyRecord(dir, { workers }));
    if (!d.value.ok) throw new Error(`our verifier rejected the record: ${d.value.checks.filter((x) => x.status === 'fail').map((x) => `${x.id}`).join(', ')}`);
    line(`(d) verifyRecord, ${workers} workers — all ${d.value.checks.length} checks passed`, d, d.value.ballots, 'ballots');
    const phasesTotal = a.seconds + b.seconds + c.seconds + d.seconds;
    console.log(`phases (a)–(d): ${phasesTotal.toFixed(1)} s; load average now ${load()}`);

    // (e) Sirona on the first M tallied ballots, same election and credential list.
    let ratio = '';
    if (sironaBallots > 0) {
      const credentialsRaw = (await get(OnlineTallyInput).credentials(setup)).raw;
      const trustees = parseTrustees(setup.trusteesRaw);
      const first: string[] = [];
      for await (const x of get(OnlineTallyInput).tallied(e.id)) {
        if (first.length >= sironaBallots) break;
        if (x.last) first.push(x.raw);
      }
      const election = parseElection(electionRaw);
      const prefix = writeElectionArchive({
        timestamp: Math.floor(Date.now() / 1000),
        election,
        trustees,
        trusteesRaw: setup.trusteesRaw,
        credentials: parsePublicCredentials(credentialsRaw),
        credentialsRaw,
        ballots: first,
        decrypt: (tt) => [{ owner: 1, partial: computePartialDecryption(election.fingerprint, tt, trustee.secret) }],
      }).bytes;
      const oursPrefix = await timed(() => verifyArchiveParallel(prefix, { workers }));
      if (!oursPrefix.value.ok) throw new Error('our verifier rejected the prefix archive');
      const s = sironaSeconds(prefix, `${e.beleniosUuid}.bel`);
      const label = `(e) first ${first.length} ballots, same setup (all ${members.toLocaleString('en')} credentials)`;
      if (s === undefined) {
        console.log(`${label}: Sirona REJECTED the archive`);
      } else {
        const oursRate = d.value.ballots / d.seconds;
        const sironaRate = first.length / s;
        ratio = `${(oursRate / sironaRate).toFixed(0)}×`;
        console.log(
          `${label}: Sirona ${s.toFixed(1)} s = ${sironaRate.toFixed(1)} ballots/s (prefix rate, its fixed costs included; × all ballots ≈ ${((d.value.ballots / sironaRate) / 60).toFixed(0)} min); ` +
            `ours on that .bel ${oursPrefix.seconds.toFixed(1)} s (${(first.length / oursPrefix.seconds).toFixed(0)} ballots/s, fixed costs included) → ` +
            `whole record ${oursRate.toFixed(0)} ballots/s vs Sirona = ${ratio}`,
        );
      }
    }
    console.log(
      `\ngoal (whole record of a 160,000-member election verified < 2 min; faster than Sirona): record verified in ${d.seconds.toFixed(1)} s at ${members.toLocaleString('en')} members` +
        `${members === 160_000 ? (d.seconds < 120 ? ' — met' : ' — NOT met') : ' (not 160,000: see BENCHMARKS.md)'}${ratio ? `; ${ratio} Sirona's rate` : ''}`,
    );
    console.log(`load average at end: ${load()}`);
  } finally {
    await app.close();
    if (admin) {
      if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      else console.log(`kept database ${dbName}`);
      await admin.end();
    }
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}
