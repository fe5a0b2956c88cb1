import type { Page } from 'playwright-core';
import { signIn as apiSignIn, TEST_PASSWORD } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { rollCsv } from 'test/support/roll';
import { ConsoleBrowser } from 'test/support/console-browser';
import { createTestApp, TestApp } from 'test/support/test-app';

// The roll screen in a real browser (Debian's Chromium, headless) against the real application
// on an ephemeral port: an administrator signs in through the console's form, uploads a roll
// with bad rows and reads them by line, is refused a file too large and one that is not a roll,
// uploads the corrected file and commits it, searches a member, and after the roll is frozen
// amends that member with a reason, which the audit log then shows. Every state is scanned with
// axe-core and must not scroll sideways at 640 px (200% zoom of a 1280 px window).
// Screenshots go to docs/images/console/ with UPDATE_SCREENSHOTS=1.
// Small, so that "too large" needs no large file; the good roll below stays under it.
const UPLOAD_LIMIT = 4096;

const GOOD = [
  { member_number: 'M0001', given_names: 'Alice', family_name: 'Martin', address_line_1: '1 High Street', postcode: 'SW1A 1AA' },
  { member_number: 'M0002', given_names: 'Bob', family_name: 'Chen', address_line_1: '2 Rue de la Paix', postcode: '75002', country: 'FR' },
  { member_number: 'M0003', given_names: 'Chloé', family_name: 'Durand', address_line_1: '3 Main Road', postcode: 'D02 X285', country: 'IE', email: 'chloe@example.ie' },
  { member_number: 'M0004', given_names: 'Dan', family_name: 'Evans', address_line_1: '4 Oak Lane', postcode: 'CF10 1AA', channel: 'postal-only' },
  { member_number: 'M0005', given_names: 'Eve', family_name: 'Fox', address_line_1: '5 Elm Row', postcode: 'EH1 1AA', eligible: 'no' },
];
const WITH_ERRORS = [
  GOOD[0],
  { ...GOOD[1], date_of_birth: '1985-02-30' },
  GOOD[2],
  { ...GOOD[3], country: 'XX' },
  { ...GOOD[4], member_number: 'M0001' },
];

