import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { ElectionEntity } from 'src/elections/election.entity';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { signIn as staffSignIn } from 'test/support/auth';
import { launchChromium } from 'test/support/browser';
import { packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { REPO_ROOT } from 'test/support/processes';
import { createTestApp, TestApp } from 'test/support/test-app';

// The voter and public pages in a real browser (Debian's Chromium, headless) against the real
// application (docs/ONLINE.md): a member signs in from the letter's QR code, sees every answer,
// votes, keeps the receipt and finds the ballot on the board; revotes follow the election's
// setting; a member whose postal vote counts is told so. Every step is scanned with axe-core
// and photographed at 360 and 1280 px (docs/images/booth/ with UPDATE_SCREENSHOTS=1).
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/booth') : path.join(os.tmpdir(), `hb-booth-page-${process.pid}`);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DATE_OF_BIRTH = '1980-01-01'; // test/support/roll.ts

const CHAIR = { question: 'Who should chair the association?', answers: ['Ana Lima', 'Ben Okafor', 'Cleo Martin'], min: 1, max: 1, blank: true };
const COMMITTEE = { question: 'Elect the committee', answers: ['Dev Patel', 'Eva Novak', 'Farid Haddad', 'Gwen Roberts', 'Hana Sato'], min: 1, max: 3, blank: false };

interface Member {
  serial: number;
  memberNumber: string;
  identityCode: string;
  votingId: string;
  credential: string;
}

describe('Booth, check and board pages (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let revote: ElectionEntity;
  let once: ElectionEntity;
  let revoters: Member[];
  let onceVoters: Member[];
  const problems: string[] = [];
  const axeProblems: string[] = [];

  /** Each member pack's codes, re-derived from the test seed as the print run makes them. */
  async function membersOf(e: ElectionEntity): Promise<Member[]> {
    const seed = electionSeed(t.config.packs.credentialSeed!, e.beleniosUuid);
    return (await packCodes(t, e.id)).map((p) => {
      const s = derivePackSecrets(seed, e.beleniosUuid, p.serial);
      return { serial: p.serial, memberNumber: p.memberNumber, identityCode: p.code, votingId: s.votingId, credential: s.credential };
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // first-wins: a postal vote that arrives first counts, and online is then refused.
    revote = await openElection(t, { title: 'Association elections 2027', questions: [CHAIR, COMMITTEE], precedencePolicy: 'first-wins', onlineRevoting: true });
    once = await openElection(t, { title: 'Treasurer ballot', precedencePolicy: 'first-wins', onlineRevoting: false, secondFactor: 'postcode' });
    revoters = await membersOf(revote);
    onceVoters = await membersOf(once);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  /**
   * A phone-sized page. `bypassCSP` lets the test inject axe-core's source for the scan; the
   * French flow runs without it, so the pages' own CSP is enforced on every step there.
   */
  async function newPage(opts: { locale?: string; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: opts.locale ?? 'en-GB', bypassCSP: opts.bypassCSP ?? true, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 401: the page asking whether the member is signed in; 403/404/409: answers a step
      // expects; the reset is the lost answer the test causes.
      if (m.type() === 'error' && !/status of (401|403|404|409)|ERR_CONNECTION_RESET/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }

  /** axe-core over the page as it is now: no serious or critical violation is allowed. */
  async function axe(page: Page, step: string): Promise<void> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const { passes, violations } = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
      const result = await run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return { passes: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })) };
    });
    // A scan that checked nothing (axe not loaded, page blank) must not pass for a clean one.
    if (passes < 10) axeProblems.push(`${step}: axe-core checked only ${passes} rules`);
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) axeProblems.push(`${step}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
  }

  /** The step at 360 px (a phone) and 1280 px, scanned by axe at both widths. */
  async function step(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
      // Nothing wider than the phone: no sideways scrolling.
      if (width === 360) expect({ name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ name, width: 360 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 360, height: 800 });
    await axe(page, name);
  }

  const visible = (page: Page, section: string) => page.waitForSelector(`#${section}:not([hidden])`);
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();
  const labels = (page: Page, question: number) => page.$$eval(`#question-${question} label`, (ls) => ls.map((l) => l.textContent));

  /** Opens the letter's QR link and signs in with the keyboard: the fragment fills the Voting ID. */
  async function signInFromQr(page: Page, e: ElectionEntity, m: Member, secondFactor = DATE_OF_BIRTH, lang = 'en'): Promise<void> {
    await page.goto(`${base}/vote/${e.id}?lang=${lang}#vid=${m.votingId}&cred=${m.credential}`);
    await visible(page, 'signin');
    // The credential is out of the address bar (and so of history and bookmarks) at once.
    expect(page.url()).toBe(`${base}/vote/${e.id}?lang=${lang}`);
    expect(await page.inputValue('#voting-id')).toBe(m.votingId);
    expect(await focused(page)).toBe('second-factor');
    await page.keyboard.type(secondFactor);
    await page.keyboard.press('Enter');
  }

  /** Confirms the review, signs with the credential in the field, and reads the receipt. */
  async function castFromReview(page: Page, opts: { email?: boolean } = {}): Promise<{ tracker: string; posted: Record<string, unknown> }> {
    await page.click('#review-confirm');
    await visible(page, 'sign');
    if (opts.email) await page.check('#email-me');
    const request = page.waitForRequest((r) => r.url().endsWith('/voter/ballots') && r.method() === 'POST');
    await page.click('#cast');
    const posted = (await request).postDataJSON() as Record<string, unknown>;
    await visible(page, 'receipt');
    return { tracker: await text(page, '#receipt-tracker'), posted };
  }

  const boardStatus = async (e: ElectionEntity, tracker: string) =>
    (await t.http().get(`/elections/${e.id}/ballot-box/trackers/${encodeURIComponent(tracker)}`).expect(200)).body as { present: boolean; status: string };

  it('serves the pages and their files with the strict Content-Security-Policy, in the language asked for', async () => {
    for (const p of [`/vote/${revote.id}`, `/vote/${revote.id}/check`, `/board/${revote.id}`]) {
      const res = await t.http().get(p).set('Accept-Language', 'fr-CH, fr;q=0.9, en;q=0.5').expect(200);
      expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer' });
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('<title>Association elections 2027</title>');
    }
    expect((await t.http().get(`/vote/${once.id}?lang=en`).set('Accept-Language', 'fr').expect(200)).text).toContain('data-second-factor="postcode"');
    const bundle = await t.http().get('/booth/assets/booth-crypto.js').expect(200);
    expect(bundle.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': PAGE_CSP });
    expect(bundle.text).toMatch(/export\{.*buildBallot/);
    for (const missing of ['vote.html', 'page-logic.spec.ts', 'booth-crypto.d.ts', 'nope.js']) await t.http().get(`/booth/assets/${missing}`).expect(404);
    // An unknown election, or a malformed id, is a page saying so, not JSON.
    for (const id of [randomUUID(), 'not-an-id']) expect((await t.http().get(`/vote/${id}`).expect(404)).text).toContain('No such election');
  });

  it('lets a member vote from the QR code: every answer shown, rules enforced, only the ballot sent, receipt, board', async () => {
    const { context, page } = await newPage();
    const m = revoters[0];
    await page.goto(`${base}/vote/${revote.id}`);
    await visible(page, 'signin');
    await step(page, '01-sign-in');

    await signInFromQr(page, revote, m);
    await visible(page, 'booth');
    // Every answer, in the published order, with the blank vote last where allowed.
    expect(await labels(page, 0)).toEqual([...CHAIR.answers, 'Blank vote (none of these answers)']);
    expect(await labels(page, 1)).toEqual(COMMITTEE.answers);
    expect(await page.$$eval('#question-0 input', (is) => is.map((i) => (i as HTMLInputElement).type))).toEqual(['radio', 'radio', 'radio', 'radio']);
    expect(await page.$$eval('#question-1 input', (is) => is.map((i) => (i as HTMLInputElement).type))).toEqual(Array(5).fill('checkbox'));
    expect(await page.$$eval('legend', (ls) => ls.map((l) => l.textContent))).toEqual([CHAIR.question, COMMITTEE.question]);
    expect(await text(page, '#rule-0')).toBe('Choose 1 answer. You may vote blank.');
    expect(await text(page, '#rule-1')).toBe('Choose between 1 and 3 answers.');
    await step(page, '02-booth');

    // Nothing chosen, then too many: told beside the question, focus on the first problem.
    await page.click('#booth-form button[type=submit]');
    expect(await text(page, '#error-0')).toBe('Choose an answer, or vote blank.');
    expect(await focused(page)).toBe('error-0');
    expect(await page.getAttribute('#question-0', 'aria-describedby')).toBe('rule-0 error-0');
    for (const name of COMMITTEE.answers.slice(0, 4)) await page.getByLabel(name, { exact: true }).check();
    await page.getByLabel('Ben Okafor', { exact: true }).check();
    await page.click('#booth-form button[type=submit]');
    expect(await text(page, '#booth-errors')).toBe('Check your choices: one question needs attention.');
    expect(await text(page, '#error-1')).toBe('You chose 4: choose at most 3.');
    expect(await focused(page)).toBe('error-1');
    await step(page, '03-booth-errors');
    await page.getByLabel('Gwen Roberts', { exact: true }).uncheck();
    await page.click('#booth-form button[type=submit]');

    await visible(page, 'review');
    expect(await page.$$eval('#review-list .review-item', (items) => items.map((i) => Array.from(i.children).map((c) => c.textContent)))).toEqual([
      [CHAIR.question, 'Ben Okafor'],
      [COMMITTEE.question, 'Dev Patel', 'Eva Novak', 'Farid Haddad'],
    ]);
    await step(page, '04-review');

    await page.click('#review-confirm');
    await visible(page, 'sign');
    // Pre-filled from the QR code; a typo is explained before anything is built or sent.
    expect(await page.inputValue('#credential')).toBe(m.credential);
    await page.fill('#credential', `0${m.credential.slice(1)}`);
    await page.click('#cast');
    expect(await text(page, '#credential-error')).toMatch(/^This credential is not right: character 1 '0' is not valid: '0' \(zero\) is not used/);
    expect(await focused(page)).toBe('credential');
    await step(page, '05-credential-error');
    await page.fill('#credential', m.credential);
    await page.click('#sign-back');
    await visible(page, 'review');

    const { tracker, posted } = await castFromReview(page, { email: true });
    // Only the encrypted ballot (and the e-mail wish) leaves the device: no answer, no credential.
    expect(Object.keys(posted).sort()).toEqual(['ballot', 'confirmationEmail']);
    expect(posted.confirmationEmail).toBe(true);
    const ballot = String(posted.ballot);
    for (const secret of [...CHAIR.answers, ...COMMITTEE.answers, m.credential, m.votingId]) expect(ballot).not.toContain(secret);
    expect(Object.keys(JSON.parse(ballot) as object).sort()).toEqual(['answers', 'credential', 'election_hash', 'election_uuid', 'signature']);
    expect(tracker).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(await text(page, '#receipt-when')).toMatch(/\(UTC\)$/);
    expect(await page.isVisible('#receipt-email')).toBe(true);
    await step(page, '06-receipt');
    // On paper: the receipt alone, without buttons and links.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#print')).toBe(false);
    expect(await page.isVisible('#receipt-tracker')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, '06-receipt-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const download = page.waitForEvent('download');
    await page.click('#download');
    const file = fs.readFileSync(await (await download).path(), 'utf8');
    expect(file).toContain(`Signature reference: ${tracker}`);
    expect(file).toContain('Election: Association elections 2027');
    expect(await boardStatus(revote, tracker)).toEqual({ present: true, status: 'counts' });

    await page.click('#receipt-board');
    await page.waitForSelector('#find-result:not([hidden])');
    expect(await text(page, '#find-result')).toBe('This ballot is on the board. Status: Counts.');
    await page.waitForSelector('#board:not([hidden])');
    expect(await page.$$eval('#board-rows tr', (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)))).toEqual([[tracker, 'Counts']]);
    await step(page, '07-board');
    receiptOf.first = tracker;
    await context.close();
  }, 120_000);
  const receiptOf = { first: '' };

  it('lets the member vote again where revoting is on: the first ballot shows as replaced on the board', async () => {
    const { context, page } = await newPage();
    const m = revoters[0];
    // Typed by hand this time: no QR code, so the credential is typed at the last step.
    await page.goto(`${base}/vote/${revote.id}`);
    await visible(page, 'signin');
    await page.fill('#voting-id', m.votingId.toLowerCase());
    await page.fill('#second-factor', '01/01/1980');
    await page.keyboard.press('Enter');
    await visible(page, 'booth');
    // Keyboard alone, from the heading the page focused: the radio group (arrows move the
    // choice), then each check box, then Continue.
    expect(await focused(page)).toBe('booth-heading');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('q0-a0');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#q0-blank')).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('q1-a4');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await visible(page, 'review');
    expect(await page.$$eval('#review-list dd', (ds) => ds.map((d) => d.textContent))).toEqual(['Blank vote', 'Hana Sato']);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('review-confirm');
    await page.keyboard.press('Enter');
    await visible(page, 'sign');
    expect(await page.inputValue('#credential')).toBe('');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('credential');
    await page.keyboard.type(m.credential.replaceAll('-', ''));
    const request = page.waitForRequest((r) => r.url().endsWith('/voter/ballots'));
    await page.keyboard.press('Enter');
    expect(Object.keys((await request).postDataJSON() as object)).toEqual(['ballot']);
    await visible(page, 'receipt');
    const second = await text(page, '#receipt-tracker');
    expect(second).not.toBe(receiptOf.first);
    expect(await boardStatus(revote, receiptOf.first)).toEqual({ present: true, status: 'replaced' });
    expect(await boardStatus(revote, second)).toEqual({ present: true, status: 'counts' });

    await page.goto(`${base}/board/${revote.id}?lang=en&tracker=${encodeURIComponent(receiptOf.first)}`);
    await page.waitForSelector('#find-result:not([hidden])');
    expect(await text(page, '#find-result')).toBe('This ballot is on the board. Status: Replaced by a later ballot from the same voter.');
    await step(page, '08-board-replaced');

    // Paged: one tracker a page, in tracker order, with links forward and back to the start.
    const both = [receiptOf.first, second].sort();
    await page.goto(`${base}/board/${revote.id}?lang=en&limit=1`);
    await page.waitForSelector('#board:not([hidden])');
    expect(await page.$$eval('#board-rows td:first-child', (tds) => tds.map((td) => td.textContent))).toEqual([both[0]]);
    expect(await page.isVisible('#first-page')).toBe(false);
    await page.click('#next-page');
    await page.waitForFunction((t) => document.querySelector('#board-rows td')?.textContent === t, both[1]);
    expect(new URL(page.url()).searchParams.get('limit')).toBe('1');
    expect(await page.isVisible('#first-page')).toBe(true);
    await context.close();
  }, 120_000);

  it('tells a member who already voted online, where revoting is off, and shows their tracker', async () => {
    const { context, page } = await newPage();
    const m = onceVoters[0];
    await signInFromQr(page, once, m, 'SW1A 1AA');
    await visible(page, 'booth');
    await page.getByLabel('Alice Martin', { exact: true }).check();
    await page.click('#booth-form button[type=submit]');
    await visible(page, 'review');
    // The box stores the ballot but the answer is lost: the page posts the same ballot again,
    // the box says ballot_replayed with its tracker, and the page knows its vote is in.
    const bodies: string[] = [];
    await page.route('**/voter/ballots', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (bodies.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    const { tracker } = await castFromReview(page);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    await page.unroute('**/voter/ballots');
    expect(await boardStatus(once, tracker)).toEqual({ present: true, status: 'counts' });

    await page.goto(`${base}/vote/${once.id}?lang=en`);
    await visible(page, 'state');
    expect(await text(page, '#state-heading')).toBe('You have voted online');
    expect(await text(page, '#state-text')).toBe('Your ballot is in the ballot box and counts. This election does not let you vote a second time.');
    expect(await text(page, '#state-detail')).toContain(tracker);
    expect(await page.getAttribute('#state-board', 'href')).toBe(`/board/${once.id}?lang=en&tracker=${encodeURIComponent(tracker)}`);
    await step(page, '09-voted-online');
    await context.close();
  }, 120_000);

  it('refuses a member whose postal vote counts, in plain words; their own check finds no online ballot', async () => {
    const m = revoters[1];
    const staff = await staffSignIn(t, 'count_staff');
    const session = (await t.http().post(`/elections/${revote.id}/intake/sessions`).set('Authorization', staff).send({ station: 'BP' }).expect(201)).body.id as string;
    const scan = await t.http().post(`/elections/${revote.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code: m.identityCode, entry: 'barcode' }).expect(201);
    expect(scan.body.verdict).toBe('accept');

    const { context, page } = await newPage();
    await signInFromQr(page, revote, m);
    await visible(page, 'state');
    expect(await text(page, '#state-heading')).toBe('You have voted by post');
    expect(await text(page, '#state-text')).toMatch(/^Your postal vote has been received and it counts\. .*cannot vote online as well/);
    expect(await page.isVisible('#booth')).toBe(false);
    await step(page, '10-postal-counts');

    // The postal voter's check: nothing online with this credential; the server gets 4 hex digits.
    await page.goto(`${base}/vote/${revote.id}/check?lang=en`);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.fill('#credential', m.credential);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result:not([hidden])');
    expect(await text(page, '#result-text')).toBe('No online ballot was cast with this credential.');
    const credentialQueries = asked.filter((u) => u.includes('/ballot-box/credentials'));
    expect(credentialQueries).toHaveLength(1);
    expect(credentialQueries[0]).toMatch(/\?prefix=[0-9a-f]{4}$/);
    for (const u of asked) expect(u).not.toContain(m.credential);
    await step(page, '11-check-unused');

    // The online voter's credential: used.
    await page.fill('#credential', revoters[0].credential);
    await page.click('#check-button');
    await page.waitForFunction(() => document.getElementById('result-text')?.textContent?.startsWith('An online ballot'));
    expect(await text(page, '#result-help')).toMatch(/^If you did not vote online yourself/);
    await context.close();
  }, 120_000);

  it('speaks French through every step, under the pages’ own CSP (no bypass)', async () => {
    const { context, page } = await newPage({ locale: 'fr-FR', bypassCSP: false });
    const m = revoters[2];
    await page.goto(`${base}/vote/${revote.id}#vid=${m.votingId}&cred=${m.credential}`);
    await visible(page, 'signin');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await text(page, '#signin-heading')).toBe('Se connecter pour voter');
    expect(await text(page, '#second-factor-label')).toBe('Date de naissance');
    // A wrong date of birth: refused without saying whether the Voting ID exists.
    await page.fill('#second-factor', '02/02/1990');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#signin-error:not([hidden])');
    expect(await text(page, '#signin-error')).toMatch(/^L’identifiant de vote ou la donnée « date de naissance » est inexact/);
    await page.fill('#second-factor', '01/01/1980');
    await page.keyboard.press('Enter');
    await visible(page, 'booth');
    expect(await text(page, '#rule-1')).toBe('Choisissez entre 1 et 3 réponses.');
    await page.getByLabel('Ana Lima', { exact: true }).check();
    await page.getByLabel('Eva Novak', { exact: true }).check();
    await page.click('#booth-form button[type=submit]');
    await visible(page, 'review');
    await page.click('#review-confirm');
    await visible(page, 'sign');
    await page.click('#cast');
    await visible(page, 'receipt');
    expect(await text(page, '#receipt-heading')).toBe('Votre vote est dans l’urne');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, '12-receipt-fr-360.png'), fullPage: true });
    await page.goto(`${base}/board/${revote.id}`);
    await page.waitForSelector('#board:not([hidden])');
    expect(await page.$$eval('#board-rows td:last-child', (tds) => tds.map((td) => td.textContent))).toEqual(expect.arrayContaining(['Compte', 'Remplacé par un bulletin plus récent du même votant']));
    await context.close();
  }, 120_000);

  it('refuses a credential that is not the member’s own, and says so', async () => {
    const { context, page } = await newPage();
    await signInFromQr(page, revote, { ...revoters[3], credential: revoters[4].credential });
    await visible(page, 'booth');
    await page.getByLabel('Cleo Martin', { exact: true }).check();
    await page.getByLabel('Dev Patel', { exact: true }).check();
    await page.click('#booth-form button[type=submit]');
    await visible(page, 'review');
    await page.click('#review-confirm');
    await visible(page, 'sign');
    await page.click('#cast');
    await page.waitForSelector('#credential-error:not([hidden])');
    expect(await text(page, '#credential-error')).toBe('This credential does not belong to your Voting ID. Check that both come from the same letter.');
    await context.close();
  }, 120_000);

  it('had no serious or critical accessibility violation on any step', () => {
    expect(axeProblems).toEqual([]);
  });

  it('had no script error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
