import type { Page } from 'playwright-core';
import { signIn as apiSignIn, TEST_PASSWORD } from 'test/support/auth';
import { ConsoleBrowser } from 'test/support/console-browser';
import { createTestApp, TestApp } from 'test/support/test-app';

// The election editor in a real browser (Debian's Chromium, headless) against the application on
// an ephemeral port: an administrator signs in through the console's form, creates an election
// with a mistake that is flagged as it is typed and then fixed, edits it, and is told when someone
// else changed it meanwhile. What the API then holds is compared with what was typed, times in a
// non-UTC zone across a daylight-saving change included. Screenshots go to docs/images/console/
// with UPDATE_SCREENSHOTS=1.

interface ApiElection {
  id: string;
  title: string;
  version: number;
  description: string;
  [k: string]: unknown;
}

describe('Election editor (browser)', () => {
  let t: TestApp;
  let base: string;
  let b: ConsoleBrowser;
  let admin: string;
  let createdId = '';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await apiSignIn(t, 'administrator');
    b = await ConsoleBrowser.start(t, 'election-editor');
    base = b.base;
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const api = async (id: string) => (await t.http().get(`/elections/${id}`).set('Authorization', admin).expect(200)).body as ApiElection;
  const allElections = async () => (await t.http().get('/elections').set('Authorization', admin).expect(200)).body as ApiElection[];

  /** `bypassCSP` only to inject axe-core; the French run keeps the page's own CSP enforced. */
  const newPage = (viewport: { width: number; height: number }, opts: { locale?: string; bypassCSP?: boolean } = {}) => b.newPage({ ...viewport, ...opts });
  const axe = (page: Page, step: string) => b.axe(page, step);
  const shoot = (page: Page, name: string) => b.shoot(page, name);

  /** Opens a console page, signing in through the console's own form on the way. */
  async function openSignedIn(page: Page, url: string): Promise<void> {
    await page.goto(`${base}${url}`);
    await page.fill('#email', 'administrator@test.invalid');
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForEvent('load'), page.press('#password', 'Enter')]);
  }

  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();
  const invalid = (page: Page) => page.$$eval('[aria-invalid="true"]', (els) => els.map((el) => el.id));
  /** The error shown beside a field, read through the field's own aria-describedby. */
  const errorOf = (page: Page, id: string) =>
    page.$eval(`#${id}`, (el) => (el.getAttribute('aria-describedby') ?? '').split(' ').filter((d) => d.endsWith('-error')).map((d) => document.getElementById(d)?.textContent ?? '').join(' ').trim());
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('creates an election through the form: a mistake flagged as typed and fixed, then exactly what was typed saved', async () => {
    const { context, page } = await newPage({ width: 1100, height: 900 });
    await openSignedIn(page, '/admin');
    await Promise.all([page.waitForURL(/\/admin\/elections\/new/), page.click('text=New election')]);
    await page.waitForSelector('#election-editor');
    expect(await page.isHidden('#problem-summary')).toBe(true);
    await axe(page, 'editor empty');
    await shoot(page, 'editor-empty.png');

    await page.fill('#title', 'Regional board 2027');
    await page.fill('#description', 'Elect the regional board.');
    await page.click('text=Add a question');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q0-text');
    await page.fill('#q0-text', 'Who should chair the board?');
    await page.fill('#q0-a0', 'Ana Silva');
    await page.fill('#q0-a1', 'Ben Okafor');
    await page.click('#questions button[data-action="add-answer"]');
    await page.keyboard.type('Chen Wei');
    // Two mistakes: a maximum above the number of answers, and a closing before the opening.
    await page.fill('#q0-max', '4');
    expect(await invalid(page)).toEqual(['q0-max']);
    expect(await errorOf(page, 'q0-max')).toBe('Question 1: the maximum (4) is above the number of answers (3).');
    await page.selectOption('#time-zone', 'America/New_York');
    await page.fill('#onlineOpensAt', '2027-03-10T09:00');
    await page.fill('#onlineClosesAt', '2027-03-09T17:00');
    expect(await invalid(page)).toEqual(['q0-max', 'onlineClosesAt']);
    expect(await errorOf(page, 'onlineClosesAt')).toBe('Online voting closes before it opens.');
    expect(await text(page, '#problem-summary h2')).toBe('Nothing was saved: 2 problem(s) to fix.');
    // Saving is refused while they stand, and the summary takes the focus.
    const before = (await allElections()).length;
    await page.click('#save');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('problem-summary');
    expect((await allElections()).length).toBe(before);
    await axe(page, 'editor with problems');
    await shoot(page, 'editor-problems.png');

    await page.fill('#q0-max', '2');
    // Summer time starts in New York on 14 March 2027: these two are on either side of it.
    await page.fill('#onlineClosesAt', '2027-03-20T17:30');
    await page.fill('#postalDeadline', '2027-03-21T12:00');
    expect(await invalid(page)).toEqual([]);
    expect(await page.isHidden('#problem-summary')).toBe(true);
    await page.click('#q0-blank');
    await page.click('label[for="policy-first-wins"]');
    await page.click('#revoting');
    await page.selectOption('#second-factor', 'postcode');
    await page.click('[aria-label="Move answer 3 up"]');
    expect(await page.$$eval('[data-part="answer"]', (els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(['Ana Silva', 'Chen Wei', 'Ben Okafor']);
    expect(await page.$$eval('.answer label', (els) => els.map((el) => el.textContent))).toEqual(['Answer 1', 'Answer 2', 'Answer 3']);
    await axe(page, 'editor filled');
    await shoot(page, 'editor-filled.png');

    await Promise.all([page.waitForURL(/\/admin\/elections\/[0-9a-f-]{36}\?lang=en$/), page.click('#save')]);
    createdId = /elections\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await text(page, 'h1')).toContain('Regional board 2027');
    expect(await api(createdId)).toMatchObject({
      status: 'draft',
      version: 1,
      title: 'Regional board 2027',
      description: 'Elect the regional board.',
      questions: [{ question: 'Who should chair the board?', answers: ['Ana Silva', 'Chen Wei', 'Ben Okafor'], min: 1, max: 2, blank: true }],
      channels: { online: true, postal: true },
      precedencePolicy: 'first-wins',
      onlineRevoting: false,
      secondFactor: 'postcode',
      timeline: { onlineOpensAt: '2027-03-10T14:00:00.000Z', onlineClosesAt: '2027-03-20T21:30:00.000Z', postalDeadline: '2027-03-21T16:00:00.000Z', timeZone: 'America/New_York' },
    });
    await context.close();
  }, 90_000);

  it('edits the draft: questions added and removed (after confirming), times kept unless changed', async () => {
    const { context, page } = await newPage({ width: 1100, height: 900 });
    await openSignedIn(page, `/admin/elections/${createdId}`);
    await Promise.all([page.waitForURL(/\/edit$/), page.click('text=Edit settings')]);
    await page.fill('#title', 'Regional board 2027 (second call)');
    await page.click('text=Add a question');
    await page.fill('#q1-text', 'Approve the accounts?');
    await page.fill('#q1-a0', 'Yes');
    await page.fill('#q1-a1', 'No');
    await page.click('[aria-label="Move question 2 up"]');
    expect(await page.inputValue('#q0-text')).toBe('Approve the accounts?');
    // Removing a question asks first; cancelling keeps it.
    await page.click('[aria-label="Remove question 2"]');
    await page.click('#confirm-dialog button[value="cancel"]');
    expect(await page.$$eval('.question', (els) => els.length)).toBe(2);
    await page.fill('#postalDeadline', '2027-03-22T12:00');
    await Promise.all([page.waitForURL(/\/admin\/elections\/[0-9a-f-]{36}\?lang=en$/), page.click('#save')]);
    const saved = await api(createdId);
    expect(saved).toMatchObject({
      version: 2,
      title: 'Regional board 2027 (second call)',
      questions: [
        { question: 'Approve the accounts?', answers: ['Yes', 'No'], min: 1, max: 1, blank: false },
        { question: 'Who should chair the board?', answers: ['Ana Silva', 'Chen Wei', 'Ben Okafor'], min: 1, max: 2, blank: true },
      ],
      timeline: { onlineOpensAt: '2027-03-10T14:00:00.000Z', onlineClosesAt: '2027-03-20T21:30:00.000Z', postalDeadline: '2027-03-22T16:00:00.000Z', timeZone: 'America/New_York' },
    });

    await page.goto(`${base}/admin/elections/${createdId}/edit`);
    await page.click('[aria-label="Remove question 1"]');
    await page.click('#confirm-dialog button[value="confirm"]');
    expect(await page.inputValue('#q0-text')).toBe('Who should chair the board?');
    await Promise.all([page.waitForURL(/\?lang=en$/), page.click('#save')]);
    expect((await api(createdId)).questions).toEqual([{ question: 'Who should chair the board?', answers: ['Ana Silva', 'Chen Wei', 'Ben Okafor'], min: 1, max: 2, blank: true }]);
    await context.close();
  }, 90_000);

  it('reports a stale version when the election was changed by someone else meanwhile, and saves nothing', async () => {
    const { context, page } = await newPage({ width: 1100, height: 900 });
    await openSignedIn(page, `/admin/elections/${createdId}/edit`);
    const loaded = await api(createdId);
    await t.http().patch(`/elections/${createdId}`).set('Authorization', admin).send({ description: 'Changed by a colleague.', version: loaded.version }).expect(200);
    await page.fill('#title', 'My late change');
    await page.click('#save');
    await page.waitForSelector('#problem-summary:not([hidden])');
    expect(await text(page, '#problem-summary li')).toContain('Someone else changed this election since you opened this page, so nothing was saved.');
    expect(await page.getAttribute('#problem-summary li a', 'href')).toBe(page.url());
    expect(await api(createdId)).toMatchObject({ title: 'Regional board 2027 (second call)', description: 'Changed by a colleague.', version: loaded.version + 1 });
    await axe(page, 'editor stale version');
    await context.close();
  }, 60_000);

  it('shows the server’s own field errors beside the field, like its own', async () => {
    const { context, page } = await newPage({ width: 1100, height: 900 });
    await openSignedIn(page, `/admin/elections/${createdId}/edit`);
    // A limit the browser does not know yet (a newer server): the 400's field error lands on the field.
    await page.route('**/elections/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 400, json: { error: { code: 'validation_failed', message: 'title: too long', fields: { title: ['title must be shorter than or equal to 20 characters'] } } } })
        : route.continue(),
    );
    await page.fill('#title', 'A title the server finds too long');
    await page.click('#save');
    await page.waitForSelector('#title[aria-invalid="true"]');
    expect(await errorOf(page, 'title')).toBe('title must be shorter than or equal to 20 characters');
    expect(await text(page, '#problem-summary li a')).toBe('title must be shorter than or equal to 20 characters');
    // Editing the field clears the server's complaint about it.
    await page.fill('#title', 'Short');
    expect(await invalid(page)).toEqual([]);
    await page.unrouteAll({ behavior: 'wait' });
    await context.close();
  }, 60_000);

  it('fits a 640 px wide window (200% zoom) and works by keyboard', async () => {
    const { context, page } = await newPage({ width: 640, height: 900 });
    await openSignedIn(page, `/admin/elections/${createdId}/edit`);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.focus('#questions button[data-action="add-answer"]');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q0-a3');
    await page.keyboard.type('Dana Kim');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move answer 4 up');
    await page.keyboard.press('Enter');
    expect(await page.$$eval('[data-part="answer"]', (els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(['Ana Silva', 'Chen Wei', 'Dana Kim', 'Ben Okafor']);
    expect(await noHorizontalScroll(page)).toBe(true);
    await axe(page, 'editor at 640 px');
    await context.close();
  }, 60_000);

  it('speaks French, under its own Content-Security-Policy', async () => {
    const { context, page } = await newPage({ width: 1100, height: 900 }, { locale: 'fr-FR', bypassCSP: false });
    await openSignedIn(page, '/admin/elections/new');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await text(page, 'h1')).toBe('Nouveau scrutin');
    await page.click('text=Ajouter une question');
    await page.fill('#q0-a0', 'Oui');
    await page.fill('#q0-a1', 'oui');
    await page.click('#save');
    expect(await errorOf(page, 'title')).toBe('Le scrutin doit avoir un titre.');
    expect(await errorOf(page, 'q0-a1')).toBe('La question 1 contient « oui » deux fois.');
    expect(await text(page, '#problem-summary h2')).toBe('Rien n’a été enregistré : 3 problème(s) à corriger.');
    await shoot(page, 'editor-fr.png');
    await context.close();
  }, 60_000);

  it('had no script error, no Content-Security-Policy violation and no serious accessibility issue', () => {
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
  });
});
