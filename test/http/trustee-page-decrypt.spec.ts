import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { signIn, TEST_PASSWORD } from 'test/support/auth';
import { ballotFor, voterFor } from 'test/support/ballots';
import { launchChromium } from 'test/support/browser';
import { openElectionWithTrustee } from 'test/support/open-election';
import { REPO_ROOT } from 'test/support/processes';
import { waitForTally } from 'test/support/tally';
import { createTestApp, TestApp } from 'test/support/test-app';
import { signInVoter } from 'test/support/voter';

// The trustee page's last step against the real endpoints: the trustee chooses the private key
// file, the browser fetches the encrypted tally, decrypts it, proves it, and uploads it; the
// server verifies it on arrival, and — the only trustee — it completes the result.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/trustee') : path.join(os.tmpdir(), `hb-trustee-decrypt-${process.pid}`);

jest.setTimeout(120_000);

describe('Trustee page: decrypt and upload (browser, real endpoints)', () => {
  let t: TestApp;
  let browser: Browser;
  let keyFile: string;
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (keyFile) fs.rmSync(keyFile, { force: true });
    if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  it('decrypts the tally in the browser, and the server accepts it and computes the result', async () => {
    t = await createTestApp();
    await signIn(t, 'trustee');
    const { election: e, trusteeSecret } = await openElectionWithTrustee(t, { questions: [{ question: 'Leader', answers: ['Alice', 'Bob'], min: 1, max: 1, blank: false }] });
    // Two members vote online: Bob, then Bob.
    for (const member of ['M0001', 'M0002']) {
      const cookie = await signInVoter(t, e, member);
      const b = await ballotFor(t, e.id, (await voterFor(t, e.id, member)).serial, [[1]]); // answer index 1: Bob
      await t.http().post(`/elections/${e.id}/voter/ballots`).set('Cookie', cookie).send({ ballot: b.raw }).expect(201);
    }
    for (const to of ['online_closed', 'postal_closed', 'counting', 'tallying'] as const) await t.get(ElectionsService).transition(e.id, to, SYSTEM);
    await waitForTally(t, e.id, 'awaiting_decryptions');

    // The key file exactly as `hybrid-ballot trustee keygen` and the page write it.
    keyFile = path.join(os.tmpdir(), `hb-decrypt-${process.pid}.privkey`);
    fs.writeFileSync(keyFile, JSON.stringify(trusteeSecret!.toString()), { mode: 0o600 });

    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));

    await page.goto(`${base}/trustee/${e.id}?lang=en`);
    await page.fill('#email', 'trustee@test.invalid');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('#sign-in-button');
    await page.waitForSelector('#signed-in:not([hidden])');
    await page.setInputFiles('#decrypt-key', keyFile);
    await page.click('#decrypt-button');
    await page.waitForSelector('#decrypt-result:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#decrypt-result-text')).toBe('Your partial decryption (trustee 1) was accepted. That was enough: the result is being computed.');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'decrypted-1280.png'), fullPage: true });

    // The private key never left the browser; the upload was the proven partial decryption.
    expect(sent.join('\n')).not.toContain(trusteeSecret!.toString());
    expect(sent.some((s) => s.includes('/tally/partial-decryptions') && s.includes('decryption_proofs'))).toBe(true);
    const done = await waitForTally(t, e.id, 'result_ready');
    expect(done.status).toBe('result_ready');
    const result = (await t.http().get(`/elections/${e.id}/result`).set('Authorization', await signIn(t, 'observer')).expect(200)).body as { questions: Array<{ answers: Array<{ answer: string; online: number }> }> };
    expect(result.questions[0].answers.map((a) => [a.answer, a.online])).toEqual([
      ['Alice', 0],
      ['Bob', 2],
    ]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
