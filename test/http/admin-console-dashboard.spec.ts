import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import type { Reconciliation } from 'src/reconciliation/reconciliation.types';
import { signIn } from 'test/support/auth';
import { packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

// The reconciliation dashboard and the close-and-tally screen as pages: they show exactly the
// figures of the APIs they are built on (GET …/reconciliation, …/count/summary, …/intake/pull-list,
// …/tally), every balance that adds up in green words, and one that does not in red, with the
// difference, as soon as a row is lost from the database. The figures themselves are checked
// against the tables in reconciliation.spec.ts.
describe('Console: reconciliation dashboard and close-and-tally pages', () => {
  let t: TestApp;
  let admin: string;
  let observer: string;
  let electionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    observer = await signIn(t, 'observer');
    const staff = await signIn(t, 'count_staff');
    const e = await openElection(t, { title: 'Dashboard test' }, members(1, 8));
    electionId = e.id;
    const session = (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'D1' }).expect(201)).body.id as string;
    const codes = await packCodes(t, e.id);
    const scan = (code: string) => t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201);
    for (const c of codes.slice(0, 3)) await scan(c.code);
    await scan(codes[0].code); // a duplicate return: rejected
    await scan('not a code at all'); // unreadable: rejected
  }, 120_000);
  afterAll(() => t.close());

  const api = async (): Promise<Reconciliation> => (await t.http().get(`/elections/${electionId}/reconciliation`).set('Authorization', admin).expect(200)).body as Reconciliation;
  const page = (auth: string, path = 'dashboard') => t.http().get(`/admin/elections/${electionId}/${path}`).set('Authorization', auth);

  it('shows the API’s figures, every balance adding up, and refreshes itself while the poll is open', async () => {
    const r = await api();
    expect(r.postal.returnsReceived).toBe(5);
    expect(r.balances.every((b) => b.ok)).toBe(true);
    const res = await page(observer).expect(200);
    expect(res.text).toContain('Every balance adds up.');
    expect(res.text).not.toContain('MISMATCH');
    expect(res.text).toMatch(/id="dashboard-figures" data-live="15"/);
    const row = (label: string, n: number) => new RegExp(`<th scope="row">${label}</th><td class="num">${n}</td>`);
    expect(res.text).toMatch(row('Returns received', r.postal.returnsReceived));
    expect(res.text).toMatch(row('accepted', r.postal.accepted));
    expect(res.text).toMatch(row('rejected', r.postal.rejected));
    expect(res.text).toMatch(row('duplicate return', r.postal.rejectedByReason.duplicate_return));
    expect(res.text).toMatch(row('Eligible members', r.eligible));
    expect(res.text).toMatch(row('Packs made', r.packs.printed));
    expect((res.text.match(/class="balanced"/g) ?? []).length).toBe(r.balances.length);
    // Turnout so far, drawn and tabulated.
    expect(res.text).toContain('<svg class="turnout-chart" role="img"');
    expect(res.text).toContain(`so far ${r.turnout.points.at(-1)!.online} online and ${r.turnout.points.at(-1)!.postal} postal`);
  });

  it('shows a balance that does not add up in red, with the difference, after a return is lost from the database', async () => {
    const accepted = await t.dataSource.getRepository(IntakeScanEntity).findOneByOrFail({ electionId, verdict: In(['accept', 'hold']) });
    await t.dataSource.getRepository(IntakeScanEntity).delete({ electionId, scanId: accepted.scanId });
    const r = await api();
    const red = r.balances.filter((b) => !b.ok).map((b) => b.id);
    expect(red.length).toBeGreaterThan(0);
    const res = await page(admin).expect(200);
    expect(res.text).toMatch(new RegExp(`<p class="banner bad" role="alert">${red.length} balance\\(s\\) do NOT add up`));
    expect((res.text.match(/<tr class="unbalanced">/g) ?? []).length).toBe(red.length);
    expect(res.text).toMatch(/class="verdict bad">✗ MISMATCH: off by 1</);
  });

  it('is for administrators and observers only, as the reconciliation API is', async () => {
    await page(await signIn(t, 'credential_authority')).expect(403);
    await page(await signIn(t, 'trustee')).expect(403);
    await page(await signIn(t, 'count_supervisor')).expect(403);
  });

  it('close and tally: the pull list, the count batches and the trustees as their APIs give them', async () => {
    const [summary, pull, tally] = await Promise.all([
      t.http().get(`/elections/${electionId}/count/summary`).set('Authorization', admin).expect(200),
      t.http().get(`/elections/${electionId}/intake/pull-list`).set('Authorization', admin).expect(200),
      t.http().get(`/elections/${electionId}/tally`).expect(200),
    ]);
    const res = await page(admin, 'tally').expect(200);
    expect(res.text).toContain(`${pull.body.toPull as number} still to pull, ${pull.body.pulled as number} pulled.`);
    expect(res.text).toContain(summary.body.batches.length === 0 ? 'No count batch yet.' : 'Count batches');
    expect(res.text).toContain(`needed: ${tally.body.needed as string}`);
    expect(res.text).toContain('The result appears here once the trustees have decrypted the tally.');
    // Open: the next step is closing online voting, behind a confirmation.
    expect(res.text).toMatch(/data-confirm="Move “Dashboard test” from “open” to “online voting closed”\?/);
    const observed = await page(observer, 'tally').expect(200);
    expect(observed.text).not.toContain('/transitions');
  });
});
