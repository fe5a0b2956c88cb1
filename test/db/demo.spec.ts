import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { DemoOptions } from 'src/demo/demo-options';
import { runDemo } from 'src/demo/run-demo';
import { PrecedencePolicy } from 'src/elections/election.types';
import { sironaVerify } from 'test/support/sirona';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';

/** A run takes 10–20 s on a quiet machine (a minute with the tally and Sirona); the margin is for a loaded runner. */
const RUN_TIMEOUT_MS = 180_000;

class Sink {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('hybrid-ballot demo', () => {
  const dirs: string[] = [];
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    for (const db of dbs) await db.drop();
  }, 60_000);

  async function demo(policy: PrecedencePolicy, members: number, seed: string) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-demo-'));
    dirs.push(out);
    // On PostgreSQL the demo runs in a fresh database of its own; on SQLite in a file under --out.
    const db = process.env.DB === 'postgres' ? await createTestDatabase() : null;
    if (db) dbs.push(db);
    const opts: DemoOptions = {
      members,
      policy,
      out,
      force: false,
      seed,
      quiet: false,
      json: false,
      env: { CAST_VERIFY_WORKERS: '0', PACK_BATCH_SIZE: '40', ...(db?.config.kind === 'postgres' ? { DATABASE_URL: db.config.url } : {}) },
    };
    const sink = new Sink();
    const run = await runDemo(opts, sink as unknown as NodeJS.WriteStream).catch((e: unknown) => {
      throw Object.assign(e as Error, { message: `${(e as Error).message}\n${sink.text}` });
    });
    if (process.env.DEMO_TEST_OUTPUT) console.log(sink.text);
    return { out, sink, ...run };
  }

  it.each<[PrecedencePolicy, number, string]>([
    ['online-overrides-postal', 120, 'demo-test-1'],
    ['postal-overrides-online', 70, 'demo-test-2'],
    ['first-wins', 50, 'demo-test-3'],
    ['last-wins', 50, 'demo-test-4'],
  ])('runs a whole election under %s and gets back exactly what the members cast', async (policy, members, seed) => {
    const { out, sink, summary, expected } = await demo(policy, members, seed);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as typeof summary;
    expect(written).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(summary).toMatchObject({ members, policy, seed });

    // Counts by channel and verdict: every refusal the scenario provokes, and nothing else.
    const byReason = summary.channels.postal.byReason;
    expect(byReason).toEqual(expected.result.returns_rejected);
    expect(byReason.voided_pack).toBeGreaterThanOrEqual(1);
    expect(byReason.duplicate_return).toBeGreaterThanOrEqual(1);
    expect(byReason.late).toBeGreaterThanOrEqual(1);
    expect(summary.channels.online.refused).toEqual(expected.precedence.refused.online);
    expect(summary.channels.online.refused.channel_not_allowed).toBe(1);

    // What the rule did, as the precedence report counts it.
    const p = summary.precedence as Record<string, number>;
    expect({ pulled: p.postalOverriddenByOnline, superseded: p.onlineSupersededByPostal, revotes: p.onlineReplacedByRevote }).toEqual({
      pulled: expected.precedence.postalOverriddenByOnline,
      superseded: expected.precedence.onlineSupersededByPostal,
      revotes: expected.precedence.onlineReplacedByRevote,
    });
    const winsOnline = policy === 'online-overrides-postal' || policy === 'last-wins';
    expect(p.postalOverriddenByOnline > 0).toBe(winsOnline);
    expect(p.onlineSupersededByPostal > 0).toBe(policy === 'postal-overrides-online' || policy === 'last-wins');

    // The count reconciles and gives the postal votes the papers carried.
    expect(summary.count.envelopesOpened).toBe(expected.result.postal.papers);
    expect(summary.count.papers).toEqual({ valid: expected.result.postal.valid, blank: expected.result.postal.blank, invalid: expected.result.postal.invalid });
    expect(summary.count.batches).toBeGreaterThanOrEqual(1);

    // The print batches and manifest as handed to the printer.
    const packs = fs.readdirSync(path.join(out, 'packs'));
    expect(packs).toEqual(expect.arrayContaining(['manifest.csv', 'SHA256SUMS', 'batch-0001.pdf']));
    expect(sink.text).toContain('Time per phase');

    // The server's merged result is what the members cast, and the record verifies: ours, then
    // Sirona on the .bel.
    expect(summary.reached).toBe('published');
    expect(summary.resultSource).toBe('server');
    expect(summary.result).toMatchObject(expected.result);
    expect(summary.verification?.ok).toBe(true);
    const bel = fs.readdirSync(path.join(out, 'record', 'online')).find((f) => f.endsWith('.bel'))!;
    const sirona = sironaVerify(fs.readFileSync(path.join(out, 'record', 'online', bel)), summary.election.beleniosUuid);
    expect(sirona).toMatchObject({ code: 0 });
  }, RUN_TIMEOUT_MS);

  describe('refuses bad options and changes nothing', () => {
    const cli = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'demo', ...args]);

    it('an --out directory that is not empty', async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-demo-'));
      dirs.push(out);
      fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
      await expect(cli('--out', out, '--quiet')).rejects.toMatchObject({ code: 'demo_out_not_empty' });
      expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    });

    it('an unknown --policy, naming the four rules', async () => {
      const out = path.join(os.tmpdir(), `hb-demo-never-${process.pid}`);
      await expect(cli('--policy', 'most-votes-wins', '--out', out)).rejects.toMatchObject({ code: 'demo_invalid_option', message: expect.stringContaining('first-wins, last-wins, online-overrides-postal, postal-overrides-online') });
      expect(fs.existsSync(out)).toBe(false);
    });

    it('a roll too small to hold every case', async () => {
      await expect(cli('--members', '12', '--out', path.join(os.tmpdir(), `hb-demo-never-${process.pid}`))).rejects.toMatchObject({ code: 'demo_invalid_option' });
    });
  });
});
