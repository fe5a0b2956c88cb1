// The print run split into one job per batch (issue "Ballot packs"), run by real worker
// processes (`npm run work` over dist/, BullMQ on Redis) as a deployment runs it: a worker
// killed with SIGKILL in the middle of rendering must not cost a batch, duplicate one, leave a
// partial file under a final name, or print a pack twice with different codes; and two workers
// must share the batches and produce exactly what one process produces.
import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { PackBatchEntity, PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { batchFileName, packsDir } from 'src/packs/print-files';
import { databaseKindFromEnv } from 'src/platform/database/database-kind';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { buildOnce, collect, dbEnv, exited, npmScript, signalGroup } from 'test/support/processes';
import { eventually, TEST_REDIS_URL } from 'test/support/queue-harness';
import { commitRoll, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

const MEMBERS = 240;
const BATCH_SIZE = 12;
const BATCHES = MEMBERS / BATCH_SIZE;


const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// Several worker processes share one database: the PostgreSQL deployment. On the embedded
// SQLite file the web process runs jobs itself and `npm run work` refuses to start.
const describeOnPostgres = databaseKindFromEnv() === 'postgres' ? describe : describe.skip;

describeOnPostgres('Print run on worker processes', () => {
  let t: TestApp;
  let ca: string;
  const queuePrefix = `hbpr${process.pid}${randomBytes(3).toString('hex')}`;
  const workers: ChildProcess[] = [];
  const outputs: Array<() => string> = [];

  beforeAll(async () => {
    buildOnce();
    // The test app only enqueues (BullMQ: web processes never run jobs); the workers render.
    t = await createTestApp({ redisUrl: TEST_REDIS_URL, queuePrefix, packs: { credentialSeed: Buffer.alloc(32, 0x5e), batchSize: BATCH_SIZE } });
    ca = await signIn(t, 'credential_authority');
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) signalGroup(w, 'SIGKILL');
    await Promise.all(workers.map((w) => exited(w)));
    await t?.close();
  });

  function startWorker(): ChildProcess {
    const w = npmScript('work', {
      ...dbEnv(t.config.database),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: t.config.dataDir,
      CREDENTIAL_SEED: Buffer.from(t.config.packs.credentialSeed!).toString('hex'),
      PACK_BATCH_SIZE: String(BATCH_SIZE),
      LOG_LEVEL: 'warn',
    });
    workers.push(w);
    outputs.push(collect(w));
    return w;
  }

  async function stopAll(): Promise<void> {
    for (const w of workers) signalGroup(w, 'SIGTERM');
    await Promise.all(workers.map((w) => exited(w)));
    workers.length = 0;
  }

  async function frozenElection(): Promise<string> {
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await commitRoll(t, e.id, members(1, MEMBERS));
    await t.get(ElectionsService).transition(e.id, 'roll_frozen', SYSTEM);
    return e.id;
  }

  const batchRows = (id: string) => t.dataSource.getRepository(PackBatchEntity).find({ where: { electionId: id }, order: { batch: 'ASC' } });

  async function packsReady(id: string, timeoutMs: number): Promise<void> {
    await eventually(
      async () => (await t.get(ElectionsService).get(id)).status,
      (s) => s === 'packs_ready',
      timeoutMs,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\nworker output:\n${outputs.map((o) => o()).join('\n---\n')}`);
    });
  }

  /** Everything a printer receives must be whole and agree with itself and the database. */
  async function expectCompleteRun(id: string): Promise<Map<string, Buffer>> {
    const dir = packsDir(t.config.dataDir, id);
    const files = fs.readdirSync(dir).sort();
    const batchFiles = Array.from({ length: BATCHES }, (_, i) => batchFileName(i + 1));
    // No temporary file left beside them, no file under a final name other than these.
    expect(files).toEqual([...batchFiles, 'SHA256SUMS', 'manifest.csv'].sort());
    const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
    expect(sums.map(([, f]) => f)).toEqual(batchFiles);
    const rows = await batchRows(id);
    for (const [hash, file] of sums) {
      expect(sha256(path.join(dir, file))).toBe(hash);
      expect(rows.find((r) => batchFileName(r.batch) === file)?.sha256).toBe(hash);
    }
    // Every printed pack once in the manifest, in its stored batch and position.
    const manifest = fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const packs = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: id, kind: 'member' } });
    expect(manifest).toHaveLength(MEMBERS);
    expect(new Set(manifest.map(([, , serial]) => serial)).size).toBe(MEMBERS);
    for (const [batch, sequence, serial] of manifest) expect(packs.find((p) => p.serial === serial)).toMatchObject({ batch, sequence });
    expect((await t.get(ElectionsService).get(id)).status).toBe('packs_ready');
    expect((await t.dataSource.getRepository(PackSetupEntity).findOneByOrFail({ electionId: id })).completedAt).not.toBeNull();
    return new Map(batchFiles.map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  }

  /** Renders every batch again in this process, alone: the bytes must not change (same codes, same layout). */
  async function expectRerenderIdentical(id: string, printed: Map<string, Buffer>): Promise<void> {
    const dir = packsDir(t.config.dataDir, id);
    for (const f of printed.keys()) fs.rmSync(path.join(dir, f));
    await t.get(PackGenerationService).generate({ electionId: id, template: 'default', language: 'en' }, { jobId: 'rerender', attempt: 1, reportProgress: async () => undefined });
    for (const [f, bytes] of printed) expect(fs.readFileSync(path.join(dir, f)).equals(bytes)).toBe(true);
  }

  it('survives a worker killed with SIGKILL in the middle of rendering: every batch once, whole, and the same bytes as a re-render', async () => {
    const id = await frozenElection();
    const victim = startWorker();
    await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({}).expect(202);
    // Kill once a few batches are in and the rest are not: the worker is rendering one.
    await eventually(
      () => batchRows(id),
      (rows) => rows.filter((r) => r.sha256).length >= 3,
      60_000,
    );
    signalGroup(victim, 'SIGKILL');
    expect(await exited(victim)).toBe('SIGKILL');
    const before = await batchRows(id);
    expect(before.filter((r) => r.sha256).length).toBeLessThan(BATCHES);

    // The batch it was rendering is taken over once its lock expires (30 s by default).
    startWorker();
    await packsReady(id, 120_000);
    const printed = await expectCompleteRun(id);
    const status = await t.http().get(`/elections/${id}/packs`).set('Authorization', ca).expect(200);
    expect(status.body).toMatchObject({ status: 'generated', progress: { done: MEMBERS, total: MEMBERS, batches: BATCHES, batchesDone: BATCHES, etaSeconds: 0 } });
    // The killed run started a batch it never recorded: that batch took a second run.
    expect((await batchRows(id)).some((r) => r.attempts >= 2)).toBe(true);
    await stopAll();
    await expectRerenderIdentical(id, printed);
  }, 240_000);

  it('two workers share the batches, and produce what one process alone produces', async () => {
    const id = await frozenElection();
    startWorker();
    startWorker();
    // Both workers are up before the run is requested, so neither gets every batch by arriving first.
    await new Promise((r) => setTimeout(r, 4000));
    await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({}).expect(202);
    await packsReady(id, 120_000);
    const rows = await batchRows(id);
    const byWorker = new Map<string, number>();
    for (const r of rows) byWorker.set(r.renderedBy!, (byWorker.get(r.renderedBy!) ?? 0) + 1);
    expect(byWorker.size).toBe(2);
    const printed = await expectCompleteRun(id);
    await stopAll();
    await expectRerenderIdentical(id, printed);
  }, 240_000);
});
