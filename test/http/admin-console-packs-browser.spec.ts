import * as fs from 'node:fs';
import * as path from 'node:path';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { PackEntity } from 'src/packs/pack.entity';
import { packsDir } from 'src/packs/print-files';
import { signIn } from 'test/support/auth';
import { ConsoleBrowser, emailOf } from 'test/support/console-browser';
import { electionInput } from 'test/support/factories';
import { byEmail, commitRoll, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

// The packs screen in a real browser: an administrator starts the print run of a frozen roll
// (confirmed), watches the bar move to 100 % without reloading, previews a member's pack,
// replaces a pack after confirming; the credential authority finds the batch files; the page
// reflows at 200 % zoom. Every state is scanned with axe-core.
describe('Console packs screen (browser)', () => {
  let t: TestApp;
  let b: ConsoleBrowser;
  let electionId: string;
  const MEMBERS = 200;

  beforeAll(async () => {
    t = await createTestApp();
    await signIn(t, 'administrator');
    await signIn(t, 'credential_authority');
    const e = await t.get(ElectionsService).create(electionInput({ title: 'Party leadership 2027' }), SYSTEM);
    // Enough packs (50 batches of 4) for the run to last several refreshes of the bar; two
    // members abroad get theirs by e-mail.
    await commitRoll(t, e.id, [...members(1, MEMBERS), ...byEmail(members(MEMBERS + 1, MEMBERS + 2))]);
    await t.get(ElectionsService).transition(e.id, 'roll_frozen', SYSTEM);
    electionId = e.id;
    b = await ConsoleBrowser.start(t, 'packs');
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('starts the print run after confirmation and moves the bar to 100 % without a reload', async () => {
    const { context, page } = await b.newPage();
    await b.signIn(page, emailOf('administrator'), `/admin/elections/${electionId}/packs`);
    await page.getByRole('heading', { name: 'Start the print run' }).waitFor();
    await page.getByLabel('Language of the packs').selectOption('fr');
    await b.axe(page, 'packs not started');
    await b.shoot(page, 'packs-start.png');

    await page.getByRole('button', { name: 'Start the print run' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Start printing the packs of “Party leadership 2027”?').waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const bar = page.locator('#pack-progress-bar');
    await bar.waitFor();
    // From here on the page must not be reloaded: the run section refreshes itself.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const seen: number[] = [];
    let shotMidRun = false;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [value, max] = await bar.evaluate((el: HTMLProgressElement) => [el.value, el.max]);
      if (seen.at(-1) !== value) seen.push(value);
      if (!shotMidRun && value > 0 && value < max) {
        await b.axe(page, 'packs printing');
        await b.shoot(page, 'packs-progress.png');
        shotMidRun = true;
      }
      if (value === max && (await page.getByText('Every pack is printed.').count())) break;
      if (Date.now() > deadline) throw new Error(`the bar stopped at ${value}/${max}`);
      await page.waitForTimeout(250);
    }
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // It moved through intermediate values, and ended at every printed pack.
    expect(seen.length).toBeGreaterThan(2);
    expect(await bar.getAttribute('max')).toBe(String(MEMBERS));
    expect(shotMidRun).toBe(true);
    expect(await page.locator('#pack-run').getAttribute('data-live')).toBeNull();
    // The election moved on when the run ended, and the heading says so.
    await page.locator('h1 .status', { hasText: 'packs ready' }).waitFor();
    await page.getByText(`${MEMBERS} of ${MEMBERS} packs (100 %)`).waitFor();
    const api = await t.http().get(`/elections/${electionId}/packs`).set('Authorization', await signIn(t, 'administrator')).expect(200);
    expect(api.body).toMatchObject({ status: 'generated', setup: { language: 'fr' } });
    await b.axe(page, 'packs printed');
    await b.shoot(page, 'packs-done.png');
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
    await context.close();
  }, 150_000);

  it('previews a member’s pack with placeholders, then replaces the pack after confirming', async () => {
    const { context, page } = await b.newPage();
    await b.signIn(page, emailOf('administrator'), `/admin/elections/${electionId}/packs`);
    await page.getByLabel('Member number').first().fill('M0007');
    await page.getByLabel('Page', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Show' }).click();
    const img = page.getByRole('img', { name: 'Page 1 of the pack of member M0007, codes replaced by XXXX' });
    await img.waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.pack-preview img')?.naturalWidth === 827);
    await b.axe(page, 'preview');
    await b.shoot(page, 'packs-preview.png');
    await page.locator('section[aria-labelledby="preview-h"]').screenshot({ path: path.join(b.screenshots, 'packs-preview-section.png') });

    // A member number that is not on the roll is said beside its input.
    await page.locator('#preview-member').fill('M9999');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No member with this number on the roll.').waitFor();
    expect(await page.locator('#preview-member').getAttribute('aria-invalid')).toBe('true');
    await b.axe(page, 'preview refused');

    const before = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: 'M0007', status: 'active' });
    const form = page.locator('#reissue-form');
    await form.getByLabel('Member number').fill('M0007');
    await form.getByLabel('Reason').fill('Not received');
    await form.getByLabel('Send the new pack').selectOption('post');
    await form.getByRole('button', { name: 'Void the pack and send a new one' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('The old pack’s codes stop working at once.').waitFor();
    // "Cancel" changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, serial: before.serial })).status).toBe('active');
    await form.getByRole('button', { name: 'Void the pack and send a new one' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const banner = page.getByRole('status').filter({ hasText: `Pack ${before.serial} of member M0007 is void` });
    await banner.waitFor();
    const after = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: 'M0007', status: 'active' });
    expect(after.serial).not.toBe(before.serial);
    await page.getByText(`the new pack is ${after.serial} (by post)`).waitFor();
    await b.axe(page, 'reissued');
    await b.shoot(page, 'packs-reissue.png');
    await page.locator('section[aria-labelledby="reissue-h"]').screenshot({ path: path.join(b.screenshots, 'packs-reissue-section.png') });

    // A bounce reported after sending: the serial typed goes into the API route's path.
    const emailed = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: `M0${MEMBERS + 1}` });
    for (let i = 0; i < 200 && !(await t.dataSource.getRepository(PackDeliveryEntity).countBy({ electionId })); i++) await new Promise((r) => setTimeout(r, 50));
    const bounce = page.locator('#mark-undeliverable');
    await bounce.getByLabel('Pack serial').fill(String(emailed.serial));
    await bounce.getByLabel('What the bounce said').fill('550 5.1.1 mailbox unavailable');
    await bounce.getByRole('button', { name: 'Mark undeliverable' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('cell', { name: '550 5.1.1 mailbox unavailable' }).waitFor();
    await page.getByRole('rowheader', { name: `M0${MEMBERS + 1}` }).waitFor();
    // A serial that is no e-mailed pack: the API's refusal, in the form.
    await bounce.getByLabel('Pack serial').fill('1');
    await bounce.getByLabel('What the bounce said').fill('550 no such user');
    await bounce.getByRole('button', { name: 'Mark undeliverable' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await bounce.getByText("Pack 1 is not an e-mailed member's pack.").waitFor();
    await b.axe(page, 'bounce refused');
    await page.locator('section[aria-labelledby="emails-h"]').screenshot({ path: path.join(b.screenshots, 'packs-emails-section.png') });

    // The same member again at once: the API's refusal is shown in the form.
    await form.getByLabel('Member number').fill('M9999');
    await form.getByLabel('Reason').fill('Lost');
    await form.getByRole('button', { name: 'Void the pack and send a new one' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await form.getByText('This member has no pack to replace.').waitFor();
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
    await context.close();
  }, 90_000);

  it('gives the credential authority the batch files and the printed replacement, and reflows at 200 % zoom', async () => {
    const { context, page } = await b.newPage({ width: 640, height: 900 });
    await b.signIn(page, emailOf('credential_authority'), `/admin/elections/${electionId}/packs`);
    await page.getByRole('link', { name: 'batch-0001.pdf' }).waitFor();
    expect(await page.getByRole('link', { name: 'batch-0026.pdf' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Next' }).first().click();
    await page.getByRole('link', { name: 'batch-0026.pdf' }).waitFor();
    const replaced = await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId, memberNumber: 'M0007', status: 'active' });
    const file = path.join(packsDir(t.config.dataDir, electionId), 'reissues', `pack-${String(replaced.serial).padStart(7, '0')}.pdf`);
    for (let i = 0; i < 200 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    await page.reload();
    await page.getByRole('link', { name: `New pack ${replaced.serial}` }).waitFor();
    expect(await page.locator('#reissue-form').count()).toBe(0);
    expect(await ConsoleBrowser.scrollsSideways(page)).toBe(false);
    await b.axe(page, 'credential authority at 200%');
    await b.shoot(page, 'packs-ca-zoom200.png');
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
    await context.close();
  }, 60_000);
});
