import { PAGE_CSP } from 'src/intake-page/page-headers';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { members, type RowFields, rollCsv } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

// The console's roll screen over HTTP (issue 9): who sees which part of it, that it shows what
// the roll API answers, its pages, and what it does with a search it cannot run. The upload,
// commit and amendment in a browser are in roll-screen-browser.spec.ts.
describe('Console roll screen', () => {
  let t: TestApp;
  let admin: string;
  let observer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    observer = await signIn(t, 'observer');
  });
  afterAll(() => t.close());

  const page = (path: string, auth?: string) => {
    const req = t.http().get(path);
    return auth ? req.set('Authorization', auth) : req;
  };
  const api = (path: string) => t.http().get(path).set('Authorization', admin).expect(200);
  const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const newElection = async (title = 'Roll test'): Promise<string> =>
    (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title })).expect(201)).body.id as string;
  const upload = async (id: string, rows: RowFields[]): Promise<{ id: string; invalid: number; issueCount: number }> =>
    (await t.http().post(`/elections/${id}/roll/imports`).set('Authorization', admin).set('Content-Type', 'text/csv').send(rollCsv(rows)).expect(201)).body;
  const commit = (id: string, importId: string) => t.http().post(`/elections/${id}/roll/imports/${importId}/commit`).set('Authorization', admin).send({}).expect(200);

  describe('who sees what', () => {
    let id: string;
    beforeAll(async () => {
      id = await newElection();
      await commit(id, (await upload(id, members(1, 3))).id);
    });

    it('answers someone not signed in with the sign-in form, under the strict page policy', async () => {
      for (const path of [`/admin/elections/${id}/roll`, `/admin/elections/${id}/roll/imports/00000000-0000-4000-8000-000000000000`]) {
        const res = await page(path).expect(401);
        expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
        expect(res.text).toContain('id="sign-in"');
        expect(res.text).not.toContain('M0001');
      }
    });

    it('refuses the roles the roll API refuses', async () => {
      for (const role of ['count_staff', 'trustee', 'credential_authority'] as const) {
        const res = await page(`/admin/elections/${id}/roll`, await signIn(t, role)).expect(403);
        expect(res.text).toContain('Not for your role');
        expect(res.text).not.toContain('M0001');
        await t.http().get(`/elections/${id}/roll`).set('Authorization', await signIn(t, role)).expect(403);
      }
    });

    it('shows an observer the counts only, as GET /roll does, and no tab beyond their routes', async () => {
      const res = await page(`/admin/elections/${id}/roll`, observer).expect(200);
      expect(res.text).toContain('id="roll-summary"');
      expect(res.text).toContain(`href="/admin/elections/${id}/roll" aria-current="page"`);
      expect(res.text).not.toContain('id="roll-upload"');
      expect(res.text).not.toContain('Find members');
      expect(res.text).not.toContain('M0001');
      await page(`/admin/elections/${id}/roll/imports/00000000-0000-4000-8000-000000000000`, observer).expect(403);
    });

    it('shows an administrator the upload with the limit, the members, and the screen in the navigation', async () => {
      const res = await page(`/admin/elections/${id}/roll`, admin).expect(200);
      expect(res.text).toContain(`data-upload-path="/elections/${id}/roll/imports"`);
      expect(res.text).toContain(`data-limit="${t.config.limits.uploadBytes}"`);
      expect(res.text).toContain('Up to 64 MB, comma or semicolon separated.');
      expect(res.text).toContain('<script type="module" src="/admin/assets/roll-screen.js"></script>');
      expect(res.text).toContain('3 members found.');
      const fr = await page(`/admin/elections/${id}/roll?lang=fr`, admin).expect(200);
      expect(fr.text).toContain('<h1>Liste électorale</h1>');
      expect(fr.text).toContain('3 membres trouvés.');
      // French puts a narrow no-break space between the number and the unit.
      expect(fr.text).toMatch(/Jusqu’à 64\sMo, séparateur virgule ou point-virgule\./);
      const overview = await page(`/admin/elections/${id}`, admin).expect(200);
      expect(overview.text).toContain(`<a href="/admin/elections/${id}/roll">Member roll</a>`);
    });

    it('answers 404 for an unknown election, an import that is not one, and another election’s import', async () => {
      await page('/admin/elections/00000000-0000-4000-8000-000000000000/roll', admin).expect(404);
      await page(`/admin/elections/${id}/roll/imports/nope`, admin).expect(404);
      const other = await newElection('Other');
      const theirs = await upload(other, members(1, 1));
      const res = await page(`/admin/elections/${id}/roll/imports/${theirs.id}`, admin).expect(404);
      expect(res.text).toContain('Not found');
    });
  });

  describe('summary and validation report', () => {
    let id: string;
    let report: { id: string; invalid: number; issueCount: number };
    beforeAll(async () => {
      id = await newElection();
      const first = await upload(id, [...members(1, 4), { member_number: 'M0005', eligible: 'no' }]);
      await commit(id, first.id);
      // 60 bad rows: more than a page of the report. M0004 and M0005 are missing from this file.
      const bad = Array.from({ length: 60 }, (_, i) => ({ member_number: `B${String(i).padStart(3, '0')}`, date_of_birth: '1990-02-30' }));
      report = await upload(id, [...members(1, 3), { member_number: 'M0006', country: 'XX' }, ...bad]);
    });

    it('shows the summary the roll API gives', async () => {
      const s = (await api(`/elections/${id}/roll`)).body as { members: number; eligibleMembers: number; removedMembers: number };
      expect(s).toMatchObject({ members: 5, eligibleMembers: 4, removedMembers: 0 });
      const res = await page(`/admin/elections/${id}/roll`, observer).expect(200);
      const summary = res.text.slice(res.text.indexOf('id="roll-summary"'));
      expect(summary).toContain(`<dt>Members</dt><dd>${s.members}</dd>`);
      expect(summary).toContain(`<dt>Active and eligible</dt><dd>${s.eligibleMembers}</dd>`);
      expect(summary).toContain(`<dt>Removed (kept for the record)</dt><dd>${s.removedMembers}</dd>`);
      expect(summary).toContain('No: the election is a draft, so a new file can replace the roll.');
      expect(summary).toContain('<td>active</td><td>no</td><td>online or by post</td><td class="num">1</td>');
    });

    it('lists the checked file waiting for a decision, so a reload does not lose it', async () => {
      const res = await page(`/admin/elections/${id}/roll`, admin).expect(200);
      expect(res.text).toContain(`href="/admin/elections/${id}/roll/imports/${report.id}"`);
      expect(res.text).toMatch(/<td class="num">64<\/td><td class="num">61<\/td>/);
    });

    it('shows the counts and the first page of bad rows exactly as the API reports them', async () => {
      const imp = (await api(`/elections/${id}/roll/imports/${report.id}`)).body as Record<string, number>;
      const issues = (await api(`/elections/${id}/roll/imports/${report.id}/issues?limit=50`)).body as Array<{ line: number; column: string; code: string; message: string }>;
      const res = await page(`/admin/elections/${id}/roll/imports/${report.id}`, admin).expect(200);
      expect(res.text).toContain(`<dd id="report-valid">${imp.valid}</dd>`);
      expect(res.text).toContain(`<dd id="report-invalid">${imp.invalid}</dd>`);
      expect(res.text).toContain(`<dt>Members of the current roll missing from this file</dt><dd>${imp.missingMembers}</dd>`);
      expect(imp.missingMembers).toBe(2);
      const rows = [...res.text.matchAll(/<tr><th scope="row" class="num">(\d+)<\/th><td><code>([^<]+)<\/code><\/td><td><code>([^<]+)<\/code><\/td><td>([^<]*)<\/td><\/tr>/g)];
      expect(rows.map((r) => [Number(r[1]), r[2], r[3], r[4]])).toEqual(issues.map((i) => [i.line, i.column, i.code, html(i.message)]));
      expect(rows[0].slice(1, 4)).toEqual(['5', 'country', 'bad_country']);
      expect(res.text).toContain(`href="/elections/${id}/roll/imports/${report.id}/report.csv" download`);
      expect(res.text).toContain('Page 1 of 2');
    });

    it('pages through the bad rows, and shows the last page for a page past the end or one that is not a number', async () => {
      const rest = (await api(`/elections/${id}/roll/imports/${report.id}/issues?offset=50&limit=50`)).body as Array<{ line: number }>;
      expect(rest).toHaveLength(11);
      for (const q of ['page=2', 'page=999']) {
        const res = await page(`/admin/elections/${id}/roll/imports/${report.id}?${q}`, admin).expect(200);
        const lines = [...res.text.matchAll(/<th scope="row" class="num">(\d+)<\/th>/g)].map((m) => Number(m[1]));
        expect(lines).toEqual(rest.map((i) => i.line));
      }
      const odd = await page(`/admin/elections/${id}/roll/imports/${report.id}?page=-3`, admin).expect(200);
      expect(odd.text).toContain('Page 1 of 2');
    });

    it('offers commit and discard to the API, each confirmed, with the choices the API takes', async () => {
      const res = await page(`/admin/elections/${id}/roll/imports/${report.id}`, admin).expect(200);
      expect(res.text).toMatch(new RegExp(`data-api-method="POST" data-api-path="/elections/${id}/roll/imports/${report.id}/commit" data-confirm="Make this file the roll`));
      expect(res.text).toMatch(new RegExp(`data-api-path="/elections/${id}/roll/imports/${report.id}/discard" data-confirm="Discard this checked file`));
      expect(res.text).toContain('name="acceptInvalidRows" type="checkbox"');
      expect(res.text).toContain('Leave out the 61 bad rows and commit the rest');
      expect(res.text).toContain('name="keepMissing" type="checkbox"');
      const seen = await page(`/admin/elections/${id}/roll/imports/${report.id}?lang=fr`, admin).expect(200);
      expect(seen.text).toContain('Rapport de vérification');
    });

    it('shows a decided file without the buttons, and takes it off the waiting list', async () => {
      const other = await upload(id, members(1, 5));
      await t.http().post(`/elections/${id}/roll/imports/${other.id}/discard`).set('Authorization', admin).expect(200);
      const res = await page(`/admin/elections/${id}/roll/imports/${other.id}`, admin).expect(200);
      expect(res.text).toContain('<dd id="report-status">discarded</dd>');
      expect(res.text).toContain('Every row is good.');
      expect(res.text).not.toContain('/commit');
      const roll = await page(`/admin/elections/${id}/roll`, admin).expect(200);
      expect(roll.text).not.toContain(`/imports/${other.id}`);
    });
  });

  describe('members', () => {
    let id: string;
    beforeAll(async () => {
      id = await newElection();
      const rows: RowFields[] = [
        ...members(1, 25),
        { member_number: 'X1', family_name: 'Éluard <script>', given_names: 'Paul', postcode: 'EC1A 1BB' },
        { member_number: 'X2', family_name: 'Eluardo', postcode: 'EC1A 2BB', email: 'x2@example.org' },
      ];
      await commit(id, (await upload(id, rows)).id);
    });

    const cards = (text: string) => [...text.matchAll(/<span class="member-number">([^<]+)<\/span>/g)].map((m) => m[1]);

    it('finds the members the members API finds, names escaped, accents ignored', async () => {
      const found = (await api(`/elections/${id}/roll/members?name=eluard`)).body as { items: Array<{ memberNumber: string }>; total: number };
      const res = await page(`/admin/elections/${id}/roll?name=eluard`, admin).expect(200);
      expect(cards(res.text)).toEqual(found.items.map((m) => m.memberNumber));
      expect(res.text).toContain(`${found.total} members found.`);
      expect(res.text).toContain('Paul Éluard &#60;script&#62;');
      expect(res.text).not.toContain('<script>');
      expect(res.text).toContain('value="eluard"');
      const byPostcode = await page(`/admin/elections/${id}/roll?postcode=ec1a%202`, admin).expect(200);
      expect(cards(byPostcode.text)).toEqual(['X2']);
      expect(byPostcode.text).toContain('x2@example.org');
    });

    it('pages through the roll twenty members at a time', async () => {
      const all = (await api(`/elections/${id}/roll/members?limit=100`)).body as { items: Array<{ memberNumber: string }> };
      const first = await page(`/admin/elections/${id}/roll`, admin).expect(200);
      expect(cards(first.text)).toEqual(all.items.slice(0, 20).map((m) => m.memberNumber));
      expect(first.text).toContain('Page 1 of 2');
      const second = await page(`/admin/elections/${id}/roll?page=2`, admin).expect(200);
      expect(cards(second.text)).toEqual(all.items.slice(20).map((m) => m.memberNumber));
      const past = await page(`/admin/elections/${id}/roll?page=40`, admin).expect(200);
      expect(cards(past.text)).toEqual(cards(second.text));
    });

    it('marks a search field too long for the API and searches without it', async () => {
      const res = await page(`/admin/elections/${id}/roll?name=${'a'.repeat(201)}&memberNumber=X`, admin).expect(200);
      expect(res.text).toMatch(/id="s-name"[^>]*aria-invalid="true" aria-describedby="s-name-error"/);
      expect(res.text).toContain('Too long: this field was ignored.');
      expect(cards(res.text)).toEqual(['X1', 'X2']);
      const none = await page(`/admin/elections/${id}/roll?memberNumber=nobody&page=x`, admin).expect(200);
      expect(none.text).toContain('No member matches.');
      const arrays = await page(`/admin/elections/${id}/roll?name=a&name=b`, admin).expect(200);
      expect(arrays.text).toContain('27 members found.');
    });

    it('offers amendments only once the roll is frozen, each to PATCH members/:number with a reason and confirmed', async () => {
      const draft = await page(`/admin/elections/${id}/roll?memberNumber=X1`, admin).expect(200);
      expect(draft.text).not.toContain('data-api-method="PATCH"');
      expect(draft.text).toContain('While the election is a draft, correct the file and upload it again');
      await t.http().post(`/elections/${id}/transitions`).set('Authorization', admin).send({ to: 'roll_frozen' }).expect(200);
      const frozen = await page(`/admin/elections/${id}/roll?memberNumber=X1`, admin).expect(200);
      expect(frozen.text).toContain(`data-api-method="PATCH" data-api-path="/elections/${id}/roll/members/X1" data-confirm="Amend member X1?`);
      expect(frozen.text).toMatch(/<textarea id="m0-reason" name="reason" rows="2" required minlength="3"/);
      expect(frozen.text).toContain('<label for="m0-postcode">Postcode</label>');
      expect(frozen.text).toContain('id="m0-postcode" name="postcode" type="text" value="EC1A 1BB"');
      expect(frozen.text).toContain('Yes: the election is “roll frozen”.');
      expect(frozen.text).not.toContain('id="roll-upload"');
      expect(frozen.text).toContain('The roll is frozen: a file can no longer replace it.');
      // The form's fields are the ones the API accepts: a PATCH with all of them goes through.
      const names = [...frozen.text.slice(frozen.text.indexOf('data-api-method="PATCH"')).matchAll(/ name="(\w+)"/g)].map((m) => m[1]);
      expect(new Set(names)).toEqual(new Set(['givenNames', 'familyName', 'addressLine1', 'addressLine2', 'addressLine3', 'addressLine4', 'postcode', 'country', 'email', 'dateOfBirth', 'weight', 'channel', 'status', 'eligible', 'reason']));
      const member = (await api(`/elections/${id}/roll/members/X1`)).body as Record<string, unknown>;
      const body = Object.fromEntries(names.map((n) => [n, n === 'reason' ? 'Moved house' : (member[n] ?? '')]));
      const amended = await t.http().patch(`/elections/${id}/roll/members/X1`).set('Authorization', admin).send({ ...body, postcode: 'EC1A 9ZZ' }).expect(200);
      expect(amended.body).toMatchObject({ postcode: 'EC1A 9ZZ', addressLine2: null, email: null });
      const observed = await page(`/admin/elections/${id}/roll`, observer).expect(200);
      expect(observed.text).not.toContain('data-api-method="PATCH"');
    });
  });

  it('serves the upload script', async () => {
    const js = await page('/admin/assets/roll-screen.js').expect(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });
});
