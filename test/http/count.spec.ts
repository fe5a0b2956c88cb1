import { CountBatchEntity, CountEntryEntity, CvrEntity } from 'src/count/count.entities';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventEntity } from 'src/events/event.entity';
import { generatePaperId } from 'src/packs/codes';
import { PaperEntity } from 'src/packs/pack.entity';
import { signIn, signInAnother } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { countingElection } from 'test/support/papers';
import { createTestApp, TestApp } from 'test/support/test-app';

// Two questions: a leader (exactly one, blank allowed) and a board (two or three, no blank).
const QUESTIONS = [
  { question: 'Who should lead the party?', answers: ['Alice Martin', 'Bob Chen', 'Chloé Durand'], min: 1, max: 1, blank: true },
  { question: 'Who should sit on the board?', answers: ['Dev', 'Eve', 'Fay', 'Gus'], min: 2, max: 3, blank: false },
];
const ALICE_DEV_EVE = [[1, 0, 0], [1, 1, 0, 0]];
const BOB_EVE_FAY_GUS = [[0, 1, 0], [0, 1, 1, 1]];

describe('Count batches and cast-vote records', () => {
  let t: TestApp;
  let electionId: string;
  let papers: string[];
  let staff: string;
  let staff2: string;
  let supervisor: string;
  let observer: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await countingElection(t, { questions: QUESTIONS });
    electionId = c.election.id;
    papers = c.paperIds;
    [staff, staff2, supervisor, observer, admin] = await Promise.all([
      signIn(t, 'count_staff'),
      signInAnother(t, 'count_staff', 'second'),
      signIn(t, 'count_supervisor'),
      signIn(t, 'observer'),
      signIn(t, 'administrator'),
    ]);
  });
  afterAll(() => t.close());

  /** A printed paper ID no test has used yet. */
  const nextPaper = () => {
    const p = papers.shift();
    if (!p) throw new Error('the test election ran out of printed papers');
    return p;
  };
  const url = (path = '') => `/elections/${electionId}/count${path}`;
  const newBatch = async (body: Record<string, unknown> = {}, auth = staff): Promise<string> =>
    (await t.http().post(url('/batches')).set('Authorization', auth).send({ label: 'D2-A01..A03', ...body }).expect(201)).body.id;
  const key = (batchId: string, body: Record<string, unknown>, auth = staff) => t.http().post(url(`/batches/${batchId}/records`)).set('Authorization', auth).send(body);
  const rows = async () => ({
    cvrs: await t.dataSource.getRepository(CvrEntity).countBy({ electionId }),
    used: await t.dataSource.getRepository(PaperEntity).countBy({ electionId, used: true }),
    entries: await t.dataSource.getRepository(CountEntryEntity).countBy({ electionId }),
  });

  describe('batches', () => {
    it('opens a batch, corrects envelopes opened, and closes it once it reconciles', async () => {
      const created = await t.http().post(url('/batches')).set('Authorization', staff).send({ label: ' D2-A01..A03 ', envelopesOpened: 3 }).expect(201);
      expect(created.body).toMatchObject({ label: 'D2-A01..A03', status: 'open', envelopesOpened: 3, doubleKeying: false, recorded: 0, reconciled: false });
      const id = created.body.id as string;

      await key(id, { paperId: nextPaper(), choices: ALICE_DEV_EVE }).expect(201);
      await key(id, { paperId: nextPaper(), blank: true }).expect(201);
      const patched = await t.http().patch(url(`/batches/${id}`)).set('Authorization', staff).send({ envelopesOpened: 2 }).expect(200);
      expect(patched.body).toMatchObject({ envelopesOpened: 2, recorded: 2, valid: 1, blank: 1, invalid: 0, reconciled: true });

      const closed = await t.http().post(url(`/batches/${id}/close`)).set('Authorization', staff).send({}).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', reconciled: true, mismatchReason: null, closedAt: expect.any(String) });

      // A closed batch takes no more papers and no corrections.
      expect((await key(id, { paperId: nextPaper(), blank: true }).expect(409)).body.error.code).toBe('batch_closed');
      await t.http().patch(url(`/batches/${id}`)).set('Authorization', staff).send({ envelopesOpened: 3 }).expect(409);
      expect((await t.http().get(url(`/batches/${id}`)).set('Authorization', observer).expect(200)).body).toMatchObject({ status: 'closed', recorded: 2 });
      expect((await t.http().get(url('/batches')).set('Authorization', admin).expect(200)).body.map((b: { id: string }) => b.id)).toContain(id);

      const events = await t.dataSource.getRepository(EventEntity).find({ where: { chain: `${electionId}:count` }, order: { seq: 'ASC' } });
      expect(events.filter((e) => e.data.batchId === id).map((e) => e.type)).toEqual([
        'count.batch_created',
        'count.paper_recorded',
        'count.paper_recorded',
        'count.envelopes_opened_set',
        'count.batch_closed',
      ]);
    });

    it('is open to count staff only while the election is counting, saying its status', async () => {
      const draft = await t.get(ElectionsService).create(electionInput(), SYSTEM);
      const res = await t.http().post(`/elections/${draft.id}/count/batches`).set('Authorization', staff).send({ label: 'X' }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'election_not_counting', status: 'draft' });
      expect(await t.dataSource.getRepository(CountBatchEntity).countBy({ electionId: draft.id })).toBe(0);
    });

    it('refuses a blank label, a negative count and unknown fields', async () => {
      for (const body of [{ label: '  ' }, { label: 'A', envelopesOpened: -1 }, { label: 'A', colour: 'red' }]) {
        expect((await t.http().post(url('/batches')).set('Authorization', staff).send(body).expect(400)).body.error.code).toBe('validation_failed');
      }
      await t.http().get(url('/batches/2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a')).set('Authorization', staff).expect(404);
    });
  });

  describe('keyed entry', () => {
    let batch: string;
    beforeAll(async () => {
      batch = await newBatch();
    });

    it('records valid, blank and invalid papers as anonymous records and marks each paper used', async () => {
      const before = await rows();
      const valid = await key(batch, { paperId: nextPaper(), choices: ALICE_DEV_EVE, keyedBy: 'JD' }).expect(201);
      expect(valid.body).toEqual({ status: 'recorded', batchId: batch, recordId: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'valid' });
      await key(batch, { paperId: nextPaper(), blank: true }).expect(201);
      await key(batch, { paperId: nextPaper(), invalid: true, reason: 'identifying_marks' }).expect(201);
      // No paper ID to key for an empty envelope or a paper without its barcode.
      await key(batch, { invalid: true, reason: 'no_ballot_paper' }).expect(201);
      await key(batch, { invalid: true, reason: 'paper_missing_barcode' }).expect(201);
      expect(await rows()).toEqual({ ...before, cvrs: before.cvrs + 5, used: before.used + 3 });

      const record = await t.dataSource.getRepository(CvrEntity).findOneByOrFail({ id: valid.body.recordId });
      expect(record).toEqual({ id: valid.body.recordId, electionId, batchId: batch, kind: 'valid', choices: ALICE_DEV_EVE, invalidReason: null, imageSha256: null, imagePage: null });
      const figures = await t.http().get(url(`/batches/${batch}`)).set('Authorization', staff).expect(200);
      expect(figures.body).toMatchObject({ recorded: 5, valid: 1, blank: 1, invalid: 3 });
    });

    it('refuses marks that break a question’s rules, naming the question, and stores nothing', async () => {
      const before = await rows();
      const paperId = nextPaper();
      const cases: Array<[unknown, string]> = [
        [[[1, 1, 0], [1, 1, 0, 0]], 'choices.0'], // two leaders: over-vote
        [[[1, 0, 0], [1, 0, 0, 0]], 'choices.1'], // one board member: under the minimum
        [[[1, 0, 0], [0, 0, 0, 0]], 'choices.1'], // no blank on the board question
        [[[1, 0, 0], [1, 1, 1, 1]], 'choices.1'],
        [[[1, 0, 0]], 'choices'],
        [[[1, 0], [1, 1, 0, 0]], 'choices.0'],
        [[[1, 0, 2], [1, 1, 0, 0]], 'choices.0'],
      ];
      for (const [choices, field] of cases) {
        const res = await key(batch, { paperId, choices }).expect(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(Object.keys(res.body.error.fields)).toContain(field);
      }
      for (const body of [{ paperId }, { paperId, blank: true, invalid: true, reason: 'over_vote' }, { paperId, invalid: true }, { paperId, invalid: true, reason: 'smudge' }]) {
        expect((await key(batch, body).expect(400)).body.error.code).toBe('validation_failed');
      }
      expect(await rows()).toEqual(before);
      // The same paper recorded as what it is: an invalid over-vote.
      await key(batch, { paperId, invalid: true, reason: 'over_vote' }).expect(201);
    });

    it('a blank on a question that allows it is a valid paper', async () => {
      const res = await key(batch, { paperId: nextPaper(), choices: [[0, 0, 0], [0, 0, 1, 1]] }).expect(201);
      expect(res.body.kind).toBe('valid');
    });

    it('refuses a mistyped, unknown or already used paper ID and changes nothing', async () => {
      const used = nextPaper();
      await key(batch, { paperId: used, blank: true }).expect(201);
      const before = await rows();

      const fresh = nextPaper();
      const last = fresh.at(-1) === '0' ? '1' : '0';
      const typo = await key(batch, { paperId: fresh.slice(0, -1) + last, blank: true }).expect(400);
      expect(typo.body.error).toMatchObject({ code: 'paper_id_invalid', reason: 'bad_check_characters', fields: { paperId: [expect.any(String)] } });
      expect((await key(batch, { paperId: 'ABC', blank: true }).expect(400)).body.error).toMatchObject({ code: 'paper_id_invalid', reason: 'unknown_format' });
      // Well formed, check character right, but never printed for this election.
      const foreign = generatePaperId();
      expect((await key(batch, { paperId: foreign, blank: true }).expect(400)).body.error.code).toBe('paper_not_printed');
      // A photocopy, or the same paper keyed twice — whatever it says.
      const again = await key(batch, { paperId: used.toLowerCase().replace(/(.{7})/, '$1-'), choices: ALICE_DEV_EVE }).expect(409);
      expect(again.body.error.code).toBe('paper_already_used');
      expect((await key(batch, { blank: true }).expect(400)).body.error.code).toBe('paper_id_required');
      expect((await key(batch, { paperId: fresh, invalid: true, reason: 'no_ballot_paper' }).expect(400)).body.error.code).toBe('paper_id_not_expected');
      expect(await rows()).toEqual(before);
      papers.unshift(fresh);
    });

    it('of ten concurrent entries of one paper, exactly one is recorded', async () => {
      const before = await rows();
      const paperId = nextPaper();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => key(batch, { paperId, choices: i % 2 ? ALICE_DEV_EVE : BOB_EVE_FAY_GUS })));
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'paper_already_used')).toBe(true);
      expect(await rows()).toEqual({ ...before, cvrs: before.cvrs + 1, used: before.used + 1 });
    });

    it('never puts a paper ID into the database or the log', async () => {
      const paperId = nextPaper();
      await key(batch, { paperId, blank: true }).expect(201);
      const dump = JSON.stringify(await Promise.all(['cvr', 'count_batch', 'count_entry', 'paper', 'event'].map((table) => t.dataSource.query(`SELECT * FROM ${table}`))));
      expect(dump.includes(paperId)).toBe(false);
    });

    it('refuses malformed JSON with a stable code', async () => {
      const res = await t.http().post(url(`/batches/${batch}/records`)).set('Authorization', staff).set('Content-Type', 'application/json').send('{"paperId": ').expect(400);
      expect(res.body.error.code).toBe('malformed_json');
    });
  });

  describe('double keying', () => {
    let batch: string;
    beforeAll(async () => {
      batch = await newBatch({ doubleKeying: true });
    });
    const entries = (auth = supervisor) => t.http().get(url(`/batches/${batch}/entries`)).set('Authorization', auth);

    it('records a paper once two different operators key the same thing', async () => {
      const before = await rows();
      const paperId = nextPaper();
      const first = await key(batch, { paperId, choices: ALICE_DEV_EVE }).expect(202);
      expect(first.body).toEqual({ status: 'awaiting_second_entry', batchId: batch });
      expect((await key(batch, { paperId, choices: ALICE_DEV_EVE }).expect(409)).body.error.code).toBe('same_operator');
      expect((await t.http().get(url(`/batches/${batch}`)).set('Authorization', staff).expect(200)).body).toMatchObject({ awaitingSecondEntry: 1, recorded: 0 });

      const second = await key(batch, { paperId: paperId.toLowerCase(), choices: ALICE_DEV_EVE }, staff2).expect(201);
      expect(second.body).toMatchObject({ status: 'recorded', kind: 'valid' });
      expect(await rows()).toEqual({ cvrs: before.cvrs + 1, used: before.used + 1, entries: before.entries + 2 });
      expect((await key(batch, { paperId, choices: ALICE_DEV_EVE }, supervisor).expect(409)).body.error.code).toBe('paper_already_used');
    });

    it('keeps disagreeing entries for a supervisor, who records one of them', async () => {
      const paperId = nextPaper();
      await key(batch, { paperId, choices: ALICE_DEV_EVE }).expect(202);
      const before = await rows();
      const second = await key(batch, { paperId, choices: BOB_EVE_FAY_GUS }, staff2).expect(202);
      expect(second.body).toEqual({ status: 'disputed', batchId: batch, groupId: expect.any(String) });
      expect(await rows()).toEqual({ ...before, entries: before.entries + 1 });
      expect((await key(batch, { paperId, choices: ALICE_DEV_EVE }, supervisor).expect(409)).body.error.code).toBe('paper_in_dispute');

      // Count staff neither see the entries nor settle them.
      await entries(staff).expect(403);
      const groups = (await entries().expect(200)).body as Array<{ groupId: string; status: string; entries: Array<{ id: string; choices: number[][] }> }>;
      const group = groups.find((g) => g.groupId === second.body.groupId)!;
      expect(group.status).toBe('disputed');
      expect(group.entries.map((e) => e.choices)).toEqual([ALICE_DEV_EVE, BOB_EVE_FAY_GUS]);
      const resolveUrl = url(`/batches/${batch}/entries/${group.groupId}/resolve`);
      await t.http().post(resolveUrl).set('Authorization', staff).send({ acceptEntry: group.entries[1].id }).expect(403);
      await t.http().post(resolveUrl).set('Authorization', supervisor).send({ acceptEntry: group.entries[1].id, discard: true }).expect(400);

      const resolved = await t.http().post(resolveUrl).set('Authorization', supervisor).send({ acceptEntry: group.entries[1].id }).expect(200);
      expect(resolved.body).toMatchObject({ status: 'recorded', kind: 'valid', groupId: group.groupId });
      const record = await t.dataSource.getRepository(CvrEntity).findOneByOrFail({ id: resolved.body.recordId });
      expect(record.choices).toEqual(BOB_EVE_FAY_GUS);
      const kept = await t.dataSource.getRepository(CountEntryEntity).find({ where: { groupId: group.groupId }, order: { round: 'ASC' } });
      expect(kept.map((e) => e.status)).toEqual(['overruled', 'accepted']);
      expect((await t.http().post(resolveUrl).set('Authorization', supervisor).send({ discard: true }).expect(409)).body.error.code).toBe('nothing_to_resolve');
    });

    it('a supervisor may key the paper again, or discard the entries to free its paper ID', async () => {
      const a = nextPaper();
      await key(batch, { paperId: a, blank: true }).expect(202);
      const disputed = await key(batch, { paperId: a, invalid: true, reason: 'unclear_intent' }, staff2).expect(202);
      const before = await rows();
      const rekeyUrl = url(`/batches/${batch}/entries/${disputed.body.groupId}/resolve`);
      await t.http().post(rekeyUrl).set('Authorization', supervisor).send({ choices: [[1, 1, 0], [1, 1, 0, 0]] }).expect(400);
      const rekeyed = await t.http().post(rekeyUrl).set('Authorization', supervisor).send({ invalid: true, reason: 'over_vote' }).expect(200);
      expect(rekeyed.body).toMatchObject({ status: 'recorded', kind: 'invalid' });
      expect(await rows()).toEqual({ cvrs: before.cvrs + 1, used: before.used + 1, entries: before.entries + 1 });

      const b = nextPaper();
      await key(batch, { paperId: b, blank: true }).expect(202);
      const pending = ((await entries().expect(200)).body as Array<{ groupId: string; status: string }>).find((g) => g.status === 'pending')!;
      const discarded = await t.http().post(url(`/batches/${batch}/entries/${pending.groupId}/resolve`)).set('Authorization', supervisor).send({ discard: true }).expect(200);
      expect(discarded.body).toEqual({ status: 'discarded', batchId: batch, groupId: pending.groupId });
      expect((await entries().expect(200)).body).toEqual([]);
      // Freed: keyed afresh, twice.
      await key(batch, { paperId: b, blank: true }).expect(202);
      await key(batch, { paperId: b, blank: true }, staff2).expect(201);
    });

    it('keeps the batch open while a paper waits for its second entry', async () => {
      const paperId = nextPaper();
      await key(batch, { paperId, blank: true }).expect(202);
      const res = await t.http().post(url(`/batches/${batch}/close`)).set('Authorization', supervisor).send({ mismatchReason: 'closing early' }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'batch_has_unsettled_entries', unsettled: 1 });
      // Nor may a single-keyed batch take the paper meanwhile.
      const other = await newBatch();
      expect((await key(other, { paperId, blank: true }).expect(409)).body.error.code).toBe('paper_awaiting_other_batch');
      await key(batch, { paperId, blank: true }, staff2).expect(201);
    });
  });

  describe('reconciliation', () => {
    it('refuses to close a batch that does not reconcile; only a supervisor closes it with a reason', async () => {
      const id = await newBatch({ envelopesOpened: 3 });
      await key(id, { paperId: nextPaper(), choices: ALICE_DEV_EVE }).expect(201);
      await key(id, { paperId: nextPaper(), choices: ALICE_DEV_EVE }).expect(201);
      const close = (body: Record<string, unknown>, auth: string) => t.http().post(url(`/batches/${id}/close`)).set('Authorization', auth).send(body);

      const refused = await close({}, staff).expect(409);
      expect(refused.body.error).toMatchObject({ code: 'batch_does_not_reconcile', envelopesOpened: 3, recorded: 2 });
      expect((await close({}, supervisor).expect(409)).body.error.code).toBe('batch_does_not_reconcile');
      const staffOverride = await close({ mismatchReason: 'one envelope held two papers' }, staff).expect(403);
      expect(staffOverride.body.error).toMatchObject({ code: 'mismatch_needs_supervisor', envelopesOpened: 3, recorded: 2 });
      await close({ mismatchReason: '   ' }, supervisor).expect(400);
      expect((await t.http().get(url(`/batches/${id}`)).set('Authorization', staff).expect(200)).body.status).toBe('open');

      const closed = await close({ mismatchReason: 'An envelope was opened twice by mistake.' }, supervisor).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', reconciled: false, mismatchReason: 'An envelope was opened twice by mistake.' });
      const events = await t.dataSource.getRepository(EventEntity).findBy({ chain: `${electionId}:count`, type: 'count.batch_closed' });
      expect(events.find((e) => e.data.batchId === id)?.data).toEqual({
        batchId: id,
        envelopesOpened: 3,
        recorded: 2,
        reconciled: false,
        mismatchReason: 'An envelope was opened twice by mistake.',
      });
      const summary = await t.http().get(url('/summary')).set('Authorization', observer).expect(200);
      expect(summary.body.batches.find((b: { id: string }) => b.id === id)).toMatchObject({ reconciled: false, mismatchReason: 'An envelope was opened twice by mistake.' });
    });

    it('needs the number of envelopes opened before closing', async () => {
      const id = await newBatch();
      expect((await t.http().post(url(`/batches/${id}/close`)).set('Authorization', staff).send({}).expect(409)).body.error.code).toBe('envelopes_not_counted');
    });
  });

  describe('roles', () => {
    it('observers and administrators read but do not write; nobody signed out does anything', async () => {
      const id = await newBatch({}, supervisor);
      for (const auth of [observer, admin]) {
        await t.http().post(url('/batches')).set('Authorization', auth).send({ label: 'X' }).expect(403);
        await key(id, { paperId: papers[0], blank: true }, auth).expect(403);
        await t.http().patch(url(`/batches/${id}`)).set('Authorization', auth).send({ envelopesOpened: 1 }).expect(403);
        await t.http().post(url(`/batches/${id}/close`)).set('Authorization', auth).send({}).expect(403);
        await t.http().get(url('/summary')).set('Authorization', auth).expect(200);
      }
      await t.http().get(url('/summary')).expect(401);
    });
  });
});

