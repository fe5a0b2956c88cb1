import { EventEntity } from 'src/events/event.entity';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { commitRoll } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('Elections', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
  });
  afterAll(() => t.close());

  const create = async (overrides = {}) =>
    (await t.http().post('/elections').set('Authorization', admin).send(electionInput(overrides)).expect(201)).body;
  /** A draft whose roll is imported, so the only question left for freezing is the settings. */
  const createWithRoll = async (overrides = {}) => {
    const e = await create(overrides);
    await commitRoll(t, e.id);
    return e;
  };
  const transition = (id: string, to: string) => t.http().post(`/elections/${id}/transitions`).set('Authorization', admin).send({ to });

  it('creates a draft with every setting and a Belenios uuid', async () => {
    const e = await create();
    expect(e).toMatchObject({ status: 'draft', precedencePolicy: 'online-overrides-postal', secondFactor: 'date-of-birth', version: 1 });
    expect(e.beleniosUuid).toMatch(/^[1-9A-HJ-NP-Za-km-z]{14}$/);
    expect(e.questions[0].answers).toEqual(['Alice Martin', 'Bob Chen', 'Chloé Durand']);
    const got = await t.http().get(`/elections/${e.id}`).set('Authorization', admin).expect(200);
    expect(got.body).toEqual(e);
  });

  it('refuses contradictory settings with the reason, field by field', async () => {
    const bad = await t
      .http()
      .post('/elections')
      .set('Authorization', admin)
      .send(electionInput({ questions: [{ question: 'Q', answers: ['A', 'B'], min: 2, max: 1, blank: false }] }))
      .expect(400);
    expect(bad.body.error.code).toBe('invalid_settings');
    expect(bad.body.error.problems.join(' ')).toMatch(/minimum \(2\) is above the maximum \(1\)/);

    const unknownField = await t.http().post('/elections').set('Authorization', admin).send({ ...electionInput(), colour: 'red' }).expect(400);
    expect(unknownField.body.error.fields.colour).toBeDefined();

    const badPolicy = await t.http().post('/elections').set('Authorization', admin).send(electionInput({ precedencePolicy: 'most-wins' as never })).expect(400);
    expect(badPolicy.body.error.fields.precedencePolicy).toBeDefined();

    const closesFirst = electionInput();
    closesFirst.timeline = { ...closesFirst.timeline!, onlineClosesAt: closesFirst.timeline!.onlineOpensAt };
    const order = await t.http().post('/elections').set('Authorization', admin).send(closesFirst).expect(400);
    expect(order.body.error.message).toMatch(/closes before it opens/);

    const tz = await t.http().post('/elections').set('Authorization', admin).send(electionInput({ timeline: { ...electionInput().timeline!, timeZone: 'Mars/Olympus' } })).expect(400);
    expect(tz.body.error.message).toMatch(/not a known time zone/);
  });

  it('edits a draft, refuses a stale version, and logs what changed', async () => {
    const e = await create();
    const edited = await t
      .http()
      .patch(`/elections/${e.id}`)
      .set('Authorization', admin)
      .send({ title: 'Renamed ballot', precedencePolicy: 'first-wins', version: e.version })
      .expect(200);
    expect(edited.body).toMatchObject({ title: 'Renamed ballot', precedencePolicy: 'first-wins', version: e.version + 1 });
    const stale = await t.http().patch(`/elections/${e.id}`).set('Authorization', admin).send({ title: 'Again', version: e.version }).expect(409);
    expect(stale.body.error.code).toBe('stale_version');
    const events = await t.http().get(`/elections/${e.id}/events`).set('Authorization', admin).expect(200);
    expect(events.body.map((x: { type: string }) => x.type)).toEqual(['election.created', 'election.updated']);
    expect(events.body[1].data.changed).toEqual({ title: 'Renamed ballot', precedencePolicy: 'first-wins' });
  });

  it('follows the lifecycle and answers an illegal transition with 409 and the allowed ones', async () => {
    const e = await createWithRoll();
    const illegal = await transition(e.id, 'open').expect(409);
    expect(illegal.body.error).toMatchObject({ code: 'illegal_transition', from: 'draft', to: 'open' });
    expect(illegal.body.error.allowed).toEqual(['roll_frozen', 'cancelled']);

    await transition(e.id, 'roll_frozen').expect(200);
    const locked = await t.http().patch(`/elections/${e.id}`).set('Authorization', admin).send({ title: 'Too late' }).expect(409);
    expect(locked.body.error.code).toBe('election_not_editable');

    // packs_ready is entered by pack generation, not by hand.
    const system = await transition(e.id, 'packs_ready').expect(409);
    expect(system.body.error.code).toBe('transition_not_manual');

    await transition(e.id, 'draft').expect(200);
    await transition(e.id, 'cancelled').expect(200);
    const final = await transition(e.id, 'draft').expect(409);
    expect(final.body.error.allowed).toEqual([]);
  });

  it('blocks freezing an incomplete election and lists every problem', async () => {
    const e = await create({ questions: [], timeline: { onlineOpensAt: null, onlineClosesAt: null, postalDeadline: null, timeZone: 'UTC' } });
    const res = await transition(e.id, 'roll_frozen').expect(409);
    expect(res.body.error.code).toBe('transition_blocked');
    expect(res.body.error.problems).toEqual(
      expect.arrayContaining([
        'The election has no questions.',
        'Online voting has no opening time.',
        'Postal voting has no receipt deadline.',
        'The roll has no eligible members: import one first.',
      ]),
    );
    const checklist = await t.http().get(`/elections/${e.id}/lifecycle`).set('Authorization', admin).expect(200);
    expect(checklist.body.next.find((n: { to: string }) => n.to === 'roll_frozen').problems.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an intact hash chain, and detects an event edited in the database', async () => {
    const e = await createWithRoll();
    await transition(e.id, 'roll_frozen').expect(200);
    await transition(e.id, 'draft').expect(200);
    const ok = await t.http().get(`/elections/${e.id}/events/integrity`).set('Authorization', admin).expect(200);
    const listed = await t.http().get(`/elections/${e.id}/events`).set('Authorization', admin).expect(200);
    expect(listed.body.filter((x: { type: string }) => x.type === 'election.transitioned')).toHaveLength(2);
    expect(ok.body).toMatchObject({ ok: true, chains: [{ events: listed.body.length, ok: true }] });

    await t.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder()
      .update()
      .set({ type: 'election.forged' })
      .where('election_id = :id AND seq = 2', { id: e.id })
      .execute();
    const broken = await t.http().get(`/elections/${e.id}/events/integrity`).set('Authorization', admin).expect(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.chains[0]).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('serialises concurrent transitions: exactly one of two racing freezes wins', async () => {
    const e = await createWithRoll();
    const results = await Promise.all([transition(e.id, 'roll_frozen'), transition(e.id, 'roll_frozen')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await t.http().get(`/elections/${e.id}/events?type=election.transitioned`).set('Authorization', admin).expect(200);
    expect(events.body).toHaveLength(1);
  });

  it('answers an unknown election with 404 and a malformed id with 400', async () => {
    await t.http().get('/elections/2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a').set('Authorization', admin).expect(404);
    await t.http().get('/elections/not-a-uuid').set('Authorization', admin).expect(400);
  });
});
