import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { group } from 'src/crypto/group';
import { parseJson } from 'src/crypto/encoding/json';
import { parseTrusteePublicKey, verifyTrusteePok } from 'src/crypto/trustees/trustee-key';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { signIn, TEST_PASSWORD } from 'test/support/auth';
import { launchChromium } from 'test/support/browser';
import { electionInput } from 'test/support/factories';
import { REPO_ROOT } from 'test/support/processes';
import { createTestApp, TestApp } from 'test/support/test-app';

// The trustee page (docs/TRUSTEES.md) served by the real application, then used in a real
// browser: a trustee makes a key, the administrator registers the public key the page showed,
// and the trustee, signed in, checks the key against the election. Photographed at 360 and
// 1280 px (docs/images/trustee/ with UPDATE_SCREENSHOTS=1).
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/trustee') : path.join(os.tmpdir(), `hb-trustee-page-${process.pid}`);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

jest.setTimeout(120_000);

describe('Trustee page', () => {
  let t: TestApp;
  let admin: string;
  let electionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    await signIn(t, 'trustee');
    const res = await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Association elections 2027' })).expect(201);
    electionId = res.body.id as string;
  });
  afterAll(() => t?.close());

  describe('served (HTTP)', () => {
    it('renders in English and French under the strict CSP, with no inline script, while the election is a draft', async () => {
      for (const lang of ['en', 'fr']) {
        const res = await t.http().get(`/trustee/${electionId}?lang=${lang}`).expect(200);
        expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.text).toContain(`<html lang="${lang}">`);
        expect(res.text).toContain('Association elections 2027');
        expect(res.text.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/trustee/assets/trustee.js">']);
      }
      const fr = await t.http().get(`/trustee/${electionId}`).set('Accept-Language', 'fr-FR,fr;q=0.9').expect(200);
      expect(fr.text).toContain('<html lang="fr">');
    });

    it('answers 404 with a page for an unknown election, and serves only its own files and the bundle', async () => {
      const missing = await t.http().get('/trustee/6f1c1a52-0d6c-4c51-9d0e-2f9f1b6b7a10').expect(404);
      expect(missing.headers['content-type']).toMatch(/text\/html/);
      for (const file of ['trustee.js', 'trustee-messages.js', 'trustee-crypto.js', 'dom.js', 'api.js', 'booth.css', 'trustee.css']) {
        const res = await t.http().get(`/trustee/assets/${file}`).expect(200);
        expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      }
      await t.http().get('/trustee/assets/trustee-crypto.d.ts').expect(404);
      await t.http().get('/trustee/assets/vote.js').expect(404);
    });
  });

  describe('in a browser', () => {
    let browser: Browser;
    let base: string;
    const problems: string[] = [];
    const axeProblems: string[] = [];

    beforeAll(async () => {
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    });

    async function axe(page: Page, step: string): Promise<void> {
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
        const result = await run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
      });
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) axeProblems.push(`${step}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
    }

    async function shoot(page: Page, name: string): Promise<void> {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
        if (width === 360) expect({ name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ name, width: 360 });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 360, height: 800 });
    }

    it('makes a key whose downloaded private key matches the public key shown, and finds it in the election once registered', async () => {
      // The page's own CSP is enforced (no bypass) for the flow; axe is injected in a second context.
      const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-GB', acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      await page.goto(`${base}/trustee/${electionId}?lang=en`);
      await page.waitForSelector('#page-heading:has-text("Trustee tools")');
      await shoot(page, 'start');

      // 1. Keyboard only: focus the button and press Enter.
      await page.focus('#generate');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#new-key:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-key-done');
      const shown = await page.inputValue('#public-key');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-private')]);
      const privFile = path.join(os.tmpdir(), `hb-trustee-${process.pid}.privkey`);
      await download.saveAs(privFile);
      expect(download.suggestedFilename()).toMatch(/^[0-9a-f]{12}\.privkey$/);
      const secret = BigInt(JSON.parse(fs.readFileSync(privFile, 'utf8')) as string);
      const pub = parseTrusteePublicKey(parseJson(shown, 'shown'), 'shown');
      expect(verifyTrusteePok(pub)).toBe(true);
      expect(group().equals(group().g.mul(secret), pub.publicKey)).toBe(true);
      // The private key went nowhere: the page made no request carrying it.
      await shoot(page, 'key-created');

      // The administrator registers the public key the trustee copied.
      await t.http().post(`/elections/${electionId}/trustees`).set('Authorization', admin).send({ name: 'Returning officer', publicKey: shown }).expect(201);

      // 2. Signed in as a trustee, the page finds the key in the election.
      const sent: string[] = [];
      page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
      await page.fill('#email', 'trustee@test.invalid');
      await page.fill('#password', TEST_PASSWORD);
      await page.click('#sign-in-button');
      await page.waitForSelector('#signed-in:not([hidden])');
      await page.setInputFiles('#check-key', privFile);
      await page.click('#check-button');
      await page.waitForSelector('#check-result:not([hidden])');
      expect(await page.textContent('#check-result')).toBe('Your key is in this election: trustee 1 (Returning officer).');
      expect(sent.join('\n')).not.toContain(secret.toString());
      await shoot(page, 'key-checked');

      // Another key is reported missing, and a file that is not a key is refused on the field.
      const stranger = path.join(path.dirname(privFile), `stranger-${process.pid}.privkey`);
      fs.writeFileSync(stranger, '"12345"');
      await page.setInputFiles('#check-key', stranger);
      await page.click('#check-button');
      await page.waitForSelector('#check-result.missing:not([hidden])');
      expect(await page.textContent('#check-result')).toMatch(/^Your key is NOT among this election’s trustees/);
      fs.writeFileSync(stranger, 'not a key');
      await page.setInputFiles('#check-key', stranger);
      await page.click('#check-button');
      await page.waitForSelector('#check-error:not([hidden])');
      expect(await page.getAttribute('#check-key', 'aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-key');
      await shoot(page, 'check-error');
      fs.rmSync(privFile);
      fs.rmSync(stranger);
      await context.close();
      expect(problems).toEqual([]);
    });

    it('has no serious accessibility problem, and stays one column wide at 200% zoom (French)', async () => {
      const context = await browser.newContext({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 1, locale: 'fr-FR', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}/trustee/${electionId}`);
      await page.waitForSelector('#page-heading:has-text("Outils des gardiens")');
      await page.click('#generate');
      await page.waitForSelector('#new-key:not([hidden])');
      await axe(page, 'fr');
      // 200% zoom of a 1280 px window is a 640 px layout with text twice the size.
      await page.evaluate(() => void (document.documentElement.style.fontSize = '200%'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'fr-zoom-200.png'), fullPage: true });
      await context.close();
      expect(axeProblems).toEqual([]);
    });
  });
});
