import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Response } from 'supertest';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { PUBLISHED_RESULT_READER, type PublishedResult, type PublishedResultReader } from 'src/results-page/published-result';
import { launchChromium } from 'test/support/browser';
import { REPO_ROOT } from 'test/support/processes';
import { postalOnlyResult, PUBLISHED_ELECTION_ID, publishedResult } from 'test/support/published-result';
import { createTestApp, TestApp } from 'test/support/test-app';

// The public result page and the PDF report over HTTP, with the reader replaced by fixtures (the
// tally and record modules provide the real one): what the public gets for a published election,
// for an unpublished or unknown one, the headers that keep it safe and cacheable, and the page in
// a real browser — axe-core at phone and desktop width, photographed into docs/images/results/
// with UPDATE_SCREENSHOTS=1, the report rendered to PNG beside them.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/results') : path.join(os.tmpdir(), `hb-results-page-${process.pid}`);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const HOSTILE_ID = '0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const POSTAL_ONLY_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `hb-report-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('Result page and PDF report (HTTP)', () => {
  let t: TestApp;
  const published = publishedResult();
  const hostile = publishedResult({
    electionId: HOSTILE_ID,
    title: '<script>alert(1)</script> & "board"',
    questions: [{ question: 'Pick <b>one</b>', answers: ['<img src=x onerror=alert(1)>', 'Plain'], min: 1, max: 1, blank: false }],
    result: { ...published.result, election: HOSTILE_ID, questions: [{ question: 'Pick <b>one</b>', answers: [{ answer: '<img src=x onerror=alert(1)>', online: 3, postal: 1, total: 4 }, { answer: 'Plain', online: 1, postal: 0, total: 1 }] }] },
  });
  const postalOnly = postalOnlyResult({ electionId: POSTAL_ONLY_ID });
  const fixtures = new Map<string, PublishedResult>([published, hostile, postalOnly].map((r) => [r.electionId, r]));
  const reader: PublishedResultReader = { read: (id) => Promise.resolve(fixtures.get(id) ?? null) };

  beforeAll(async () => {
    t = await createTestApp({}, (b) => b.overrideProvider(PUBLISHED_RESULT_READER).useValue(reader));
  });
  afterAll(() => t?.close());

  describe('the page', () => {
    it('shows a published result as HTML under the pages’ CSP, with every count', async () => {
      const res = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}`).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain('Party leadership ballot 2027');
      for (const n of ['4,210', '1,873', '6,083', '48.2%', '213', '12,868', '64.3%', '20,000']) expect(res.text).toContain(`>${n}<`);
      expect(res.text).toContain(published.record.manifestSha256);
      expect(res.text).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/record/download"`);
      expect(res.text).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/record/files/postal/cvrs.jsonl"`);
      expect(res.text).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/report.pdf"`);
      // No script at all: the chart is drawn by the server.
      expect(res.text).not.toContain('<script');
    });

    it('speaks French when asked by ?lang=fr or by the browser', async () => {
      const byQuery = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}?lang=fr`).expect(200);
      expect(byQuery.text).toContain('<html lang="fr">');
      expect(byQuery.text).toContain('Participation');
      const byHeader = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}`).set('Accept-Language', 'fr-CH, en;q=0.5').expect(200);
      expect(byHeader.text).toContain('Vérifiez par vous-même');
      expect(byHeader.headers.vary).toMatch(/Accept-Language/);
    });

    it('is cacheable as published data: an ETag from the manifest hash, and 304 when it has not changed', async () => {
      const res = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}`).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect(res.headers.etag).toContain(published.record.manifestSha256);
      const again = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}`).set('If-None-Match', res.headers.etag).expect(304);
      expect(again.text).toBeFalsy();
      // Another language is another document.
      const fr = await t.http().get(`/results/${PUBLISHED_ELECTION_ID}?lang=fr`).set('If-None-Match', res.headers.etag).expect(200);
      expect(fr.headers.etag).not.toBe(res.headers.etag);
    });

    it('answers 404 with a page (not cached) for an unknown or unpublished election', async () => {
      for (const id of ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'not-a-uuid']) {
        const res = await t.http().get(`/results/${id}`).expect(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.text).toContain('No published result');
        expect(res.text).toContain('Aucun résultat publié');
      }
    });

    it('escapes a hostile title and answer everywhere', async () => {
      const res = await t.http().get(`/results/${HOSTILE_ID}`).expect(200);
      expect(res.text).not.toMatch(/<script>|<img|<b>one/);
      expect(res.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;board&#34;');
      expect(res.text).toContain('&#60;img src=x onerror=alert(1)&#62;');
    });

    it('serves its style sheet as CSS', async () => {
      const res = await t.http().get('/results/assets/results.css').expect(200);
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.text).toContain('.figures');
    });
  });

  describe('the PDF report', () => {
    it('is a PDF whose text has the result, the turnout and the manifest hash', async () => {
      const res = await t.http().get(`/elections/${PUBLISHED_ELECTION_ID}/report.pdf`).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.headers.etag).toContain(published.record.manifestSha256);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toMatch(/Alice Martin\s+4,210\s+1,873\s+6,083\s+48\.2%/);
      expect(text).toMatch(/Blank vote\s+152\s+61\s+213/);
      expect(text).toMatch(/Total\s+12,868\s+64\.3%/);
      expect(text).toContain(published.record.manifestSha256);
      expect(text).toMatch(/Page 1 of \d/);
    });

    it('is in French with ?lang=fr', async () => {
      const res = await t.http().get(`/elections/${PUBLISHED_ELECTION_ID}/report.pdf?lang=fr`).buffer(true).parse(binary).expect(200);
      const text = pdfText(res.body as Buffer);
      expect(text).toContain('Participation');
      expect(text).toMatch(/Alice Martin\s+4 210\s+1 873\s+6 083\s+48,2 %/);
      expect(text).toMatch(/Page 1 sur \d/);
    });

    it('answers 404 while the election is not published', async () => {
      const res = await t.http().get('/elections/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/report.pdf').expect(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    });
  });

  describe('in a browser', () => {
    let browser: Browser;
    let base: string;
    const problems: string[] = [];

    beforeAll(async () => {
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      browser = await launchChromium();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    });

    /** The page under its own CSP (a blocked style sheet or image would be reported). */
    async function open(url: string, width: number): Promise<Page> {
      const context = await browser.newContext({ viewport: { width, height: width === 360 ? 800 : 900 } });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`${url}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
      await page.goto(url);
      return page;
    }

    async function axe(page: Page): Promise<string[]> {
      // The page's CSP rightly refuses an injected script: scan in a context that bypasses it.
      const context = await browser.newContext({ viewport: page.viewportSize()!, bypassCSP: true });
      const scan = await context.newPage();
      await scan.goto(page.url());
      await scan.addScriptTag({ content: AXE_SOURCE });
      const { passes, violations } = await scan.evaluate(async () => {
        const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
        const result = await run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
        return { passes: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })) };
      });
      await context.close();
      // A scan that checked nothing must not pass for a clean one.
      expect(passes).toBeGreaterThan(10);
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
    }

    it.each([
      ['result-en', `/results/${PUBLISHED_ELECTION_ID}`],
      ['result-fr', `/results/${PUBLISHED_ELECTION_ID}?lang=fr`],
      ['result-postal-only', `/results/${POSTAL_ONLY_ID}`],
      ['missing', '/results/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    ])('%s: no serious axe issue at 360 and 1280 px, no sideways scrolling on a phone, styles and chart loaded', async (name, url) => {
      for (const width of [360, 1280]) {
        const page = await open(`${base}${url}`, width);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        expect({ width, scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ width, scrollWidth: width });
        // The style sheets applied under the CSP (booth.css sets the page font, results.css the tables).
        expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
        if (name !== 'missing') {
          expect(await page.$$eval('svg.chart[role=img]', (s) => s.length)).toBeGreaterThan(0);
          expect(await page.evaluate(() => getComputedStyle(document.querySelector('.figures')!).borderCollapse)).toBe('collapse');
        }
        expect(await axe(page)).toEqual([]);
        await page.context().close();
      }
      expect(problems).toEqual([]);
    }, 60_000);

    it('the PDF report renders to pages (report-*.png)', async () => {
      const res = await t.http().get(`/elections/${PUBLISHED_ELECTION_ID}/report.pdf`).buffer(true).parse(binary).expect(200);
      const file = path.join(SCREENSHOTS, 'report.pdf');
      fs.writeFileSync(file, res.body as Buffer);
      execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(SCREENSHOTS, 'report')]);
      fs.rmSync(file);
      expect(fs.readdirSync(SCREENSHOTS).filter((f) => /^report-\d+\.png$/.test(f)).length).toBeGreaterThan(1);
    });
  });
});
