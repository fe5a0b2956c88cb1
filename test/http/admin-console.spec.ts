import { EventEntity } from 'src/events/event.entity';
import { PAGE_CSP } from 'src/intake-page/page-headers';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { createTestApp, TestApp } from 'test/support/test-app';

// The administration console's pages over HTTP (issue 9): who sees which screen, what each
// screen says, and that it says the same as the API it is built on. The browser walk-through
// and the accessibility scan are in admin-console-browser.spec.ts.
describe('Administration console pages', () => {
  let t: TestApp;
  let admin: string;
  let observer: string;
  let countStaff: string;
  let electionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    observer = await signIn(t, 'observer');
    countStaff = await signIn(t, 'count_staff');
    const res = await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Leadership <b>2027</b>' })).expect(201);
    electionId = res.body.id as string;
  });
  afterAll(() => t.close());

  const page = (path: string, auth?: string) => {
    const req = t.http().get(path);
    return auth ? req.set('Authorization', auth) : req;
  };

  it('answers someone not signed in with the sign-in form, under the strict page policy', async () => {
    for (const path of ['/admin', `/admin/elections/${electionId}`, `/admin/elections/${electionId}/events`]) {
      const res = await page(path).expect(401);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.text).toContain('data-api-path="/auth/login"');
      expect(res.text).not.toContain('Leadership');
    }
  });

  it('never lets the sign-in form put a password into a URL, even before its script has run', async () => {
    const res = await page('/admin').expect(401);
    expect(res.text).toMatch(/<form id="sign-in" class="stack narrow" method="post" action="\/auth\/login"/);
    // Without the script the browser would post the form itself; the sign-in API takes JSON only,
    // so no other site's form can sign a browser in either.
    const native = await t.http().post('/auth/login').type('form').send({ email: 'administrator@test.invalid', password: 'test-only-password-0123' });
    expect(native.status).toBe(415);
    expect(native.headers['set-cookie']).toBeUndefined();
  });

  it('treats an expired or unknown session as not signed in', async () => {
    const res = await page('/admin', 'Bearer not-a-real-session-token').expect(401);
    expect(res.text).toContain('id="sign-in"');
  });

  it('lists the elections for an administrator, titles escaped, each linked to its overview', async () => {
    const res = await page('/admin', admin).expect(200);
    expect(res.text).toContain('Leadership &#60;b&#62;2027&#60;/b&#62;');
    expect(res.text).not.toContain('<b>2027</b>');
    expect(res.text).toContain(`href="/admin/elections/${electionId}"`);
    expect(res.text).toMatch(/Signed in as <strong>[^<]+<\/strong> \(administrator\)/);
  });

  it('speaks French when asked, by query or by the browser', async () => {
    const byQuery = await page('/admin?lang=fr', admin).expect(200);
    expect(byQuery.text).toContain('<html lang="fr">');
    expect(byQuery.text).toContain('Scrutins');
    const byHeader = await page(`/admin/elections/${electionId}`, admin).set('Accept-Language', 'fr-CA,fr;q=0.9').expect(200);
    expect(byHeader.text).toContain('Étapes suivantes');
    expect(byHeader.text).toContain('brouillon');
  });

  it('refuses count staff every console screen and points them to their desks', async () => {
    for (const path of ['/admin', `/admin/elections/${electionId}`, `/admin/elections/${electionId}/events`]) {
      const res = await page(path, countStaff).expect(403);
      expect(res.text).toContain('Not for your role');
      expect(res.text).toContain('href="/intake"');
      expect(res.text).toContain('href="/count/adjudication"');
      expect(res.text).not.toContain('Who should lead the party?');
    }
  });

  it('shows the pre-launch checklist with exactly the problems the lifecycle API reports', async () => {
    const api = await t.http().get(`/elections/${electionId}/lifecycle`).set('Authorization', admin).expect(200);
    const res = await page(`/admin/elections/${electionId}`, admin).expect(200);
    const freeze = api.body.next.find((n: { to: string }) => n.to === 'roll_frozen') as { problems: string[] };
    expect(freeze.problems.length).toBeGreaterThan(0);
    for (const p of freeze.problems) expect(res.text).toContain(p.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
    // Blocked: no button to freeze; cancelling is possible and asks for confirmation first.
    expect(res.text).not.toContain('name="to" value="roll_frozen"');
    expect(res.text).toMatch(/data-api-path="\/elections\/[0-9a-f-]+\/transitions" data-confirm="[^"]*cancelled[^"]*This cannot be undone/);
    expect(res.text).toContain('Online overrides postal: a member who votes online has their postal envelope set aside unopened');
  });

  it('offers the settings editor in the navigation only while the election is a draft', async () => {
    const draft = await page(`/admin/elections/${electionId}`, admin).expect(200);
    expect(draft.text).toContain(`href="/admin/elections/${electionId}/edit"`);
    const other = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Cancelled one' })).expect(201)).body.id as string;
    await t.http().post(`/elections/${other}/transitions`).set('Authorization', admin).send({ to: 'cancelled' }).expect(200);
    const cancelled = await page(`/admin/elections/${other}`, admin).expect(200);
    expect(cancelled.text).not.toContain('/edit"');
    // The page itself still says why there is nothing to edit.
    await page(`/admin/elections/${other}/edit`, admin).expect(200);
  });

  it('shows an observer the checklist without the lifecycle buttons the API would refuse them', async () => {
    const res = await page(`/admin/elections/${electionId}`, observer).expect(200);
    expect(res.text).toContain('Next steps');
    expect(res.text).not.toContain('/transitions');
  });

  it('answers 404 for an unknown election and for an id that cannot be one', async () => {
    await page('/admin/elections/00000000-0000-4000-8000-000000000000', admin).expect(404);
    const res = await page('/admin/elections/nope', admin).expect(404);
    expect(res.text).toContain('Not found');
  });

  describe('audit log', () => {
    let id: string;
    beforeAll(async () => {
      id = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Audited' })).expect(201)).body.id as string;
      for (let i = 0; i < 3; i++) {
        await t.http().patch(`/elections/${id}`).set('Authorization', admin).send({ description: `edit ${i}`, version: i + 1 }).expect(200);
      }
    });

    it('lists the same events as the API, with the chain verified', async () => {
      const api = await t.http().get(`/elections/${id}/events`).set('Authorization', admin).expect(200);
      const res = await page(`/admin/elections/${id}/events`, observer).expect(200);
      expect(res.text).toContain(`The chain is intact: every event’s hash and link to the one before verify (${api.body.length} events; chains checked: 1).`);
      for (const ev of api.body as Array<{ type: string }>) expect(res.text).toContain(`<code>${ev.type}</code>`);
    });

    it('names the staff who acted for an administrator, who may list staff; an observer reads their ids', async () => {
      const api = (await t.http().get(`/elections/${id}/events`).set('Authorization', admin).expect(200)).body as Array<{ actor: { id: string | null } }>;
      const actorId = api.find((ev) => ev.actor.id)!.actor.id!;
      const forAdmin = await page(`/admin/elections/${id}/events`, admin).expect(200);
      expect(forAdmin.text).toContain('<td>administrator@test.invalid · administrator</td>');
      expect(forAdmin.text).toMatch(new RegExp(`<option value="${actorId}">administrator@test.invalid \\(administrator\\)</option>`));
      const forObserver = await page(`/admin/elections/${id}/events`, observer).expect(200);
      expect(forObserver.text).toContain(`<td>${actorId} · administrator</td>`);
      expect(forObserver.text).not.toContain('administrator@test.invalid');
      // Filtering by that person keeps their events.
      const mine = await page(`/admin/elections/${id}/events?actor=${actorId}`, admin).expect(200);
      expect(mine.text).toContain('<code>election.updated</code>');
      expect(mine.text).toMatch(new RegExp(`<option value="${actorId}" selected>`));
    });

    it('filters by type and says which filters it could not use', async () => {
      const res = await page(`/admin/elections/${id}/events?type=election.created&from=not-a-date`, observer).expect(200);
      expect(res.text).toContain('<code>election.created</code>');
      expect(res.text).not.toContain('<code>election.updated</code>');
      expect(res.text).toMatch(/id="f-from"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('Not understood: this filter was ignored.');
    });

    it('filters by day (days are read in the election’s time zone: zoned-time.spec.ts)', async () => {
      const hit = await page(`/admin/elections/${id}/events?from=2000-01-01&to=2100-01-01`, admin).expect(200);
      expect(hit.text).toContain('<code>election.created</code>');
      const miss = await page(`/admin/elections/${id}/events?to=2000-01-01`, admin).expect(200);
      expect(miss.text).toContain('No event matches.');
    });

    it('pages through a long log with a cursor', async () => {
      const all = (await t.http().get(`/elections/${id}/events?limit=1000`).set('Authorization', admin).expect(200)).body as Array<{ id: number }>;
      const first = await page(`/admin/elections/${id}/events`, admin).expect(200);
      // Fewer than a page here: no link onwards; from the second event on, a link back to the start.
      expect(first.text).not.toContain('rel="next"');
      const later = await page(`/admin/elections/${id}/events?after=${all[0].id}`, admin).expect(200);
      expect(later.text).toContain('First events');
      expect((later.text.match(/<code>/g) ?? []).length).toBe(all.length - 1);
    });

    it('shows a broken chain in red words when an event was edited in the database', async () => {
      await t.dataSource.getRepository(EventEntity).createQueryBuilder().update().set({ type: 'election.forged' }).where('election_id = :id AND seq = 2', { id }).execute();
      const res = await page(`/admin/elections/${id}/events`, admin).expect(200);
      expect(res.text).toMatch(/class="banner bad" role="alert">The chain is BROKEN in “election” at event 2/);
    });
  });

  it('serves its script and style sheet, and nothing else from the assets folder', async () => {
    const js = await page('/admin/assets/console.js').expect(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    await page('/admin/assets/console.css').expect(200);
    await page('/admin/assets/..%2Fconsole.controller.ts').expect(404);
  });
});
