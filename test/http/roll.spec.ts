import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { EventEntity } from 'src/events/event.entity';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { RollImportsRepository } from 'src/roll/roll-imports.repository';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { members, rollCsv } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

const FIXTURE = fs.readFileSync(path.join(__dirname, '../fixtures/roll/roll-with-errors.csv'), 'utf8');

describe('Member roll', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
  });
  afterAll(() => t.close());

  const newElection = async (): Promise<string> =>
    (await t.http().post('/elections').set('Authorization', admin).send(electionInput()).expect(201)).body.id;
  const upload = (electionId: string, csv: string, type = 'text/csv') =>
    t.http().post(`/elections/${electionId}/roll/imports`).set('Authorization', admin).set('Content-Type', type).send(csv);
  const commit = (electionId: string, importId: string, body: object = {}) =>
    t.http().post(`/elections/${electionId}/roll/imports/${importId}/commit`).set('Authorization', admin).send(body);
  const importAndCommit = async (electionId: string, csv: string, body: object = {}) => {
    const report = await upload(electionId, csv).expect(201);
    return (await commit(electionId, report.body.id, body).expect(200)).body;
  };
  const member = (electionId: string, n: string) => t.http().get(`/elections/${electionId}/roll/members/${n}`).set('Authorization', admin);

  it('reports every bad row of a file with its line and reason, and refuses to commit it as it is', async () => {
    const e = await newElection();
    const res = await upload(e, FIXTURE).expect(201);
    expect(res.body).toMatchObject({ status: 'ready', rows: 22, valid: 4, invalid: 18, duplicates: 2, newMembers: 4, missingMembers: 0 });

    const issues = await t.http().get(`/elections/${e}/roll/imports/${res.body.id}/issues?limit=100`).set('Authorization', admin).expect(200);
    const byLine = issues.body.map((i: { line: number; code: string }) => `${i.line}:${i.code}`);
    expect(byLine).toEqual([
      '2:duplicate_member_number',
      '5:missing_value',
      '6:impossible_date',
      '7:date_in_future',
      '8:bad_country',
      '9:bad_email',
      '10:bad_weight',
      '11:unknown_eligibility',
      '12:duplicate_member_number',
      '13:wrong_column_count',
      '14:unknown_channel',
      '15:missing_postcode',
      '16:bad_postcode',
      '17:bad_date',
      '18:bad_weight',
      '19:control_character',
      '21:weight_too_large',
      '24:too_long',
    ]);
    expect(issues.body.find((i: { line: number }) => i.line === 12)).toMatchObject({ column: 'member_number', message: 'member number already on line 2' });

    const report = await t.http().get(`/elections/${e}/roll/imports/${res.body.id}/report.csv`).set('Authorization', admin).expect(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    const rows: string[][] = parse(report.text, { bom: true });
    expect(rows[0]).toEqual(['line', 'column', 'code', 'message']);
    expect(rows).toHaveLength(19);
    expect(report.text).not.toContain('2999-01-01');

    const refused = await commit(e, res.body.id).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'import_has_errors', invalid: 18 });
    const none = await t.http().get(`/elections/${e}/roll`).set('Authorization', admin).expect(200);
    expect(none.body).toMatchObject({ importId: null, members: 0 });

    const committed = await commit(e, res.body.id, { acceptInvalidRows: true }).expect(200);
    expect(committed.body).toMatchObject({ status: 'committed', skippedInvalid: true });
    const summary = await t.http().get(`/elections/${e}/roll`).set('Authorization', admin).expect(200);
    expect(summary.body).toMatchObject({ importId: res.body.id, members: 4, eligibleMembers: 3, removedMembers: 0 });
    await member(e, 'M0001').expect(404); // both duplicates were left out
    expect((await member(e, 'M0003').expect(200)).body).toMatchObject({ familyName: 'Durand "Cloclo"', eligible: false, channel: 'online-only' });
  });

  it('re-imports by member number: updates, adds, and marks members missing from the new file removed', async () => {
    const e = await newElection();
    await importAndCommit(e, rollCsv(members(1, 5)));
    const v2 = rollCsv([...members(1, 3), { member_number: 'M0004', address_line_1: '99 New Road' }, { member_number: 'M0006' }]);
    const report = await upload(e, v2).expect(201);
    expect(report.body).toMatchObject({ valid: 5, invalid: 0, newMembers: 1, updatedMembers: 1, unchangedMembers: 3, missingMembers: 1 });
    await commit(e, report.body.id).expect(200);

    expect((await member(e, 'M0004').expect(200)).body.addressLine1).toBe('99 New Road');
    expect((await member(e, 'M0005').expect(200)).body.status).toBe('removed');
    expect((await member(e, 'M0006').expect(200)).body.status).toBe('active');
    const summary = await t.http().get(`/elections/${e}/roll`).set('Authorization', admin).expect(200);
    expect(summary.body).toMatchObject({ members: 6, eligibleMembers: 5, removedMembers: 1 });
    // Only the current version's rows remain.
    expect(await t.dataSource.getRepository(RollMemberEntity).countBy({ importId: report.body.id })).toBe(6);

    // keepMissing leaves absent members as they were.
    const v3 = await upload(e, rollCsv(members(1, 2))).expect(201);
    expect(v3.body).toMatchObject({ missingMembers: 3, unchangedMembers: 2 }); // M0005 is already removed
    await commit(e, v3.body.id, { keepMissing: true }).expect(200);
    expect((await member(e, 'M0006').expect(200)).body.status).toBe('active');
    expect((await member(e, 'M0005').expect(200)).body.status).toBe('removed');

    const events = await t.http().get(`/elections/${e}/events?type=roll.import_committed`).set('Authorization', admin).expect(200);
    expect(events.body).toHaveLength(3);
  });

  it('commits whole or not at all: a failure half-way through a commit leaves the previous roll intact', async () => {
    const e = await newElection();
    const first = await importAndCommit(e, rollCsv(members(1, 4)));
    const second = (await upload(e, rollCsv([{ member_number: 'M0001', family_name: 'Changed' }, ...members(10, 12)])).expect(201)).body;

    // Fail after members were carried forward and the old version marked superseded.
    const repo = t.get(RollImportsRepository);
    const save = repo.save.bind(repo);
    const spy = jest.spyOn(repo, 'save').mockImplementation(async (m, imp: RollImportEntity) => {
      if (imp.status === 'committed') throw new Error('injected failure');
      return save(m, imp);
    });
    try {
      await commit(e, second.id).expect(500);
    } finally {
      spy.mockRestore();
    }

    const summary = await t.http().get(`/elections/${e}/roll`).set('Authorization', admin).expect(200);
    expect(summary.body).toMatchObject({ importId: first.id, members: 4, removedMembers: 0 });
    expect((await member(e, 'M0001').expect(200)).body.familyName).toBe('MemberM0001');
    await member(e, 'M0010').expect(404);
    expect(await t.dataSource.getRepository(RollMemberEntity).countBy({ importId: second.id })).toBe(4);
    const events = await t.http().get(`/elections/${e}/events?type=roll.import_committed`).set('Authorization', admin).expect(200);
    expect(events.body).toHaveLength(1);

    // The same import commits cleanly afterwards.
    await commit(e, second.id).expect(200);
    expect((await member(e, 'M0001').expect(200)).body.familyName).toBe('Changed');
  });

  it('refuses imports once the roll is frozen, and accepts audited amendments with a reason', async () => {
    const e = await newElection();
    await importAndCommit(e, rollCsv(members(1, 3)));
    await t.http().post(`/elections/${e}/transitions`).set('Authorization', admin).send({ to: 'roll_frozen' }).expect(200);

    const refused = await upload(e, rollCsv(members(1, 3))).expect(409);
    expect(refused.body.error.code).toBe('roll_frozen');

    const noReason = await t.http().patch(`/elections/${e}/roll/members/M0002`).set('Authorization', admin).send({ eligible: false }).expect(400);
    expect(noReason.body.error.fields.reason).toBeDefined();
    const badDate = await t
      .http()
      .patch(`/elections/${e}/roll/members/M0002`)
      .set('Authorization', admin)
      .send({ dateOfBirth: '1980-02-30', reason: 'typo' })
      .expect(400);
    expect(badDate.body.error).toMatchObject({ code: 'member_invalid', fields: { dateOfBirth: [expect.any(String)] } });

    const amended = await t
      .http()
      .patch(`/elections/${e}/roll/members/M0002`)
      .set('Authorization', admin)
      .send({ addressLine1: '5 Moved Street', postcode: 'EH1 1AA', eligible: false, reason: 'Member wrote in on 3 May' })
      .expect(200);
    expect(amended.body).toMatchObject({ addressLine1: '5 Moved Street', postcode: 'EH1 1AA', eligible: false, amendedAt: expect.any(String) });

    const added = await t
      .http()
      .post(`/elections/${e}/roll/members`)
      .set('Authorization', admin)
      .send({ memberNumber: 'M0100', familyName: 'Late', addressLine1: '1 Late Lane', postcode: 'LS1 1AA', country: 'GB', dateOfBirth: '1990-05-05', reason: 'Joined before the cut-off' })
      .expect(201);
    expect(added.body).toMatchObject({ memberNumber: 'M0100', status: 'active', weight: 1, channel: 'any' });
    await t.http().post(`/elections/${e}/roll/members`).set('Authorization', admin).send({ memberNumber: 'M0100', familyName: 'X', addressLine1: 'Y', country: 'IE', dateOfBirth: '1990-05-05', reason: 'again' }).expect(409);

    const events = await t.dataSource.getRepository(EventEntity).find({ where: { electionId: e }, order: { id: 'ASC' } });
    const amendEvent = events.find((x) => x.type === 'roll.member_amended');
    expect(amendEvent?.data).toMatchObject({ memberNumber: 'M0002', fields: ['addressLine1', 'postcode', 'eligible'], reason: 'Member wrote in on 3 May' });
    // The published log names the changed fields, never the personal data.
    expect(JSON.stringify(events.map((x) => x.data))).not.toContain('Moved Street');
    expect(events.some((x) => x.type === 'roll.member_added')).toBe(true);
  });

  it('exports the roll as CSV with formula injection neutralised', async () => {
    const e = await newElection();
    await importAndCommit(
      e,
      rollCsv([
        { member_number: 'M0001', given_names: '=HYPERLINK("http://evil.example","click")', family_name: '+Plus', address_line_1: '@SUM(A1)' },
        { member_number: 'M0002', given_names: '-2+3', family_name: 'Safe' },
      ]),
    );
    const res = await t.http().get(`/elections/${e}/roll/export.csv`).set('Authorization', admin).expect(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const rows: string[][] = parse(res.text, { bom: true });
    expect(rows[0].slice(0, 3)).toEqual(['member_number', 'given_names', 'family_name']);
    expect(rows[1].slice(1, 4)).toEqual([`'=HYPERLINK("http://evil.example","click")`, `'+Plus`, `'@SUM(A1)`]);
    expect(rows[2].slice(1, 3)).toEqual([`'-2+3`, 'Safe']);
    expect(rows.every((r) => r.every((c) => !/^[=+\-@\t\r]/.test(c)))).toBe(true);
  });

  it('searches members by number, family name and postcode with pagination', async () => {
    const e = await newElection();
    await importAndCommit(
      e,
      rollCsv([
        { member_number: 'A100', family_name: 'Müller', postcode: 'EH1 1AA' },
        { member_number: 'A101', family_name: 'Muller', postcode: 'EH2 2BB' },
        { member_number: 'B200', family_name: 'Smith', postcode: 'EH1 2CC' },
      ]),
    );
    const search = (q: string) => t.http().get(`/elections/${e}/roll/members?${q}`).set('Authorization', admin).expect(200);
    expect((await search('name=muller')).body.items.map((m: { memberNumber: string }) => m.memberNumber).sort()).toEqual(['A100', 'A101']);
    expect((await search('memberNumber=B')).body).toMatchObject({ total: 1, items: [{ familyName: 'Smith' }] });
    expect((await search('postcode=eh1')).body.total).toBe(2);
    const page = (await search('limit=2&offset=2')).body;
    expect(page).toMatchObject({ total: 3, offset: 2, limit: 2 });
    expect(page.items).toHaveLength(1);
  });

  it('refuses malformed CSV with a clear 400 naming the line, and content that is not CSV', async () => {
    const e = await newElection();
    const bad = await upload(e, `${rollCsv(members(1, 2))}M0003,"Unclosed,Name\n`).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'csv_malformed', line: 4 });
    expect(bad.body.error.message).toMatch(/^Line 4: /);

    const header = await upload(e, 'id,name\n1,x\n').expect(400);
    expect(header.body.error.code).toBe('csv_header_invalid');

    const json = await t.http().post(`/elections/${e}/roll/imports`).set('Authorization', admin).send({ rows: [] }).expect(415);
    expect(json.body.error.code).toBe('upload_media_type');
    const binary = await upload(e, '\u0000\u0001PK', 'text/csv').expect(400);
    expect(binary.body.error.code).toBe('not_csv');

    const summary = await t.http().get(`/elections/${e}/roll`).set('Authorization', admin).expect(200);
    expect(summary.body.importId).toBeNull();
  });

  it('lets observers read the counts only, and refuses other roles', async () => {
    const e = await newElection();
    const observer = await signIn(t, 'observer');
    await t.http().get(`/elections/${e}/roll`).set('Authorization', observer).expect(200);
    for (const role of ['observer', 'count_staff', 'trustee', 'credential_authority'] as const) {
      const auth = await signIn(t, role);
      const res = await t.http().post(`/elections/${e}/roll/imports`).set('Authorization', auth).set('Content-Type', 'text/csv').send(rollCsv(members(1, 1)));
      expect(res.status).toBe(403);
      await t.http().get(`/elections/${e}/roll/export.csv`).set('Authorization', auth).expect(403);
    }
    for (const role of ['count_staff', 'trustee', 'credential_authority'] as const) {
      await t.http().get(`/elections/${e}/roll`).set('Authorization', await signIn(t, role)).expect(403);
    }
  });
});

describe('Member roll upload limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ limits: { jsonBodyBytes: 256 * 1024, uploadBytes: 2000 } });
  });
  afterAll(() => t.close());

  it('refuses an upload beyond the limit with 413 and keeps nothing of it', async () => {
    const admin = await signIn(t, 'administrator');
    const e = (await t.http().post('/elections').set('Authorization', admin).send(electionInput()).expect(201)).body.id;
    const res = await t.http().post(`/elections/${e}/roll/imports`).set('Authorization', admin).set('Content-Type', 'text/csv').send(rollCsv(members(1, 100))).expect(413);
    expect(res.body.error.code).toBe('upload_too_large');
    expect(await t.dataSource.getRepository(RollImportEntity).count()).toBe(0);
    const uploads = path.join(t.config.dataDir, 'uploads');
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
    await t.http().post(`/elections/${e}/roll/imports`).set('Authorization', admin).set('Content-Type', 'text/csv').send(rollCsv(members(1, 5))).expect(201);
  });
});
