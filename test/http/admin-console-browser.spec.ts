import { signIn } from 'test/support/auth';
import { ConsoleBrowser, emailOf } from 'test/support/console-browser';
import { electionInput } from 'test/support/factories';
import { createTestApp, TestApp } from 'test/support/test-app';

// The console's shell in a real browser: an administrator signs in through the form, finds the
// election, reads its checklist, cancels it after confirming (and a first "Cancel" in the dialog
// changes nothing); an observer reads the audit log; count staff are refused and sent to their
// desks. Every screen is scanned with axe-core and checked at 200% zoom.
describe('Administration console (browser)', () => {
  let t: TestApp;
  let b: ConsoleBrowser;
  let electionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, 'administrator');
    await signIn(t, 'observer');
    await signIn(t, 'count_staff');
    await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Regional council 2027' })).expect(201);
    electionId = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Party leadership 2027' })).expect(201)).body.id as string;
    b = await ConsoleBrowser.start(t, 'shell');
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('walks an administrator from sign-in to a confirmed lifecycle change', async () => {
    const { context, page } = await b.newPage();
    await page.goto(`${b.base}/admin`);
    await b.axe(page, 'sign-in');
    await b.shoot(page, 'sign-in.png');
    await b.signIn(page, emailOf('administrator'));
    await page.getByRole('heading', { name: 'Elections' }).waitFor();
    await b.axe(page, 'elections');
    await b.shoot(page, 'elections.png');

    await page.getByRole('link', { name: 'Party leadership 2027' }).click();
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    await b.axe(page, 'overview');
    await b.shoot(page, 'overview.png');
    // The roll is empty: freezing it is blocked and says why.
    await page.getByText('The roll has no eligible members: import one first.').waitFor();

    const cancel = page.getByRole('button', { name: 'Move to “cancelled”' });
    await cancel.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This cannot be undone.').waitFor();
    await b.axe(page, 'confirmation dialog');
    await b.shoot(page, 'confirm.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const before = await t.http().get(`/elections/${electionId}`).set('Authorization', await signIn(t, 'administrator')).expect(200);
    expect(before.body.status).toBe('draft');

    await cancel.click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('h1 .status', { hasText: 'cancelled' }).waitFor();
    const after = await t.http().get(`/elections/${electionId}`).set('Authorization', await signIn(t, 'administrator')).expect(200);
    expect(after.body.status).toBe('cancelled');
    await page.getByText('This election has reached its final status.').waitFor();
    await context.close();
  }, 60_000);

  it('shows an observer the audit log, chain verified, and reflows at 200% zoom', async () => {
    const { context, page } = await b.newPage({ width: 640, height: 900 });
    await b.signIn(page, emailOf('observer'), `/admin/elections/${electionId}/events`);
    await page.getByText('The chain is intact').waitFor();
    await page.getByRole('rowheader', { name: 'election.transitioned' }).waitFor();
    await page.getByLabel('Event type').fill('election.transitioned');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/type=election.transitioned/);
    expect(await page.getByRole('rowheader', { name: 'election.created' }).count()).toBe(0);
    expect(await ConsoleBrowser.scrollsSideways(page)).toBe(false);
    await b.axe(page, 'audit log');
    await b.shoot(page, 'audit-log-zoom200.png');
    // No lifecycle buttons for an observer.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    expect(await page.getByRole('button', { name: /Move to/ }).count()).toBe(0);
    await context.close();
  }, 60_000);

  it('refuses count staff and points them to their desks, in French under the page’s own policy', async () => {
    const { context, page } = await b.newPage({ locale: 'fr-FR', bypassCSP: false });
    await b.signIn(page, emailOf('count_staff'), '/admin', 'fr');
    await page.getByRole('heading', { name: 'Pas pour votre rôle' }).waitFor();
    await page.getByRole('link', { name: 'Poste de réception (scanner les enveloppes retournées)' }).waitFor();
    await b.shoot(page, 'refused-fr.png');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.locator('#sign-in').waitFor();
    await context.close();
    const { context: c2, page: p2 } = await b.newPage();
    await b.signIn(p2, emailOf('count_staff'));
    await b.axe(p2, 'refused');
    await c2.close();
  }, 60_000);

  it('ran without script errors and without serious accessibility problems', () => {
    expect(b.problems).toEqual([]);
    expect(b.axeProblems).toEqual([]);
  });
});
