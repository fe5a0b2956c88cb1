import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import type { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { signIn } from 'test/support/auth';
import { ballotFor } from 'test/support/ballots';
import { ConsoleBrowser, emailOf } from 'test/support/console-browser';
import { packCodes } from 'test/support/identity-codes';
import { printedPaperIds } from 'test/support/papers';
import { members, rollCsv } from 'test/support/roll';
import { partialFor, waitForTally } from 'test/support/tally';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, signInVoter } from 'test/support/voter';

jest.setTimeout(180_000);

// An administrator runs a small election from the console in a real browser: creates it in the
// editor, uploads a roll with an error and then the fixed file, freezes it, prints the packs
// watching the progress bar, registers the trustee, opens the election, watches the dashboard
// move by itself as members vote online and by post (through the API, as they would), closes it
// step by step with confirmations, sees the trustee's progress and the merged result, downloads
// the record and publishes. Screenshots of each screen go to docs/images/console.
describe('Console walk-through of an election (browser)', () => {
  let t: TestApp;
  let b: ConsoleBrowser;
  let page: Page;
  let electionId: string;
  let election: ElectionEntity;
  let trusteeSecret: bigint;
  let trusteeKey: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    await signIn(t, 'administrator');
    staff = await signIn(t, 'count_staff');
    const trustee = generateSingleTrustee();
    trusteeKey = serializeTrusteePublicKey(trustee.publicKey);
    trusteeSecret = trustee.secret;
    b = await ConsoleBrowser.start(t, 'walkthrough');
    page = (await b.newPage()).page;
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const admin = () => signIn(t, 'administrator');
  const figure = (label: string) => page.locator('#dashboard-figures tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td.num');
  /** Clicks a lifecycle button and confirms in the dialog. */
  async function move(to: string): Promise<void> {
    await page.getByRole('button', { name: `Move to “${to}”` }).click();
    // The page reloads once the API has answered: only then has the election moved.
    await Promise.all([page.waitForEvent('load'), page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click()]);
  }
  const status = async () => (await t.http().get(`/elections/${electionId}`).set('Authorization', await admin()).expect(200)).body.status as string;

  it('creates the election in the editor', async () => {
    await b.signIn(page, emailOf('administrator'));
    await page.getByRole('link', { name: 'New election' }).click();
    await page.fill('#title', 'Party leadership 2027');
    await page.click('text=Add a question');
    await page.fill('#q0-text', 'Who should lead the party?');
    await page.fill('#q0-a0', 'Alice Martin');
    await page.fill('#q0-a1', 'Bob Chen');
    await page.click('#questions button[data-action="add-answer"]');
    await page.keyboard.type('Chloé Durand');
    await page.selectOption('#time-zone', 'UTC');
    // datetime-local in the election's zone (UTC here): open since an hour, closing tomorrow.
    const local = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);
    await page.fill('#onlineOpensAt', local(-3600_000));
    await page.fill('#onlineClosesAt', local(24 * 3600_000));
    await page.fill('#postalDeadline', local(48 * 3600_000));
    await Promise.all([page.waitForURL(/\/admin\/elections\/[0-9a-f-]{36}\?lang=en$/), page.click('#save')]);
    electionId = /elections\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    election = await t.get(ElectionsService).get(electionId);
    expect(election.questions).toEqual([expect.objectContaining({ question: 'Who should lead the party?', answers: ['Alice Martin', 'Bob Chen', 'Chloé Durand'] })]);
  });

  it('uploads a roll with an error, reads the report, uploads the fixed file and commits it', async () => {
    await page.getByRole('link', { name: 'Member roll' }).click();
    const bad = [...members(1, 6), { member_number: 'M0003' }];
    await page.setInputFiles('#roll-file', { name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from(rollCsv(bad)) });
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForURL(/\/roll\/imports\//);
    await page.getByRole('cell', { name: 'duplicate_member_number' }).first().waitFor();
    await page.click('text=Back to the roll');
    await page.setInputFiles('#roll-file', { name: 'roll-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(rollCsv(members(1, 6))) });
    await page.click('#roll-upload button[type="submit"]');
    await page.waitForURL(/\/roll\/imports\//);
    await page.getByText('Every row is good.').waitFor();
    await page.click('button:has-text("Commit: make this file the roll")');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/roll\?lang=en$/);
    expect(await page.textContent('#roll-summary')).toMatch(/Active and eligible\s*6/);
  });

  it('freezes the roll and prints the packs while the progress bar moves', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await move('roll frozen');
    await page.getByRole('link', { name: 'Packs' }).click();
    await page.getByRole('button', { name: 'Start the print run' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('#pack-progress-bar').waitFor();
    // No reload: the bar's section refreshes itself until every pack is printed.
    await page.getByText('Every pack is printed.').waitFor({ timeout: 60_000 });
    await page.locator('h1 .status', { hasText: 'packs ready' }).waitFor();
    expect(await status()).toBe('packs_ready');
  });

  it('registers the trustee the key was sent by, then opens the election from its checklist', async () => {
    await page.getByRole('link', { name: 'Trustees' }).click();
    await page.getByText('No trustee yet').waitFor();
    const single = page.locator('section.register', { hasText: 'One trustee with a single key' });
    await single.getByLabel('Name').fill('Trustee A');
    await single.getByLabel('Public key (contents of the .pubkey file)').fill(trusteeKey);
    await single.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('rowheader', { name: 'Trustee A' }).waitFor();
    await b.axe(page, 'trustees');
    await b.shoot(page, 'trustees.png');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByText('Nothing stands in the way.').first().waitFor();
    await move('open');
    await page.locator('h1 .status', { hasText: 'open' }).waitFor();
    expect(await status()).toBe('open');
  });

  it('shows the dashboard moving by itself as members vote online and by post', async () => {
    await page.getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Closing balances' }).waitFor();
    expect(await figure('Online ballots cast').textContent()).toBe('0');
    await b.axe(page, 'dashboard (empty)');

    const e = election;
    for (const m of ['M0001', 'M0002']) {
      const cookie = await signInVoter(t, e, m);
      const { raw } = await ballotFor(t, electionId, await packSerialOf(t, e, m), [[1]]);
      await t.http().post(`/elections/${electionId}/voter/ballots`).set('Cookie', cookie).send({ ballot: raw }).expect(201);
    }
    const session = (await t.http().post(`/elections/${electionId}/intake/sessions`).set('Authorization', staff).send({ station: 'D1' }).expect(201)).body.id as string;
    const codes = await packCodes(t, electionId);
    for (const m of ['M0003', 'M0004', 'M0001']) {
      const code = codes.find((c) => c.memberNumber === m)!.code;
      await t.http().post(`/elections/${electionId}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201);
    }
    // No reload: the live region refreshes itself.
    await page.waitForFunction(() => /Online ballots cast\s*2/.test(document.getElementById('dashboard-figures')?.innerText ?? ''), undefined, { timeout: 30_000 });
    await page.waitForFunction(() => /Returns received\s*3/.test(document.getElementById('dashboard-figures')?.innerText ?? ''), undefined, { timeout: 30_000 });
    await page.getByText('Every balance adds up.').waitFor();
    await b.axe(page, 'dashboard (votes)');
    await b.shoot(page, 'dashboard.png');
  });

  it('closes the election step by step, each step confirmed', async () => {
    await page.getByRole('link', { name: 'Close and tally' }).click();
    await page.getByRole('heading', { name: 'Pull list' }).waitFor();
    await move('online voting closed');
    await move('postal returns closed');
    await move('counting');
    expect(await status()).toBe('counting');
    // The count staff key the released papers at their desk (through the API here).
    const released = (await t.http().get(`/elections/${electionId}/intake/released`).set('Authorization', staff).expect(200)).body as { items?: unknown[] };
    const opened = Array.isArray(released.items) ? released.items.length : 2;
    const batch = (await t.http().post(`/elections/${electionId}/count/batches`).set('Authorization', staff).send({ label: 'D1-A01', envelopesOpened: opened }).expect(201)).body.id as string;
    const papers = await printedPaperIds(t, electionId);
    for (let i = 0; i < opened; i++) {
      await t.http().post(`/elections/${electionId}/count/batches/${batch}/records`).set('Authorization', staff).send({ paperId: papers[i], choices: [[0, 0, 1]] }).expect(201);
    }
    await t.http().post(`/elections/${electionId}/count/batches/${batch}/close`).set('Authorization', staff).send({}).expect(200);
    await page.reload();
    await page.getByText('Every envelope released to the count is accounted for').waitFor();
    await move('tallying');
    await waitForTally(t, electionId, 'awaiting_decryptions');
    await page.reload();
    await page.getByText('0 of 1 trustees have decrypted').waitFor();
    await b.axe(page, 'close and tally (waiting for trustees)');
    await b.shoot(page, 'tally-waiting.png');
  });

  it('shows the merged result once the trustee has decrypted, then downloads the record and publishes', async () => {
    await t.http().post(`/elections/${electionId}/tally/partial-decryptions`).set('Authorization', await signIn(t, 'trustee')).send({ owner: 1, partialDecryption: await partialFor(t, electionId, trusteeSecret) }).expect(201);
    await waitForTally(t, electionId, 'result_ready');
    for (let i = 0; i < 300; i++) {
      const r = await t.http().get(`/elections/${electionId}/record`).set('Authorization', await admin()).expect(200);
      if (r.body.status === 'ready') break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Merged result' }).waitFor();
    await page.getByText('Not public yet').waitFor();
    await b.axe(page, 'close and tally (result)');
    await b.shoot(page, 'tally-result.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the record (zip)' }).click()]);
    const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    expect(Object.keys(files).some((f) => f.endsWith('manifest.json'))).toBe(true);

    await move('published');
    expect(await status()).toBe('published');
    await page.getByRole('link', { name: 'PDF report' }).waitFor();
  });

  it('ran without script errors and without serious accessibility problems', () => {
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
  });
});
