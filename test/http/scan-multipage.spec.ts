// A ballot paper of two pages (questions flow onto a second sheet): each page carries the paper
// ID and its page number; the paper becomes one record only when every page has been read clean.
import { CvrEntity } from 'src/count/count.entities';
import { type Question } from 'src/elections/election.types';
import { type GreyImage } from 'src/scan/read';
import { signIn } from 'test/support/auth';
import { countingElection } from 'test/support/papers';
import { degrade, drawMark, multiPagePdf, renderBallotPapers, Rng, type ScanFile } from 'test/support/scan-corpus';
import { cloneImage } from 'test/support/scan-corpus/raster';
import { createTestApp, TestApp } from 'test/support/test-app';

const DPI = 200;
const eight = (name: string) => Array.from({ length: 8 }, (_, i) => `${name} ${String.fromCharCode(65 + i)}`);
const QUESTIONS: Question[] = [
  { question: 'Leader', answers: eight('Leader candidate'), min: 1, max: 1, blank: true },
  { question: 'Deputy', answers: eight('Deputy candidate'), min: 1, max: 1, blank: true },
  { question: 'Treasurer', answers: eight('Treasurer candidate'), min: 1, max: 1, blank: true },
];

describe('Scanned two-page ballot papers', () => {
  let t: TestApp;
  let electionId: string;
  let paperIds: string[];
  let staff: string;
  let pagesOf: (paperId: string) => Promise<GreyImage[]>;
  let geometry: Awaited<ReturnType<typeof renderBallotPapers>>['geometry'];
  beforeAll(async () => {
    t = await createTestApp();
    const c = await countingElection(t, { questions: QUESTIONS });
    electionId = c.election.id;
    paperIds = c.paperIds.slice(0, 2);
    const rendered = await renderBallotPapers({ questions: QUESTIONS, paperIds, dpi: DPI });
    geometry = rendered.geometry;
    pagesOf = (paperId) => Promise.resolve(rendered.papers.find((p) => p.paperId === paperId)!.pages.map(cloneImage));
    staff = await signIn(t, 'count_staff');
  }, 120_000);
  afterAll(() => t.close());

  /** Crosses answer `answers[q]` of each question, on whichever page its box is. */
  async function markedPages(paperId: string, answers: number[]): Promise<GreyImage[]> {
    const pages = await pagesOf(paperId);
    const rng = new Rng(11);
    answers.forEach((a, q) => {
      const at = geometry.pages.findIndex((p) => p.boxes.some((b) => b.question === q && b.answer === a));
      drawMark(pages[at], geometry, DPI, geometry.pages[at].boxes.find((b) => b.question === q && b.answer === a)!, 'cross', rng);
    });
    return pages;
  }
  const url = (p: string) => `/elections/${electionId}/count${p}`;
  const upload = (batchId: string, f: ScanFile) => t.http().post(url(`/batches/${batchId}/scans`)).set('Authorization', staff).set('Content-Type', f.mime).send(f.bytes).expect(201);

  it('is laid out on two ballot pages', () => {
    expect(geometry.pages.map((p) => p.ballotPage)).toEqual([1, 2]);
    expect(new Set(geometry.pages[1].boxes.map((b) => b.question)).has(2)).toBe(true);
  });

  it('waits for the second page, then records the paper once with the choices of both pages', async () => {
    const batch = (await t.http().post(url('/batches')).set('Authorization', staff).send({ label: 'M1', envelopesOpened: 1 }).expect(201)).body.id as string;
    const [first, second] = await markedPages(paperIds[0], [2, 5, 7]);
    const page2 = await upload(batch, await degrade(second, DPI, { rotationDeg: -1.2, format: 'png', seed: 2 }));
    expect(page2.body.pages).toEqual([expect.objectContaining({ status: 'waiting_for_pages', reasons: [] })]);
    expect(await t.dataSource.getRepository(CvrEntity).countBy({ electionId, batchId: batch })).toBe(0);

    const page1 = await upload(batch, await degrade(first, DPI, { rotationDeg: 0.8, format: 'jpeg', seed: 1 }));
    expect(page1.body.pages).toEqual([expect.objectContaining({ status: 'recorded', kind: 'valid' })]);
    const cvrs = await t.dataSource.getRepository(CvrEntity).findBy({ electionId, batchId: batch });
    expect(cvrs).toHaveLength(1);
    expect(cvrs[0].choices).toEqual(QUESTIONS.map((q, i) => q.answers.map((_, a) => (a === [2, 5, 7][i] ? 1 : 0))));
    const figures = (await t.http().get(url(`/batches/${batch}`)).set('Authorization', staff).expect(200)).body;
    expect(figures).toMatchObject({ recorded: 1, reconciled: true, scan: { pagesRead: 2, waitingForPages: 0, inAdjudication: 0 } });
  });

  it('records a paper whose two pages arrive in one multi-page PDF', async () => {
    const batch = (await t.http().post(url('/batches')).set('Authorization', staff).send({ label: 'M2', envelopesOpened: 1 }).expect(201)).body.id as string;
    const pages = await markedPages(paperIds[1], [0, 1, 3]);
    const pdf = await multiPagePdf(pages.map((image) => ({ image, dpi: DPI })), { rotationDeg: 1, seed: 4 });
    const res = await upload(batch, { bytes: pdf, mime: 'application/pdf' });
    expect(res.body.pages.map((p: { imagePage: number; status: string }) => [p.imagePage, p.status])).toEqual([
      [1, 'recorded'],
      [2, 'recorded'],
    ]);
    const cvrs = await t.dataSource.getRepository(CvrEntity).findBy({ electionId, batchId: batch });
    expect(cvrs).toHaveLength(1);
    expect(cvrs[0]).toMatchObject({ imagePage: 1, choices: QUESTIONS.map((q, i) => q.answers.map((_, a) => (a === [0, 1, 3][i] ? 1 : 0))) });
  });
});
