import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { scanFolder } from 'src/cli/scan.command';
import { CvrEntity } from 'src/count/count.entities';
import { signIn } from 'test/support/auth';
import { countingElection } from 'test/support/papers';
import { DEFAULT_QUESTIONS } from 'test/support/scan-corpus';
import { ScanMaker } from 'test/support/scan-uploads';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('hybrid-ballot scan', () => {
  let t: TestApp;
  let server: string;
  let electionId: string;
  let batchId: string;
  let dir: string;
  let papers: string[];
  let maker: ScanMaker;
  let lines: string[];
  const env = process.env.HB_TOKEN;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    server = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const c = await countingElection(t, { questions: DEFAULT_QUESTIONS });
    electionId = c.election.id;
    papers = c.paperIds.slice(0, 4);
    maker = await ScanMaker.forPapers(DEFAULT_QUESTIONS, papers);
    const staff = await signIn(t, 'count_staff');
    process.env.HB_TOKEN = staff.replace(/^Bearer /, '');
    batchId = (await t.http().post(`/elections/${electionId}/count/batches`).set('Authorization', staff).send({ label: 'CLI' }).expect(201)).body.id;
  }, 120_000);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-scan-cli-'));
    lines = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    if (env === undefined) delete process.env.HB_TOKEN;
    else process.env.HB_TOKEN = env;
    await t.close();
  });

  const run = (...args: string[]) =>
    buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'scan', dir, '--server', server, '--election', electionId, '--batch', batchId, ...args]);

  it('uploads every scan of the folder in name order, prints each page and a summary; a re-run stores nothing new', async () => {
    fs.writeFileSync(path.join(dir, '002.jpg'), (await maker.paper(papers[1], [{ question: 0, answer: 2 }], { format: 'jpeg' })).bytes);
    fs.writeFileSync(path.join(dir, '001.png'), (await maker.paper(papers[0], [{ question: 0, answer: 0 }])).bytes);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a scan');
    await run();
    expect(lines).toEqual(['001.png page 1: recorded', '002.jpg page 1: recorded', '2 file(s), 2 page(s): 2 recorded']);
    expect(await t.dataSource.getRepository(CvrEntity).countBy({ electionId, batchId })).toBe(2);

    lines = [];
    await run('--json');
    expect(lines.slice(0, 2).map((l) => JSON.parse(l) as { file: string; duplicate: boolean })).toEqual([
      expect.objectContaining({ file: '001.png', status: 'recorded', duplicate: true }),
      expect.objectContaining({ file: '002.jpg', status: 'recorded', duplicate: true }),
    ]);
    expect(await t.dataSource.getRepository(CvrEntity).countBy({ electionId, batchId })).toBe(2);
  });

  it('exits non-zero when a file is refused, after trying the others', async () => {
    fs.writeFileSync(path.join(dir, 'a.png'), 'not a png');
    fs.writeFileSync(path.join(dir, 'b.png'), (await maker.paper(papers[2], [{ question: 0, answer: 1 }])).bytes);
    await expect(run()).rejects.toMatchObject({ code: 'uploads_refused' });
    expect(lines[0]).toMatch(/^a\.png: refused 400 not_an_image/);
    expect(lines[1]).toBe('b.png page 1: recorded');
  });

  it('with --watch, sends files that appear later, once fully written', async () => {
    const stop = new AbortController();
    const seen: string[] = [];
    const watching = scanFolder(dir, { server, election: electionId, batch: batchId, watch: true, interval: 0.1 }, stop.signal, (l) => seen.push(l));
    await new Promise((r) => setTimeout(r, 300));
    fs.writeFileSync(path.join(dir, 'late.png'), (await maker.paper(papers[3], [{ question: 0, answer: 3 }])).bytes);
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    const summary = await watching;
    expect(seen[0]).toBe('late.png page 1: recorded');
    expect(summary).toMatchObject({ files: 1, refused: 0, pages: 1 });
  });
});
