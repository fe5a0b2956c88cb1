import { utcToLocalInput } from 'src/admin-console/zoned-time';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { createTestApp, TestApp } from 'test/support/test-app';

// The election editor's pages over HTTP: who may open them, that the form shows what the API
// holds (times in the election's zone), and the notice instead of a form once settings are fixed.
// The form at work in a browser is election-editor-browser.spec.ts.
describe('Election editor pages', () => {
  let t: TestApp;
  let admin: string;
  let observer: string;
  let authority: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    observer = await signIn(t, 'observer');
    authority = await signIn(t, 'credential_authority');
    const input = electionInput({ title: 'Board <i>2027</i>' });
    input.timeline = { onlineOpensAt: '2027-03-10T14:00:00.000Z', onlineClosesAt: '2027-03-20T21:30:00.000Z', postalDeadline: '2027-03-21T16:00:00.000Z', timeZone: 'America/New_York' };
    draftId = (await t.http().post('/elections').set('Authorization', admin).send(input).expect(201)).body.id as string;
  });
  afterAll(() => t.close());

  const page = (path: string, auth?: string) => (auth ? t.http().get(path).set('Authorization', auth) : t.http().get(path));

  it('asks someone not signed in to sign in first', async () => {
    for (const path of ['/admin/elections/new', `/admin/elections/${draftId}/edit`]) {
      const res = await page(path).expect(401);
      expect(res.text).toContain('id="sign-in"');
      expect(res.text).not.toContain('election-editor');
    }
  });

  it('opens the create and edit forms to administrators only, as POST and PATCH /elections allow', async () => {
    for (const who of [observer, authority]) {
      for (const path of ['/admin/elections/new', `/admin/elections/${draftId}/edit`]) {
        const res = await page(path, who).expect(403);
        expect(res.text).toContain('Not for your role');
        expect(res.text).not.toContain('id="election-editor"');
      }
    }
    await t.http().post('/elections').set('Authorization', observer).send(electionInput()).expect(403);
    const create = await page('/admin/elections/new', admin).expect(200);
    expect(create.text).toContain('data-method="POST" data-path="/elections"');
    expect(create.text).toContain('<script type="module" src="/admin/assets/election-editor.js"></script>');
  });

  it('offers “New election” on the list and “Edit settings” on a draft’s overview to administrators only', async () => {
    expect((await page('/admin', admin).expect(200)).text).toContain('href="/admin/elections/new?lang=en"');
    expect((await page('/admin', observer).expect(200)).text).not.toContain('/admin/elections/new');
    expect((await page(`/admin/elections/${draftId}`, admin).expect(200)).text).toContain(`href="/admin/elections/${draftId}/edit">Edit settings</a>`);
    expect((await page(`/admin/elections/${draftId}`, observer).expect(200)).text).not.toContain('/edit');
  });

  it('fills the edit form with what the API holds, escaped, with times on the election’s wall clock', async () => {
    const api = (await t.http().get(`/elections/${draftId}`).set('Authorization', admin).expect(200)).body;
    const res = await page(`/admin/elections/${draftId}/edit`, admin).expect(200);
    expect(res.text).toContain(`data-method="PATCH" data-path="/elections/${draftId}" data-version="${api.version}"`);
    expect(res.text).toContain('value="Board &#60;i&#62;2027&#60;/i&#62;"');
    expect(res.text).not.toContain('<i>2027</i>');
    for (const a of api.questions[0].answers as string[]) expect(res.text).toContain(`value="${a}"`);
    // 14:00 UTC on 10 March is 09:00 in New York (winter time); 21:30 on 20 March is 17:30 (summer time).
    expect(res.text).toMatch(/id="onlineOpensAt"[^>]*value="2027-03-10T09:00"/);
    expect(res.text).toMatch(/id="onlineClosesAt"[^>]*value="2027-03-20T17:30"/);
    expect(utcToLocalInput(api.timeline.postalDeadline, 'America/New_York')).toBe('2027-03-21T12:00');
    expect(res.text).toMatch(/id="postalDeadline"[^>]*value="2027-03-21T12:00"/);
    expect(res.text).toContain('<option selected>America/New_York</option>');
    expect(res.text).toMatch(/id="policy-online-overrides-postal"[^>]*checked/);
    expect(res.text).toContain('Online overrides postal: a member who votes online has their postal envelope set aside unopened');
    expect(res.text).toMatch(/<nav class="tabs"[^]*aria-current="page">Edit settings</);
  });

  it('gives the script its words in the page’s language, in a data block the CSP does not run', async () => {
    const res = await page('/admin/elections/new?lang=fr', admin).expect(200);
    const json = /<script type="application\/json" id="editor-texts">([^<]*)<\/script>/.exec(res.text)?.[1];
    expect(JSON.parse(json!)).toMatchObject({ titleEmpty: 'Le scrutin doit avoir un titre.', question: 'Question {n}' });
    expect(res.text).toContain('Ajouter une question');
  });

  it('says why a non-draft election’s settings are fixed, with no form', async () => {
    const id = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Called off' })).expect(201)).body.id as string;
    await t.http().post(`/elections/${id}/transitions`).set('Authorization', admin).send({ to: 'cancelled' }).expect(200);
    const res = await page(`/admin/elections/${id}/edit`, admin).expect(200);
    expect(res.text).toContain('Settings are fixed');
    expect(res.text).toContain('This election is “cancelled”: its settings can change only while it is a draft');
    expect(res.text).toContain(`href="/admin/elections/${id}?lang=en"`);
    expect(res.text).not.toContain('id="election-editor"');
    expect((await page(`/admin/elections/${id}`, admin).expect(200)).text).not.toContain('Edit settings</a></p>');
    await t.http().patch(`/elections/${id}`).set('Authorization', admin).send({ title: 'x' }).expect(409);
  });

  it('answers 404 for an election that does not exist or an id that cannot be one', async () => {
    await page('/admin/elections/00000000-0000-4000-8000-000000000000/edit', admin).expect(404);
    await page('/admin/elections/nope/edit', admin).expect(404);
  });
});
