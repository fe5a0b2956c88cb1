import { randomUUID } from 'node:crypto';
import { signIn } from 'test/support/auth';
import { packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { printedPaperIds } from 'test/support/papers';
import { createTestApp, TestApp } from 'test/support/test-app';

// The whole postal channel as staff work it: intake scans, closing intake, the count in a batch
// that reconciles against what intake released.
describe('postal channel end to end (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('envelopes accepted at intake are opened in a batch whose papers reconcile with them', async () => {
    const e = await openElection(t, { precedencePolicy: 'first-wins' });
    const [staff, admin] = [await signIn(t, 'count_staff'), await signIn(t, 'administrator')];
    const codes = await packCodes(t, e.id);
    const session = (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: 'D1' }).expect(201)).body.id as string;
    for (const c of codes.slice(0, 3)) {
      await t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code: c.code, entry: 'barcode' }).expect(201);
    }
    const released = await t.http().get(`/elections/${e.id}/intake/released`).set('Authorization', staff).expect(200);
    expect(released.body).toMatchObject({ total: 3, final: true });

    await t.http().post(`/elections/${e.id}/intake/sessions/${session}/close`).set('Authorization', staff).expect(200);
    for (const to of ['online_closed', 'postal_closed', 'counting']) {
      await t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to }).expect(200);
    }
    const batch = await t.http().post(`/elections/${e.id}/count/batches`).set('Authorization', staff).send({ label: 'D1-A01', envelopesOpened: 3 }).expect(201);
    // Papers are anonymous: any three printed papers, not those of the scanned members.
    const papers = (await printedPaperIds(t, e.id)).slice(2, 5);
    const bodies = [{ choices: [[1, 0, 0]] }, { choices: [[0, 1, 0]] }, { blank: true }];
    for (const [i, paperId] of papers.entries()) {
      await t.http().post(`/elections/${e.id}/count/batches/${batch.body.id}/records`).set('Authorization', staff).send({ paperId, ...bodies[i] }).expect(201);
    }
    await t.http().post(`/elections/${e.id}/count/batches/${batch.body.id}/close`).set('Authorization', staff).send({}).expect(200);
    const summary = await t.http().get(`/elections/${e.id}/count/summary`).set('Authorization', admin).expect(200);
    expect(summary.body.totals).toMatchObject({ envelopesReleased: 3, envelopesOpened: 3, envelopesNotOpened: 0, recorded: 3, valid: 2, blank: 1, reconciled: true });
    expect(summary.body.result[0].answers.map((a: { votes: number }) => a.votes)).toEqual([1, 1, 0]);
  });
});
