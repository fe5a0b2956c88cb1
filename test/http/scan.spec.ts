import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { CvrEntity } from 'src/count/count.entities';
import { EventEntity } from 'src/events/event.entity';
import { PaperEntity } from 'src/packs/pack.entity';
import { DEFAULT_THRESHOLDS } from 'src/scan/read';
import { ScanPageEntity } from 'src/scan/scan.entities';
import { signIn } from 'test/support/auth';
import { countingElection, printedPaperIds } from 'test/support/papers';
import { members } from 'test/support/roll';
import { DEFAULT_QUESTIONS, type ScanFile } from 'test/support/scan-corpus';
import { ScanMaker } from 'test/support/scan-uploads';
import { createTestApp, TestApp } from 'test/support/test-app';
import { openElection } from 'test/support/open-election';

// One question, four candidates, blank allowed: the corpus's ballot paper, printed for this election.
const QUESTIONS = DEFAULT_QUESTIONS;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Scanned ballot papers', () => {
  let t: TestApp;
  let electionId: string;
  let papers: string[];
  let maker: ScanMaker;
  let staff: string;
  let supervisor: string;
  let observer: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await countingElection(t, { questions: QUESTIONS });
    electionId = c.election.id;
    papers = c.paperIds.slice(0, 14);
    maker = await ScanMaker.forPapers(QUESTIONS, papers);
    [staff, supervisor, observer, admin] = await Promise.all([signIn(t, 'count_staff'), signIn(t, 'count_supervisor'), signIn(t, 'observer'), signIn(t, 'administrator')]);
  }, 120_000);
  afterAll(() => t.close());

  const nextPaper = () => {
    const p = papers.shift();
    if (!p) throw new Error('the test election ran out of rendered papers');
    return p;
  };
  const url = (p = '') => `/elections/${electionId}/count${p}`;
  const newBatch = async (body: Record<string, unknown> = {}): Promise<string> =>
    (await t.http().post(url('/batches')).set('Authorization', staff).send({ label: 'S', ...body }).expect(201)).body.id;
  const upload = (batchId: string, file: ScanFile, who = staff) =>
    t.http().post(url(`/batches/${batchId}/scans`)).set('Authorization', who).set('Content-Type', file.mime).send(file.bytes);
  const decide = (pageId: string, body: Record<string, unknown>, who = supervisor) => t.http().post(url(`/scans/${pageId}/decision`)).set('Authorization', who).send(body);
  const cvrsOf = (batchId: string) => t.dataSource.getRepository(CvrEntity).findBy({ electionId, batchId });

  it('records clean papers at once: the anonymous record names the image hash, the paper is used, the image is stored', async () => {
    const batch = await newBatch({ envelopesOpened: 3 });
    const files = [
      await maker.paper(nextPaper(), [{ question: 0, answer: 1, style: 'tick' }]),
      await maker.paper(nextPaper(), [{ question: 0, answer: 3, style: 'filled' }], { format: 'jpeg', quality: 80 }),
      await maker.paper(nextPaper(), [{ question: 0, answer: null, style: 'cross' }], { format: 'pdf' }),
    ];
    for (const f of files) {
      const res = await upload(batch, f).expect(201);
      expect(res.body.pages).toEqual([
        { pageId: expect.any(String), imagePage: 1, status: 'recorded', reasons: [], duplicate: false, recordId: expect.any(String), kind: expect.any(String) },
      ]);
    }
    const cvrs = await cvrsOf(batch);
    expect(cvrs.map((c) => c.imageSha256).sort()).toEqual(files.map((f) => sha256(f.bytes)).sort());
    const bySha = new Map(cvrs.map((c) => [c.imageSha256, c]));
    expect(bySha.get(sha256(files[0].bytes))).toMatchObject({ kind: 'valid', choices: [[0, 1, 0, 0]], imagePage: 1 });
    expect(bySha.get(sha256(files[1].bytes))).toMatchObject({ kind: 'valid', choices: [[0, 0, 0, 1]] });
    // The blank box crossed: a valid paper whose question is left blank (as keyed entry records it).
    expect(bySha.get(sha256(files[2].bytes))).toMatchObject({ kind: 'valid', choices: [[0, 0, 0, 0]] });
    expect(fs.existsSync(path.join(t.config.scan.dir, electionId, `${sha256(files[2].bytes)}.pdf`))).toBe(true);

    const figures = (await t.http().get(url(`/batches/${batch}`)).set('Authorization', observer).expect(200)).body;
    expect(figures).toMatchObject({ recorded: 3, valid: 3, blank: 0, reconciled: true, scan: { pagesRead: 3, recorded: 3, inAdjudication: 0, waitingForPages: 0 } });
    await t.http().post(url(`/batches/${batch}/close`)).set('Authorization', staff).send({}).expect(200);
    // Nothing about the page in the log: only that a paper was recorded in this batch.
    const events = await t.dataSource.getRepository(EventEntity).find({ where: { chain: `${electionId}:count` } });
    const recorded = events.filter((e) => e.type === 'count.paper_recorded' && e.data.batchId === batch);
    expect(recorded.map((e) => e.data)).toEqual(Array(3).fill({ batchId: batch, entry: 'scanned' }));
  });

  it('answers a re-upload of the same bytes with the first reading and stores nothing new', async () => {
    const batch = await newBatch();
    const file = await maker.paper(nextPaper(), [{ question: 0, answer: 0 }]);
    const first = await upload(batch, file).expect(201);
    const again = await upload(batch, file).expect(201);
    expect(again.body.pages).toEqual([{ pageId: first.body.pages[0].pageId, imagePage: 1, status: 'recorded', reasons: [], duplicate: true }]);
    expect(await cvrsOf(batch)).toHaveLength(1);
    expect(await t.dataSource.getRepository(ScanPageEntity).countBy({ batchId: batch })).toBe(1);
  });

  it('sends a photocopy (same paper, another image) to adjudication as paper_already_used; a supervisor discards it', async () => {
    const batch = await newBatch();
    const paperId = nextPaper();
    await upload(batch, await maker.paper(paperId, [{ question: 0, answer: 2 }])).expect(201);
    const copy = await upload(batch, await maker.paper(paperId, [{ question: 0, answer: 0 }], { rotationDeg: -1.2, seed: 9 })).expect(201);
    expect(copy.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: ['paper_already_used'] });
    expect(await cvrsOf(batch)).toHaveLength(1);
    const pageId = copy.body.pages[0].pageId as string;
    // Recording it would count the paper twice: refused as in keyed entry.
    const refused = await decide(pageId, { choices: [[1, 0, 0, 0]], note: 'looks genuine' });
    expect(refused.body.error).toMatchObject({ code: 'paper_already_used' });
    expect(refused.status).toBe(409);
    await t.http().post(url(`/batches/${batch}/close`)).set('Authorization', staff).send({}).expect(409, /batch_has_pages_in_adjudication/);
    const done = await decide(pageId, { discard: true, note: 'photocopy of a paper already counted' }).expect(200);
    expect(done.body).toMatchObject({ pageId, status: 'discarded' });
    expect((await decide(pageId, { discard: true, note: 'again' }).expect(409)).body.error.code).toBe('scan_page_settled');
    const page = (await t.http().get(url(`/scans/${pageId}`)).set('Authorization', observer).expect(200)).body;
    expect(page).toMatchObject({ status: 'discarded', reasons: ['paper_already_used'], decisionNote: 'photocopy of a paper already counted', decision: { outcome: 'discarded' } });
    expect(page.boxes.find((b: { answer: number }) => b.answer === 0)).toMatchObject({ label: 'Alice Martin', verdict: 'marked' });
    await t.http().patch(url(`/batches/${batch}`)).set('Authorization', staff).send({ envelopesOpened: 1 }).expect(200);
    await t.http().post(url(`/batches/${batch}/close`)).set('Authorization', staff).send({}).expect(200);
  });

  it('sends an over-vote, an upside-down page and a torn-off barcode to adjudication; a supervisor decides each with a reason', async () => {
    const batch = await newBatch();
    const over = await upload(batch, await maker.paper(nextPaper(), [{ question: 0, answer: 0 }, { question: 0, answer: 2 }])).expect(201);
    expect(over.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: ['over_vote'] });
    const upside = await upload(batch, await maker.paper(nextPaper(), [{ question: 0, answer: 1 }], { orientation: 180 })).expect(201);
    expect(upside.body.pages[0].status).toBe('adjudication');
    expect(upside.body.pages[0].reasons).toContain('upside_down');
    const tornId = nextPaper();
    const torn = await upload(batch, await maker.scan(maker.withoutBarcode(maker.marked(tornId, [{ question: 0, answer: 3 }])))).expect(201);
    expect(torn.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: ['barcode_unreadable'] });
    expect(await cvrsOf(batch)).toEqual([]);

    const queue = (await t.http().get(url(`/adjudication?batchId=${batch}`)).set('Authorization', staff).expect(200)).body;
    expect(queue).toHaveLength(3);
    const overPage = queue.find((p: { pageId: string }) => p.pageId === over.body.pages[0].pageId);
    expect(overPage).toMatchObject({ proposed: { kind: 'invalid', reason: 'over_vote' }, thresholds: { emptyBelow: expect.any(Number) }, links: { image: expect.stringMatching(/\/image$/) } });
    expect(overPage.boxes.filter((b: { verdict: string }) => b.verdict === 'marked').map((b: { answer: number }) => b.answer)).toEqual([0, 2]);

    // Only a supervisor decides, and always says why.
    await decide(over.body.pages[0].pageId, { invalid: true, reason: 'over_vote', note: 'two names crossed' }, staff).expect(403);
    expect((await decide(over.body.pages[0].pageId, { invalid: true, reason: 'over_vote', note: '' }).expect(400)).body.error.fields).toHaveProperty('note');
    expect((await decide(over.body.pages[0].pageId, { invalid: true, reason: 'over_vote', blank: true, note: 'two' }).expect(400)).body.error.code).toBe('validation_failed');
    const d1 = await decide(over.body.pages[0].pageId, { invalid: true, reason: 'over_vote', note: 'two names crossed' }).expect(200);
    expect(d1.body).toMatchObject({ status: 'decided', kind: 'invalid', recordId: expect.any(String) });
    await decide(upside.body.pages[0].pageId, { choices: [[0, 1, 0, 0]], note: 'fed upside down; one clear cross' }).expect(200);
    // No barcode read: the supervisor keys the paper ID printed under it.
    expect((await decide(torn.body.pages[0].pageId, { choices: [[0, 0, 0, 1]], note: 'barcode torn' }).expect(400)).body.error.code).toBe('paper_id_required');
    await decide(torn.body.pages[0].pageId, { choices: [[0, 0, 0, 1]], note: 'barcode torn; ID keyed from the print', paperId: tornId }).expect(200);
    expect((await t.dataSource.getRepository(PaperEntity).countBy({ electionId, used: true })) > 0).toBe(true);

    const cvrs = await cvrsOf(batch);
    expect(cvrs.map((c) => [c.kind, c.choices, c.invalidReason]).sort()).toEqual(
      [
        ['invalid', null, 'over_vote'],
        ['valid', [[0, 1, 0, 0]], null],
        ['valid', [[0, 0, 0, 1]], null],
      ].sort(),
    );
    const torn2 = (await t.http().get(url(`/scans/${torn.body.pages[0].pageId}`)).set('Authorization', admin).expect(200)).body;
    expect(torn2).toMatchObject({ status: 'decided', reasons: ['barcode_unreadable'], decision: { outcome: 'recorded', paperKeyed: true, kind: 'valid' } });
    expect(JSON.stringify(await t.dataSource.getRepository(ScanPageEntity).findBy({ electionId }))).not.toContain(tornId);
    const figures = (await t.http().get(url(`/batches/${batch}`)).set('Authorization', observer).expect(200)).body;
    expect(figures).toMatchObject({ recorded: 3, scan: { pagesRead: 3, inAdjudication: 0, decided: 3 } });
  });

  it('marks become marginal under stricter thresholds, for pages read afterwards only', async () => {
    const batch = await newBatch();
    const before = await upload(batch, await maker.paper(nextPaper(), [{ question: 0, answer: 1, style: 'tick' }])).expect(201);
    expect(before.body.pages[0].status).toBe('recorded');
    await t.http().put(url('/scan-settings')).set('Authorization', admin).send({ emptyBelow: 0.03, markedFrom: 0.99 }).expect(200);
    try {
      const after = await upload(batch, await maker.paper(nextPaper(), [{ question: 0, answer: 1, style: 'tick' }])).expect(201);
      expect(after.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: expect.arrayContaining(['marginal_mark']) });
      const page = (await t.http().get(url(`/scans/${after.body.pages[0].pageId}`)).set('Authorization', observer).expect(200)).body;
      expect(page.thresholds).toEqual({ emptyBelow: 0.03, markedFrom: 0.99 });
      expect(page.boxes.find((b: { answer: number }) => b.answer === 1).verdict).toBe('marginal');

      // The page as the adjudicator sees it: a PNG the size of the decoded page.
      const img = await t.http().get(url(`/scans/${page.pageId}/image`)).set('Authorization', observer).buffer(true).expect(200);
      expect(img.headers['content-type']).toBe('image/png');
      const meta = await sharp(img.body as Buffer).metadata();
      const stored = await t.dataSource.getRepository(ScanPageEntity).findOneByOrFail({ id: page.pageId });
      const corners = stored.reading.boxes.flatMap((b) => b.corners);
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThan(Math.max(...corners.map((c) => c.x)));
      expect(meta.height).toBeGreaterThan(Math.max(...corners.map((c) => c.y)));
    } finally {
      await t.http().put(url('/scan-settings')).set('Authorization', admin).send(DEFAULT_THRESHOLDS).expect(200);
    }
  });

  it('sends a paper printed for another election to adjudication as paper_not_printed', async () => {
    const other = await openElection(t, { questions: QUESTIONS }, members(100, 101));
    const foreign = (await printedPaperIds(t, other.id))[0];
    const foreignMaker = await ScanMaker.forPapers(QUESTIONS, [foreign]);
    const batch = await newBatch();
    const res = await upload(batch, await foreignMaker.paper(foreign, [{ question: 0, answer: 0 }])).expect(201);
    expect(res.body.pages[0]).toMatchObject({ status: 'adjudication', reasons: ['paper_not_printed'] });
    await decide(res.body.pages[0].pageId, { invalid: true, reason: 'not_genuine', note: 'paper of another ballot' }).expect(200);
    expect(await cvrsOf(batch)).toEqual([expect.objectContaining({ kind: 'invalid', invalidReason: 'not_genuine' })]);
  });

  it('of two scans of one paper uploaded at once, exactly one becomes a record', async () => {
    const batch = await newBatch();
    const paperId = nextPaper();
    const a = await maker.paper(paperId, [{ question: 0, answer: 0 }], { seed: 21 });
    const b = await maker.paper(paperId, [{ question: 0, answer: 0 }], { seed: 22, rotationDeg: -0.4 });
    const [ra, rb] = await Promise.all([upload(batch, a).expect(201), upload(batch, b).expect(201)]);
    const statuses = [ra.body.pages[0], rb.body.pages[0]].map((p: { status: string; reasons: string[] }) => `${p.status}:${p.reasons.join()}`).sort();
    expect(statuses).toEqual(['adjudication:paper_already_used', 'recorded:']);
    expect(await cvrsOf(batch)).toHaveLength(1);
  });

  it('refuses corrupt bytes and a pixel flood with the decoder’s code, storing nothing', async () => {
    const batch = await newBatch();
    const count = () => t.dataSource.getRepository(ScanPageEntity).countBy({ batchId: batch });
    const files = () => (fs.existsSync(path.join(t.config.scan.dir, electionId)) ? fs.readdirSync(path.join(t.config.scan.dir, electionId)).length : 0);
    const before = files();
    const corrupt = await upload(batch, { mime: 'image/png', bytes: Buffer.from('\x89PNG\r\n\x1a\nthis is not a png at all') });
    expect([400, 413]).toContain(corrupt.status);
    expect(corrupt.body.error.code).toBe('not_an_image');
    const flood = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#ffffff' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    const res = await upload(batch, { mime: 'image/png', bytes: flood });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_many_pixels');
    expect(await count()).toBe(0);
    expect(files()).toBe(before);
  });
});
