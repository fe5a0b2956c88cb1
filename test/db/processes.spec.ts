import { ChildProcess } from 'node:child_process';
import { buildOnce, collect, dbEnv, exited, npmScript, signalGroup, waitForHttp } from 'test/support/processes';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';


// The deployed processes, started as the Docker image starts them (npm scripts over dist/).
describe('Deployed processes', () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    buildOnce();
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    for (const c of children) signalGroup(c, 'SIGKILL');
    await db.drop();
  });

  it('`npm run migrate` brings an empty database up to date, and says so the second time', async () => {
    const first = npmScript('migrate', dbEnv(db.config));
    const out1 = collect(first);
    expect(await exited(first)).toBe(0);
    expect(out1()).toMatch(/Applied: .*Foundation/);
    const second = npmScript('migrate', dbEnv(db.config));
    const out2 = collect(second);
    expect(await exited(second)).toBe(0);
    expect(out2()).toMatch(/up to date/);
  }, 60_000);

  it('`npm run serve` answers /health with the configured database, and stops cleanly on SIGTERM', async () => {
    const port = 20000 + (process.pid % 20000);
    const child = npmScript('serve', { ...dbEnv(db.config), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    children.push(child);
    const output = collect(child);
    const res = await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000);
    const body = (await res.json()) as { database: { kind: string; ok: boolean } };
    expect(body.database).toEqual({ kind: db.config.kind, ok: true });
    signalGroup(child, 'SIGTERM');
    // Nest's shutdown hooks close the HTTP server and the database, then re-raise the signal.
    expect([0, 'SIGTERM']).toContain(await exited(child));
    expect(output()).not.toMatch(/password|postgres:\/\//i);
  }, 60_000);

  it('`npm run work` explains that the in-process driver needs no worker, and exits 0', async () => {
    const child = npmScript('work', { ...dbEnv(db.config), REDIS_URL: '' });
    const output = collect(child);
    expect(await exited(child)).toBe(0);
    expect(output()).toMatch(/REDIS_URL/);
  }, 60_000);

  it('`npm run work` with REDIS_URL runs BullMQ workers until SIGTERM', async () => {
    const child = npmScript('work', { ...dbEnv(db.config), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `hbproc${process.pid}`, LOG_LEVEL: 'info' });
    children.push(child);
    const output = collect(child);
    const deadline = Date.now() + 30_000;
    while (!/worker|started|ready|listening/i.test(output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(child.exitCode).toBeNull();
    signalGroup(child, 'SIGTERM');
    expect([0, 'SIGTERM']).toContain(await exited(child));
  }, 60_000);

  it('refuses to start with an invalid setting, naming the variable', async () => {
    const child = npmScript('serve', { ...dbEnv(db.config), PORT: 'eighty' });
    const output = collect(child);
    expect(await exited(child)).toBe(78);
    expect(output()).toMatch(/Invalid configuration: PORT/);
  }, 30_000);
});