describe('Roll screen (browser)', () => {
  let t: TestApp;
  let base: string;
  let b: ConsoleBrowser;
  let electionId: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ limits: { jsonBodyBytes: 256 * 1024, uploadBytes: UPLOAD_LIMIT } });
    admin = await apiSignIn(t, 'administrator');
    electionId = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Party leadership 2027' })).expect(201)).body.id as string;
    b = await ConsoleBrowser.start(t, 'roll-screen');
    base = b.base;
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const newPage = () => b.newPage({ width: 1100 });
  const check = (page: Page, step: string) => b.check(page, step);
  const shoot = (page: Page, name: string) => b.shoot(page, name);

  const file = (rows: typeof GOOD | typeof WITH_ERRORS, name = 'roll.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(rollCsv(rows)) });

  async function confirm(page: Page, question: RegExp): Promise<void> {
    await page.waitForSelector('#confirm-dialog[open]');
    expect(await page.textContent('#confirm-text')).toMatch(question);
    await page.click('#confirm-dialog button[value="confirm"]');
  }

  it('uploads a roll with errors, shows the bad rows, takes the corrected file, commits, searches and amends a member', async () => {
    const { context, page } = await newPage();
    const roll = `${base}/admin/elections/${electionId}/roll`;

    // Signing in through the console's own form, by keyboard.
    await page.goto(roll);
    await page.focus('#email');
    await page.keyboard.type('administrator@test.invalid');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#roll-upload');
    expect(await page.textContent('#roll-summary')).toContain('No roll yet.');
    await check(page, 'empty roll');

    // Too large for the limit: refused before sending, said next to the input.
    await page.setInputFiles('#roll-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(UPLOAD_LIMIT + 1, 'a') });
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForSelector('#roll-upload-error:not([hidden])');
    expect(await page.textContent('#roll-upload-error')).toBe('This file is 4 kB, more than the upload limit of 4 kB. Split the roll or ask for the limit to be raised.');
    expect(await page.getAttribute('#roll-file', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#roll-file', 'aria-describedby')).toBe('roll-file-hint roll-upload-error');

    // Not a roll: the API's refusal and the header problems it names.
    await page.setInputFiles('#roll-file', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('member_number,emial\nM1,x@example.org\n') });
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForFunction(() => /emial/.test(document.getElementById('roll-upload-error')?.textContent ?? ''));
    const refusal = (await page.textContent('#roll-upload-error')) ?? '';
    expect(refusal).toMatch(/^That did not work: Line 1 must name the roll columns: column 2 "emial" is not a roll column/);
    // Each problem once: the first is in the message, the others listed under it.
    expect(refusal.split('"emial"')).toHaveLength(2);
    expect(await page.$$eval('#roll-upload-error li', (li) => li.map((l) => l.textContent))).toEqual(expect.arrayContaining(['the required column family_name is missing']));
    await check(page, 'upload refused');
    await shoot(page, 'roll-upload-refused.png');

    // A file with bad rows: the report lists them by line, with the reason.
    await page.setInputFiles('#roll-file', file(WITH_ERRORS));
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForURL(/\/roll\/imports\/[0-9a-f-]+\?lang=en$/);
    expect(await page.textContent('#report-invalid')).toBe('4 (of which 2 with a repeated member number)');
    const issues = await page.$$eval('#issues tbody tr', (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)));
    expect(issues).toEqual([
      ['2', 'member_number', 'duplicate_member_number', 'member number appears again later in the file'],
      ['3', 'date_of_birth', 'impossible_date', expect.any(String)],
      ['5', 'country', 'bad_country', expect.any(String)],
      ['6', 'member_number', 'duplicate_member_number', 'member number already on line 2'],
    ]);
    const csv = await page.getAttribute('a[download]', 'href');
    const report = await context.request.get(`${base}${csv}`);
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain('impossible_date');
    await check(page, 'report with errors');
    await shoot(page, 'roll-report-errors.png');

    // Committing it as it is is refused by the API, and the page says why.
    await page.click('button:has-text("Commit: make this file the roll")');
    await confirm(page, /Make this file the roll of “Party leadership 2027”\? 1 members/);
    await page.waitForSelector('.decide .form-error:not([hidden])');
    expect(await page.textContent('.decide .form-error')).toContain('4 rows have errors');

    // The file waits on the roll page; the corrected one replaces it.
    await page.click('text=Back to the roll');
    await page.waitForSelector('#pending-imports');
    expect(await page.$$eval('#pending-imports tbody tr', (r) => r.length)).toBe(1);
    await page.setInputFiles('#roll-file', file(GOOD, 'roll-fixed.csv'));
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForURL(/\/roll\/imports\//);
    expect(await page.textContent('main')).toContain('Every row is good.');
    await check(page, 'report without errors');
    await page.click('button:has-text("Commit: make this file the roll")');
    await confirm(page, /5 members: 5 new, 0 changed/);
    await page.waitForURL(/\/roll\?lang=en$/);
    const summary = await page.textContent('#roll-summary');
    expect(summary).toMatch(/Members\s*5\s*Active and eligible\s*4/);
    // In family-name order, as the members API answers.
    expect(await page.$$eval('.member-number', (els) => els.map((e) => e.textContent))).toEqual(['M0002', 'M0003', 'M0004', 'M0005', 'M0001']);
    // The first file is still waiting, but was compared with no roll: committing it now would be refused.
    expect(await page.textContent('#pending-imports')).toContain('Out of date: another roll was committed since.');
    await check(page, 'roll after commit');
    await shoot(page, 'roll-committed.png');

    // Search by family name, accents ignored.
    await page.fill('#s-name', 'durand');
    await page.press('#s-name', 'Enter');
    await page.waitForURL(/name=durand/);
    expect(await page.$$eval('.member-number', (els) => els.map((e) => e.textContent))).toEqual(['M0003']);
    expect(await page.textContent('.member')).toContain('chloe@example.ie');
    await check(page, 'search');
    await shoot(page, 'roll-search.png');

    // Frozen through the API; the member is amended with a reason.
    await t.http().post(`/elections/${electionId}/transitions`).set('Authorization', admin).send({ to: 'roll_frozen' }).expect(200);
    await page.reload();
    expect(await page.$('#roll-upload')).toBeNull();
    await page.click('summary:has-text("Amend member M0003")');
    await page.fill('#m0-postcode', '!!');
    await page.fill('#m0-reason', 'Moved within Dublin');
    await page.click('button:has-text("Save the amendment")');
    await confirm(page, /Amend member M0003\?/);
    await page.waitForSelector('.amend .form-error:not([hidden])');
    expect(await page.getAttribute('#m0-postcode', 'aria-invalid')).toBe('true');
    const errorId = await page.getAttribute('.amend .form-error', 'id');
    expect(await page.getAttribute('#m0-postcode', 'aria-describedby')).toBe(errorId);
    expect(await page.textContent('.amend .form-error')).toBe('That did not work: postcode: not a valid postcode for the country');
    await check(page, 'amendment refused');
    await shoot(page, 'roll-amend.png');

    await page.fill('#m0-postcode', 'D04 Y5N3');
    await page.click('button:has-text("Save the amendment")');
    await confirm(page, /Amend member M0003\?/);
    await page.waitForFunction(() => /D04 Y5N3/.test(document.querySelector('.member dl')?.textContent ?? ''));
    expect(await page.textContent('.member')).toContain('Last amended');
    await check(page, 'member amended');

    // The audit log has the amendment: fields named, reason given, no values.
    await page.click('nav.tabs >> text=Audit log');
    await page.waitForSelector('table.events');
    const amended = page.locator('tr', { hasText: 'roll.member_amended' });
    await amended.locator('summary').click();
    const data = await amended.locator('pre').textContent();
    expect(JSON.parse(data ?? '{}')).toMatchObject({ memberNumber: 'M0003', fields: ['postcode'], reason: 'Moved within Dublin' });
    expect(data).not.toContain('D04');
    await check(page, 'audit log');

    await context.close();
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
  }, 120_000);
});
