import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StaffService } from 'src/auth/staff.service';
import { ElectionEntity } from 'src/elections/election.entity';
import { SYSTEM } from 'src/events/actor';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { entryKind } from 'src/intake-page/assets/entry-kind.js';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { Role } from 'src/platform/http/access.decorators';
import { TEST_PASSWORD } from 'test/support/auth';
import { launchChromium } from 'test/support/browser';
import { PackCode, packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { REPO_ROOT } from 'test/support/processes';
import { createTestApp, TestApp } from 'test/support/test-app';

// The scan page in a real browser (Debian's Chromium, headless) against the real application on
// an ephemeral port: signing in, choosing the election and station, codes typed as a USB scanner
// types them (fast keys, then Enter), the verdict on screen, and a supervisor's undo.
// The screenshots in docs/ are refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves the
// working tree alone (their times change every run).
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/intake') : path.join(os.tmpdir(), `hb-intake-page-${process.pid}`);

interface Verdict {
  word: string;
  place: string;
  message: string;
  first: string;
}

type KeyTimes = { keyTimes: number[] };

describe('Intake scan page (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let leadership: ElectionEntity;
  let treasurer: ElectionEntity;
  let codes: PackCode[];
  let treasurerCodes: PackCode[];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    for (const role of ['count_staff', 'count_supervisor'] satisfies Role[]) {
      await t.get(StaffService).create({ email: `${role}@test.invalid`, displayName: role === 'count_staff' ? 'Sam Desk' : 'Pat Lead', role, password: TEST_PASSWORD }, SYSTEM);
    }
    // Held while online voting is open (online may still replace the envelope) …
    leadership = await openElection(t, { title: 'Leadership ballot', precedencePolicy: 'online-overrides-postal' });
    // … accepted at once where the first vote wins.
    treasurer = await openElection(t, { title: 'Treasurer ballot', precedencePolicy: 'first-wins' });
    codes = await packCodes(t, leadership.id);
    treasurerCodes = await packCodes(t, treasurer.id);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  async function newPage(viewport: { width: number; height: number }, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale });
    const page = await context.newPage();
    // A CSP violation or a script error is a failure, whatever the page then shows.
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The 401 is the page asking whether it is signed in; the reset is the lost answer we cause.
      if (m.type() === 'error' && !/status of 401|ERR_CONNECTION_RESET/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }

  /** Signs in with the keyboard only, as a desk without a mouse would. */
  async function signIn(page: Page, role: Role, lang = 'en'): Promise<void> {
    await page.goto(`${base}/intake?lang=${lang}`);
    await page.waitForSelector('#signin:not([hidden])');
    await page.keyboard.type(`${role}@test.invalid`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#setup:not([hidden])');
  }

  async function startSession(page: Page, election: string, station: string): Promise<void> {
    await page.selectOption('#election', { label: election });
    await page.fill('#station', station);
    await page.press('#station', 'Enter');
    await page.waitForSelector('#scan:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
    // The test's own record of when each key reached the page (see `scan`).
    await page.evaluate(() => {
      const w = window as unknown as KeyTimes;
      w.keyTimes = [];
      document.getElementById('code')?.addEventListener('keydown', (e) => e.key.length === 1 && w.keyTimes.push(e.timeStamp), { capture: true });
    });
  }

  const historyLength = (page: Page) => page.locator('#history li').count();

  /**
   * Types a code into the always-focused field as a USB scanner does (a burst of keys, then
   * Enter) or, with `typedBy: 'person'`, key by key; then reads the verdict.
   */
  async function scan(page: Page, code: string, opts: { typedBy?: 'scanner' | 'person' } = {}): Promise<Verdict> {
    const before = await historyLength(page);
    await page.evaluate(() => ((window as unknown as KeyTimes).keyTimes = []));
    if (opts.typedBy === 'person') {
      await page.keyboard.type(code, { delay: 60 });
    } else {
      // All key presses are sent at once rather than each after the previous one's round trip:
      // on a loaded machine the round trips alone would space the keys more than a scanner does.
      await Promise.all([...code].map((ch) => page.keyboard.press(ch)));
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('#history li').length > n, before);
    // On a loaded machine even a burst of emulated keys can arrive more than 40 ms apart; the
    // page must then say `keyed`. So the entry expected is judged from the times the keys
    // really reached the page (unloaded, a burst is `barcode` and slow typing `keyed`).
    entries.push(entryKind(await page.evaluate(() => (window as unknown as KeyTimes).keyTimes)));
    return readVerdict(page);
  }
  /** How each scan was entered, as judged from the key times the page saw. */
  const entries: Array<'barcode' | 'keyed'> = [];

  async function readVerdict(page: Page): Promise<Verdict> {
    const text = async (id: string) => ((await page.locator(id).isVisible()) ? ((await page.textContent(id)) ?? '').trim() : '');
    return { word: await text('#verdict-word'), place: await text('#verdict-place'), message: await text('#verdict-message'), first: await text('#verdict-first') };
  }

  const counts = async (page: Page) =>
    Object.fromEntries(await Promise.all(['accept', 'hold', 'reject', 'undone', 'total'].map(async (k) => [k, Number(await page.textContent(`#count-${k}`))])));

  const storedScans = (e: ElectionEntity) => t.dataSource.getRepository(IntakeScanEntity).find({ where: { electionId: e.id }, order: { scannedAt: 'ASC' } });

  async function shoot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // The flash animation has ended and the counts have caught up.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  it('serves the page and its files with a strict Content-Security-Policy, in the language asked for', async () => {
    const page = await t.http().get('/intake').set('Accept-Language', 'fr-CH, fr;q=0.9, en;q=0.5').expect(200);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(page.text).toContain('<html lang="fr">');
    expect((await t.http().get('/intake?lang=en').set('Accept-Language', 'fr').expect(200)).text).toContain('<html lang="en">');

    const js = await t.http().get('/intake/assets/intake.js').expect(200);
    expect(js.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff' });
    await t.http().get('/intake/assets/intake.css').expect('content-type', 'text/css; charset=utf-8').expect(200);
    for (const missing of ['intake.html', 'page-logic.spec.ts', '..%2Fpage-assets.ts', 'nope.js']) await t.http().get(`/intake/assets/${missing}`).expect(404);
  });

  it('scans as count staff: hold, a duplicate, a typo, garbage, and a scan typed by hand', async () => {
    entries.length = 0;
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await signIn(page, 'count_staff');
    expect(await page.textContent('#who')).toBe('Signed in as Sam Desk (count_staff)');
    expect(await page.$$eval('#election option', (os) => os.map((o) => o.textContent).sort())).toEqual(['Leadership ballot', 'Treasurer ballot']);
    await startSession(page, 'Leadership ballot', 'd2');
    expect(await page.getAttribute('#code', 'autocomplete')).toBe('off');
    expect(await page.isVisible('#undo')).toBe(false);
    expect(await page.textContent('#ask-supervisor')).toBe('To undo a scan, ask a supervisor.');

    expect(await scan(page, codes[0].code)).toEqual({
      word: 'HOLD',
      place: 'Tray D2-H01 · position 1',
      message: 'The envelope stays sealed: an online vote could still replace it until online voting closes.',
      first: '',
    });
    await page.waitForFunction(() => document.getElementById('live')?.textContent?.startsWith('HOLD. Tray D2-H01 · position 1.'));
    await shoot(page, 'hold-1280.png');

    // A person typing the printed, grouped code: slow keys → `keyed`.
    expect(await scan(page, codes[1].printed, { typedBy: 'person' })).toMatchObject({ word: 'HOLD', place: 'Tray D2-H01 · position 2' });

    const duplicate = await scan(page, codes[0].code);
    expect(duplicate).toMatchObject({ word: 'REJECT', place: 'Tray D2-R01 · position 1', message: 'A return from this pack is already recorded.' });
    expect(duplicate.first).toMatch(/^First one: tray D2-H01 · position 1, /);
    await shoot(page, 'reject-duplicate-1280.png');

    const c = codes[2].code;
    const typo = c.slice(0, 6) + (c[6] === '7' ? '8' : '7') + c.slice(7);
    expect(await scan(page, typo)).toMatchObject({ word: 'REJECT', place: 'Tray D2-R01 · position 2', message: expect.stringMatching(/^Mistyped code/) });
    expect(await scan(page, 'HELLO WORLD 123')).toMatchObject({ word: 'REJECT', place: 'Tray D2-R01 · position 3', message: expect.stringMatching(/^Not an identity code/) });

    await page.waitForFunction(() => document.getElementById('count-total')?.textContent === '5');
    expect(await counts(page)).toEqual({ accept: 0, hold: 2, reject: 3, undone: 0, total: 5 });
    expect(await page.textContent('#tray-count')).toBe('Envelopes in tray D2-R01: 3');
    expect(await historyLength(page)).toBe(5);

    const stored = await storedScans(leadership);
    expect(stored.map((s) => [s.verdict, s.reason, s.tray, s.position])).toEqual([
      ['hold', null, 'D2-H01', 1],
      ['hold', null, 'D2-H01', 2],
      ['reject', 'duplicate_return', 'D2-R01', 1],
      ['reject', 'bad_check_characters', 'D2-R01', 2],
      ['reject', 'unknown_format', 'D2-R01', 3],
    ]);
    expect(stored.map((s) => s.entry)).toEqual(entries);
    expect(entries[1]).toBe('keyed');
    // The field never lost the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
    await context.close();
  }, 60_000);

  it('lets a supervisor at the same station undo the last scan, with a reason', async () => {
    const { context, page } = await newPage({ width: 1280, height: 900 });
    await signIn(page, 'count_supervisor');
    await startSession(page, 'Leadership ballot', 'D2');
    expect(await page.textContent('#notice')).toMatch(/^Station D2 already had a session open \(since .+\): you are scanning in it\.$/);
    await page.waitForFunction(() => document.getElementById('count-total')?.textContent === '5');

    // Keyboard only: from the code field to the Undo button, then the dialog.
    await page.focus('#undo');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#undo-dialog[open]');
    await page.keyboard.press('Enter'); // no reason yet: refused by the page
    expect(await page.isVisible('#undo-dialog')).toBe(true);
    await page.keyboard.type('Scanned the letter by mistake');
    await page.click('#undo-dialog button[type=submit]');
    await page.waitForSelector('#undo-dialog', { state: 'hidden' });
    expect(await page.textContent('#notice')).toBe('Undone: take the envelope out of tray D2-R01, position 3.');
    await page.waitForFunction(() => document.getElementById('count-undone')?.textContent === '1');
    expect(await counts(page)).toEqual({ accept: 0, hold: 2, reject: 2, undone: 1, total: 5 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');

    const undone = (await storedScans(leadership)).filter((s) => s.undoneAt !== null);
    expect(undone.map((s) => [s.reason, s.undoReason])).toEqual([['unknown_format', 'Scanned the letter by mistake']]);
    await context.close();
  }, 60_000);

  it('sends a scan whose answer was lost again with the same scanId, and shows the stored verdict', async () => {
    const { context, page } = await newPage({ width: 360, height: 780 });
    await signIn(page, 'count_staff');
    await startSession(page, 'Treasurer ballot', 'M1');
    const sent: string[] = [];
    await page.route('**/intake/scans', async (route) => {
      sent.push(JSON.parse(route.request().postData() ?? '{}').scanId as string);
      if (sent.length === 1) {
        // The server records the scan, but the answer never reaches the desk.
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    expect(await scan(page, treasurerCodes[0].code)).toMatchObject({ word: 'ACCEPT', place: 'Tray M1-A01 · position 1' });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect((await storedScans(treasurer)).map((s) => s.scanId)).toEqual([sent[0]]);
    await page.unroute('**/intake/scans');
    await shoot(page, 'accept-360.png');

    // A code of another election, at 360 px: the whole verdict still reads.
    expect(await scan(page, codes[3].code)).toMatchObject({ word: 'REJECT', place: 'Tray M1-R01 · position 1', message: expect.stringMatching(/another election/) });
    expect(await scan(page, treasurerCodes[0].code)).toMatchObject({ word: 'REJECT', first: expect.stringMatching(/^First one: tray M1-A01 · position 1, /) });
    await shoot(page, 'reject-duplicate-360.png');
    // Nothing wider than a 360 px phone (or a 720 px window at 200% zoom): no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }, 60_000);

  it('speaks French: words, verdicts and reasons', async () => {
    const { context, page } = await newPage({ width: 360, height: 780 }, 'fr-FR');
    await page.goto(`${base}/intake`);
    await page.waitForSelector('#signin:not([hidden])');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('#signin-heading')).toBe('Connexion');
    await signIn(page, 'count_staff', 'fr');
    await startSession(page, 'Treasurer ballot', 'F1');
    expect(await scan(page, treasurerCodes[1].code)).toMatchObject({ word: 'ACCEPTER', place: 'Bac F1-A01 · position 1', message: expect.stringMatching(/^Ce vote par correspondance compte/) });
    expect(await scan(page, 'XYZ')).toMatchObject({ word: 'REJETER', message: expect.stringMatching(/^Ce n’est pas un code d’identification/) });
    await page.focus('#close-session');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#close-dialog[open]');
    await page.click('#close-dialog button[type=submit]');
    await page.waitForSelector('#setup:not([hidden])');
    expect(await page.textContent('#notice')).toBe('Session F1 fermée. Scans : 2.');
    await context.close();
  }, 60_000);

  it('had no script error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
