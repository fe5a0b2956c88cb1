import { buildProgram } from 'src/cli';
import { packsGenerate } from 'src/cli/packs.command';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { JobRunner } from 'src/platform/queue/job-queue';
import { electionInput } from 'test/support/factories';
import { commitRoll, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('hybrid-ballot packs generate', () => {
  let t: TestApp;
  let lines: string[];
  const saved = { ...process.env };

  beforeAll(async () => {
    t = await createTestApp();
    // Only the command's own process runs jobs here, as on a machine with no web process.
    await t.get(JobRunner).stop();
    const db = t.config.database;
    Object.assign(process.env, {
      DATABASE_URL: db.kind === 'postgres' ? db.url : '',
      SQLITE_PATH: db.kind === 'sqlite' ? db.path : '',
      REDIS_URL: '',
      DATA_DIR: t.config.dataDir,
      PACK_BATCH_SIZE: '4',
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });
  beforeEach(() => {
    lines = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk).trimEnd()), true));
  });
  afterEach(() => jest.restoreAllMocks());

  async function frozenElection(): Promise<string> {
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await commitRoll(t, e.id, members(1, 10));
    await t.get(ElectionsService).transition(e.id, 'roll_frozen', SYSTEM);
    return e.id;
  }

  it('--wait renders the run in this process, prints plain progress lines off a terminal, and ends at packs_ready', async () => {
    process.env.CREDENTIAL_SEED = Buffer.from(t.config.packs.credentialSeed!).toString('hex');
    const id = await frozenElection();
    await packsGenerate({ election: id, template: 'default', language: 'en', wait: true, interval: 0.1 });
    expect(lines.some((l) => /^packs: \d+\/10 packs, batch \d\/3, [\d.]+ packs\/s, ETA/.test(l))).toBe(true);
    expect(lines.some((l) => /^packs: 10\/10 packs, batch 3\/3, [\d.]+ packs\/s, ETA 0s$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('Packs ready: 3 batch file(s) with manifest.csv and SHA256SUMS.');
    expect(lines.join('\n')).not.toContain('\r');
    expect((await t.get(ElectionsService).get(id)).status).toBe('packs_ready');
  }, 60_000);

  it('--wait fails (non-zero exit) when the run fails, with the reason', async () => {
    delete process.env.CREDENTIAL_SEED;
    const id = await frozenElection();
    await expect(buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'packs', 'generate', '--election', id, '--wait'])).rejects.toThrow(/print run failed: CREDENTIAL_SEED is not set/);
  }, 60_000);

  it('refuses an election whose roll is not frozen', async () => {
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await expect(packsGenerate({ election: e.id, template: 'default', language: 'en' })).rejects.toMatchObject({ code: 'roll_not_frozen' });
  });
});