describe('Count summary', () => {
  let t: TestApp;
  let electionId: string;
  const batches: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const c = await countingElection(t, { questions: QUESTIONS });
    electionId = c.election.id;
    const staff = await signIn(t, 'count_staff');
    const url = (path: string) => `/elections/${electionId}/count${path}`;
    const batch = async (envelopesOpened: number, contents: Array<Record<string, unknown>>) => {
      const id = (await t.http().post(url('/batches')).set('Authorization', staff).send({ label: `B${envelopesOpened}`, envelopesOpened }).expect(201)).body.id;
      for (const body of contents) {
        const paperId = body.reason === 'no_ballot_paper' ? undefined : c.paperIds.shift();
        await t.http().post(url(`/batches/${id}/records`)).set('Authorization', staff).send({ paperId, ...body }).expect(201);
      }
      return id;
    };
    batches.push(await batch(3, [{ choices: ALICE_DEV_EVE }, { choices: ALICE_DEV_EVE }, { blank: true }]));
    batches.push(await batch(4, [{ choices: BOB_EVE_FAY_GUS }, { choices: [[0, 0, 0], [0, 0, 1, 1]] }, { invalid: true, reason: 'no_ballot_paper' }]));
  });
  afterAll(() => t.close());

  it('sums each batch, the totals, and the postal result per answer from the records', async () => {
    const res = await t.http().get(`/elections/${electionId}/count/summary`).set('Authorization', await signIn(t, 'administrator')).expect(200);
    expect(res.body.batches.map((b: Record<string, unknown>) => [b.label, b.envelopesOpened, b.recorded, b.valid, b.blank, b.invalid, b.reconciled])).toEqual([
      ['B3', 3, 3, 2, 1, 0, true],
      ['B4', 4, 3, 2, 0, 1, false],
    ]);
    // No envelope went through intake in this election: the 7 opened are 7 more than were
    // released to the count, and the summary says so instead of hiding it.
    expect(res.body.totals).toEqual({
      batches: 2,
      open: 2,
      envelopesReleased: 0,
      envelopesOpened: 7,
      envelopesNotOpened: -7,
      recorded: 6,
      valid: 4,
      blank: 1,
      invalid: 1,
      reconciled: false,
    });
    expect(res.body.result).toEqual([
      {
        question: QUESTIONS[0].question,
        answers: [
          { answer: 'Alice Martin', votes: 2 },
          { answer: 'Bob Chen', votes: 1 },
          { answer: 'Chloé Durand', votes: 0 },
        ],
        blank: 1,
      },
      {
        question: QUESTIONS[1].question,
        answers: [
          { answer: 'Dev', votes: 2 },
          { answer: 'Eve', votes: 3 },
          { answer: 'Fay', votes: 2 },
          { answer: 'Gus', votes: 2 },
        ],
        blank: null,
      },
    ]);
  });

  it('holds the tally until every batch is closed; then the count takes nothing more', async () => {
    const elections = t.get(ElectionsService);
    await expect(elections.transition(electionId, 'tallying', SYSTEM)).rejects.toMatchObject({ code: 'transition_blocked' });
    const supervisor = await signIn(t, 'count_supervisor');
    const close = (id: string, body: Record<string, unknown>) =>
      t.http().post(`/elections/${electionId}/count/batches/${id}/close`).set('Authorization', supervisor).send(body).expect(200);
    await close(batches[0], {});
    await close(batches[1], { mismatchReason: 'An envelope found empty was counted as opened twice.' });
    await elections.transition(electionId, 'tallying', SYSTEM);
    const res = await t.http().post(`/elections/${electionId}/count/batches`).set('Authorization', supervisor).send({ label: 'late' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'election_not_counting', status: 'tallying' });
  });
});
