import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CvrEntity } from 'src/count/count.entities';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { ScanPageEntity } from 'src/scan/scan.entities';
import { signIn as apiSignIn, TEST_PASSWORD } from 'test/support/auth';
import { launchChromium } from 'test/support/browser';
import { countingElection } from 'test/support/papers';
import { REPO_ROOT } from 'test/support/processes';
import { DEFAULT_QUESTIONS, type ScanFile } from 'test/support/scan-corpus';
import { ScanMaker } from 'test/support/scan-uploads';
import { createTestApp, TestApp } from 'test/support/test-app';

// The adjudication page in a real browser (Debian's Chromium, headless) against the real
// application on an ephemeral port, on real rendered scans uploaded through the API: a count
// supervisor decides a marginal mark and an over-vote, is refused recording a photocopy and
// discards it after confirming; count staff see the queue but cannot decide. Every screen is
// scanned with axe-core. Screenshots go to docs/images/adjudication/ with UPDATE_SCREENSHOTS=1.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/adjudication') : path.join(os.tmpdir(), `hb-adjudication-page-${process.pid}`);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe('Adjudication page (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let electionId: string;
  let batchId: string;
  const pageIds: Record<'marginal' | 'over' | 'copy', string> = { marginal: '', over: '', copy: '' };
  const problems: string[] = [];
  const axeProblems: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const c = await countingElection(t, { title: 'Party leadership 2027', questions: DEFAULT_QUESTIONS });
    electionId = c.election.id;
    const [marginalId, overId, copiedId] = c.paperIds;
    const maker = await ScanMaker.forPapers(DEFAULT_QUESTIONS, [marginalId, overId, copiedId]);
    const staff = await apiSignIn(t, 'count_staff');
    await apiSignIn(t, 'count_supervisor');
    const url = `/elections/${electionId}/count`;
    batchId = (await t.http().post(`${url}/batches`).set('Authorization', staff).send({ label: 'Tray 7' }).expect(201)).body.id as string;
    const upload = async (file: ScanFile) =>
      (await t.http().post(`${url}/batches/${batchId}/scans`).set('Authorization', staff).set('Content-Type', file.mime).send(file.bytes).expect(201)).body.pages[0] as {
        pageId: string;
        status: string;
        reasons: string[];
      };
    const marginal = await upload(await maker.paper(marginalId, [{ question: 0, answer: 1, style: 'faint_pencil' }]));
    expect(marginal).toMatchObject({ status: 'adjudication', reasons: expect.arrayContaining(['marginal_mark']) });
    const over = await upload(await maker.paper(overId, [{ question: 0, answer: 0 }, { question: 0, answer: 2 }]));
    expect(over).toMatchObject({ status: 'adjudication', reasons: ['over_vote'] });
    expect((await upload(await maker.paper(copiedId, [{ question: 0, answer: 3, style: 'filled' }]))).status).toBe('recorded');
    const copy = await upload(await maker.paper(copiedId, [{ question: 0, answer: 3, style: 'filled' }], { rotationDeg: -1.1, seed: 8 }));
    expect(copy).toMatchObject({ status: 'adjudication', reasons: ['paper_already_used'] });
    Object.assign(pageIds, { marginal: marginal.pageId, over: over.pageId, copy: copy.pageId });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  /** `bypassCSP` only to inject axe-core; the French run keeps the page's own CSP enforced. */
  async function newPage(viewport: { width: number; height: number }, opts: { locale?: string; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: opts.locale ?? 'en-GB', bypassCSP: opts.bypassCSP ?? true });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 401: the page asking whether it is signed in; 409: the refusal a step provokes.
      if (m.type() === 'error' && !/status of (401|409)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }

  async function axe(page: Page, step: string): Promise<void> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const { passes, violations } = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
      const result = await run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return { passes: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })) };
    });
    if (passes < 10) axeProblems.push(`${step}: axe-core checked only ${passes} rules`);
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) axeProblems.push(`${step}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  /** Signs in with the keyboard, chooses the election and the batch, and waits for the first page. */
  async function openQueue(page: Page, role: 'count_staff' | 'count_supervisor', lang = 'en'): Promise<void> {
    await page.goto(`${base}/count/adjudication?lang=${lang}`);
    await page.waitForSelector('#signin:not([hidden])');
    await page.keyboard.type(`${role.replace('_', '-')}@test.invalid`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#choose:not([hidden])');
    expect(await page.$$eval('#election option', (os) => os.map((o) => o.textContent))).toEqual(['Party leadership 2027']);
    await page.waitForFunction(() => document.querySelectorAll('#batch option').length === 2);
    await page.selectOption('#batch', batchId);
    await page.press('#batch', 'Enter');
    await page.waitForSelector('#current:not([hidden])');
    await imageShown(page);
  }

  /** The outlined scan really arrived (the image route answered a PNG the browser decoded). */
  async function imageShown(page: Page): Promise<void> {
    await page.waitForFunction(() => {
      const img = document.getElementById('scan-image') as HTMLImageElement | null;
      return !!img && !img.hidden && img.complete && img.naturalWidth > 1000;
    });
  }

  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();
  const reasons = (page: Page) => page.$$eval('#reasons li', (ls) => ls.map((l) => l.textContent));
  const rows = (page: Page) => page.$$eval('#box-rows tr:not(.group)', (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
  const currentPageId = (page: Page) => page.evaluate(() => /\/scans\/([^/]+)\/image$/.exec(document.getElementById('scan-image')?.getAttribute('src') ?? '')?.[1] ?? '');
  /** Skips through the queue until the page with this id shows. */
  async function goTo(page: Page, pageId: string): Promise<void> {
    for (let i = 0; i < 4 && (await currentPageId(page)) !== pageId; i++) await page.click('#skip');
    expect(await currentPageId(page)).toBe(pageId);
    await imageShown(page);
  }
  const storedPage = (id: string) => t.dataSource.getRepository(ScanPageEntity).findOneByOrFail({ id });

  it('serves the page and its files with a strict Content-Security-Policy, in the language asked for', async () => {
    const res = await t.http().get('/count/adjudication').set('Accept-Language', 'fr-CA, en;q=0.5').expect(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    expect(res.text).toContain('<html lang="fr">');
    expect((await t.http().get('/count/adjudication?lang=en').set('Accept-Language', 'fr').expect(200)).text).toContain('<html lang="en">');
    const js = await t.http().get('/count/adjudication/assets/adjudication.js').expect(200);
    expect(js.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff' });
    await t.http().get('/count/adjudication/assets/adjudication.css').expect('content-type', 'text/css; charset=utf-8').expect(200);
    for (const missing of ['adjudication.html', 'page-logic.spec.ts', '..%2Fpage-assets.ts', 'intake.js']) await t.http().get(`/count/adjudication/assets/${missing}`).expect(404);
  });

  it('lets count staff look at the queue but not decide, and says why', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openQueue(page, 'count_staff');
    expect(await text(page, '#queue-counts')).toBe('Pages in adjudication: 3');
    expect(await page.isDisabled('#submit')).toBe(true);
    expect(await text(page, '#supervisor-only')).toBe('You can look at this queue, but only a count supervisor can record a decision.');
    expect(await page.getAttribute('#submit', 'aria-describedby')).toBe('supervisor-only');
    await axe(page, 'count staff');
    await context.close();
  }, 60_000);

  it('lets a supervisor decide a marginal mark and an over-vote, each followed by the next page', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await openQueue(page, 'count_supervisor');
    expect(await page.isDisabled('#submit')).toBe(false);
    expect(await page.isVisible('#supervisor-only')).toBe(false);

    await goTo(page, pageIds.marginal);
    expect(await reasons(page)).toEqual(['At least one box is neither clearly marked nor clearly empty (a faint pencil line, a small tick): look at it.']);
    const marginalRows = await rows(page);
    expect(marginalRows.map((r) => r[0])).toEqual(['Alice Martin', 'Bertrand Okafor', 'Chloé Dubois', 'Dmitri Novak', 'Blank vote box']);
    expect(marginalRows[1][3]).toBe('unsure');
    expect(marginalRows[1][1]).toMatch(/^\d+(\.\d)? %$/);
    expect(await page.$$eval('#box-rows tr.group', (trs) => trs.map((tr) => tr.textContent))).toEqual(['Who should lead the party?']);
    expect(await text(page, '#thresholds')).toBe('Thresholds this page was read with: empty below 2.0 %, marked from 5.0 % of ink; in between a person decides.');
    expect(await text(page, '#proposal')).toMatch(/^The machine proposes: /);
    expect(await page.isVisible('#paper-id-field')).toBe(false);
    await axe(page, 'marginal mark');
    await shoot(page, 'marginal-1280.png');
    await page.click('#zoom-full');
    expect(await page.getAttribute('#zoom-full', 'aria-pressed')).toBe('true');
    expect(await page.$eval('#scan-image', (img) => (img as HTMLImageElement).width === (img as HTMLImageElement).naturalWidth)).toBe(true);
    await page.click('#zoom-fit');
    expect(await page.$eval('#scan-image', (img) => (img as HTMLImageElement).width < (img as HTMLImageElement).naturalWidth)).toBe(true);

    // Keyboard: tick the faint pencil mark's answer, write why, Enter records.
    await page.focus('#answer-0-1');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#answer-0-1')).toBe(true);
    expect(await page.isChecked('#outcome-choices')).toBe(true);
    await page.focus('#note');
    await page.keyboard.type('faint pencil tick on Okafor');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('queue-counts')?.textContent === 'Pages in adjudication: 2');
    expect(await text(page, '#notice')).toBe('Decision recorded (valid paper).');
    expect(await storedPage(pageIds.marginal)).toMatchObject({ status: 'decided', decisionNote: 'faint pencil tick on Okafor', decision: { outcome: 'recorded', kind: 'valid', choices: [[0, 1, 0, 0]] } });
    // The page that followed the decided one takes its place (the queue's order is the API's).
    await imageShown(page);
    expect(await text(page, '#position')).toMatch(/^Page [12] of 2$/);
    expect([pageIds.over, pageIds.copy]).toContain(await currentPageId(page));

    await goTo(page, pageIds.over);
    expect(await reasons(page)).toEqual(['More answers are marked than the question allows.']);
    expect(await text(page, '#proposal')).toBe('The machine proposes: an invalid paper (too many answers marked)');
    // Pre-filled with the proposal: invalid, over-vote; the two marked answers ticked.
    expect(await page.isChecked('#outcome-invalid')).toBe(true);
    expect(await page.inputValue('#invalid-reason')).toBe('over_vote');
    expect(await page.$$eval('#questions input:checked', (bs) => bs.map((b) => b.id))).toEqual(['answer-0-0', 'answer-0-2']);
    // No reason written: refused by the page, nothing sent.
    await page.click('#submit');
    expect(await text(page, '#decision-error')).toBe('Write the reason for your decision (at least 3 characters).');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('note');
    await page.fill('#note', 'two names crossed');
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('queue-counts')?.textContent === 'Pages in adjudication: 1');
    expect(await text(page, '#notice')).toBe('Decision recorded (invalid paper).');
    expect(await storedPage(pageIds.over)).toMatchObject({ status: 'decided', decision: { outcome: 'recorded', kind: 'invalid', reason: 'over_vote' } });
    expect(await currentPageId(page)).toBe(pageIds.copy);
    await context.close();
  }, 90_000);

  it('explains why a photocopy cannot be recorded, and discards it only after confirmation', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await openQueue(page, 'count_supervisor');
    expect(await currentPageId(page)).toBe(pageIds.copy);
    expect(await reasons(page)).toEqual(['This paper is already counted: a photocopy, or the same paper scanned twice.']);
    // Nothing wider than a phone (or a 780 px window at 200 % zoom): no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await axe(page, 'photocopy, narrow');
    await shoot(page, 'photocopy-390.png');

    await page.fill('#note', 'looks genuine');
    await page.click('#submit');
    await page.waitForFunction(() => !document.getElementById('decision-error')?.hidden);
    expect(await text(page, '#decision-error')).toBe(
      'This paper is already counted: a photocopy, or the same paper scanned twice. Discard this scan, or record it as invalid (not genuine).',
    );
    const cvrs = () => t.dataSource.getRepository(CvrEntity).countBy({ electionId, batchId });
    expect(await cvrs()).toBe(3);

    await page.check('#outcome-discard');
    await page.fill('#note', 'photocopy of a paper already counted');
    await page.press('#note', 'Enter');
    await page.waitForSelector('#discard-dialog[open]');
    await page.click('#discard-dialog [data-close]');
    await page.waitForSelector('#discard-dialog', { state: 'hidden' });
    expect((await storedPage(pageIds.copy)).status).toBe('adjudication');

    await page.press('#note', 'Enter');
    await page.waitForSelector('#discard-dialog[open]');
    await shoot(page, 'discard-confirm-390.png');
    await page.click('#discard-confirm');
    await page.waitForSelector('#queue-empty:not([hidden])');
    expect(await text(page, '#notice')).toBe('Scan discarded: nothing counted from it.');
    expect(await text(page, '#queue-counts')).toBe('Pages in adjudication: 0');
    expect(await storedPage(pageIds.copy)).toMatchObject({ status: 'discarded', decisionNote: 'photocopy of a paper already counted', decision: { outcome: 'discarded' } });
    expect(await cvrs()).toBe(3);
    await axe(page, 'queue empty');
    await context.close();
  }, 60_000);

  it('speaks French, under its own Content-Security-Policy', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 }, { locale: 'fr-FR', bypassCSP: false });
    await page.goto(`${base}/count/adjudication`);
    await page.waitForSelector('#signin:not([hidden])');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await text(page, '#signin-heading')).toBe('Connexion');
    // Every page of the batch is decided: the settled ones are shown through the queue's status filter.
    await page.route('**/count/adjudication?batchId=*', async (route) => {
      const res = await route.fetch({ url: `${route.request().url()}&status=decided` });
      const pages = ((await res.json()) as Array<{ status: string }>).map((p) => ({ ...p, status: 'adjudication' }));
      await route.fulfill({ response: res, json: pages });
    });
    await openQueue(page, 'count_supervisor', 'fr');
    expect(await text(page, '#queue-counts')).toBe('Pages à arbitrer : 2');
    expect(await text(page, '#decision-heading')).toBe('Votre décision');
    expect((await reasons(page)).length).toBe(1);
    expect(await text(page, '#thresholds')).toBe('Seuils appliqués à cette page : vide sous 2,0 %, cochée à partir de 5,0 % d’encre ; entre les deux, une personne décide.');
    await goTo(page, pageIds.over);
    await shoot(page, 'over-vote-fr-1280.png');
    // The page is settled already: the API's 409 is said in French and the queue reloaded.
    await page.fill('#note', 'deux noms cochés');
    await page.click('#submit');
    await page.waitForFunction(() => document.getElementById('notice')?.textContent?.startsWith('Quelqu’un a déjà décidé'));
    // The reload the 409 caused may still be in the route: let it finish before closing.
    await page.unrouteAll({ behavior: 'wait' });
    await context.close();
  }, 60_000);

  it('had no script error, no Content-Security-Policy violation and no serious accessibility issue', () => {
    expect(problems).toEqual([]);
    expect(axeProblems).toEqual([]);
  });
});
