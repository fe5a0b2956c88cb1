import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import type { ElectionEntity } from 'src/elections/election.entity';
import { signIn } from 'test/support/auth';
import { ballotFor } from 'test/support/ballots';
import { ConsoleBrowser, emailOf } from 'test/support/console-browser';
import { packCodes } from 'test/support/identity-codes';
import { packsReadyElection } from 'test/support/open-election';
import { printedPaperIds } from 'test/support/papers';
import { members } from 'test/support/roll';
import { partialFor, waitForTally } from 'test/support/tally';
import { createTestApp, TestApp } from 'test/support/test-app';
import { packSerialOf, signInVoter } from 'test/support/voter';

jest.setTimeout(180_000);

// An administrator runs a small election from the console in a real browser: opens it, watches
// the dashboard move by itself as members vote online and by post (through the API, as they
// would), closes it step by step with confirmations, sees the trustees' progress and the merged
// result, downloads the record and publishes. Screenshots of each screen go to docs/images/console.
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
    const e = await packsReadyElection(t, { title: 'Party leadership 2027' }, members(1, 6));
    electionId = e.id;
    election = e;
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
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('h1').waitFor();
    await page.waitForLoadState('load');
  }
  const status = async () => (await t.http().get(`/elections/${electionId}`).set('Authorization', await admin()).expect(200)).body.status as string;

  it('registers the trustee the key was sent by, then opens the election from its checklist', async () => {
    await b.signIn(page, emailOf('administrator'), `/admin/elections/${electionId}`);
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
