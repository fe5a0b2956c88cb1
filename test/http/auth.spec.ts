import { AuthService } from 'src/auth/auth.service';
import { StaffService } from 'src/auth/staff.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { signIn, TEST_PASSWORD } from 'test/support/auth';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('Staff sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ login: { maxAttempts: 3, windowSeconds: 600 }, sessionTtlMinutes: 60 });
  });
  afterAll(() => t.close());

  it('signs in with the right password and answers /auth/me with the role', async () => {
    await t.get(StaffService).create({ email: 'Officer@Example.org', role: 'administrator', password: TEST_PASSWORD }, SYSTEM);
    const res = await t.http().post('/auth/login').send({ email: 'officer@example.org', password: TEST_PASSWORD }).expect(200);
    expect(res.body.staff).toMatchObject({ email: 'officer@example.org', role: 'administrator' });
    expect(res.headers['set-cookie'][0]).toMatch(/hb_session=.*HttpOnly.*SameSite=Strict/i);
    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body.role).toBe('administrator');
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('gives one answer for an unknown account and a wrong password', async () => {
    const unknown = await t.http().post('/auth/login').send({ email: 'nobody@example.org', password: 'whatever-password' }).expect(401);
    const wrong = await t.http().post('/auth/login').send({ email: 'officer@example.org', password: 'wrong-password!!' }).expect(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('locks an account after repeated failures, with Retry-After, even for the right password', async () => {
    await t.get(StaffService).create({ email: 'target@example.org', role: 'observer', password: TEST_PASSWORD }, SYSTEM);
    for (let i = 0; i < 3; i++) {
      await t.http().post('/auth/login').send({ email: 'target@example.org', password: `bad-${i}-password` }).expect(401);
    }
    const res = await t.http().post('/auth/login').send({ email: 'target@example.org', password: TEST_PASSWORD }).expect(429);
    expect(res.body.error.code).toBe('login_rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a request without a session, and one whose session was ended', async () => {
    await t.http().get('/auth/me').expect(401);
    const header = await signIn(t, 'count_staff');
    await t.http().post('/auth/logout').set('Authorization', header).expect(204);
    const res = await t.http().get('/auth/me').set('Authorization', header).expect(401);
    expect(res.body.error.code).toBe('session_expired');
  });

  it('expires sessions after their lifetime', async () => {
    const header = await signIn(t, 'trustee');
    const token = header.slice('Bearer '.length);
    // Resolve the token as if two hours had passed (TTL is 60 minutes).
    const later = new Date(Date.now() + 2 * 3600_000);
    await expect(t.get(AuthService).resolve(token, later)).rejects.toMatchObject({ code: 'session_expired' });
  });

  it('lets an administrator create staff, and records it in the global event log', async () => {
    const admin = await signIn(t, 'administrator');
    const res = await t
      .http()
      .post('/staff')
      .set('Authorization', admin)
      .send({ email: 'counter@example.org', role: 'count_staff', password: 'long-enough-password' })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'counter@example.org', role: 'count_staff', disabled: false });
    const events = await t.get(EventLogService).list({ electionId: null, type: 'staff.created', limit: 100 });
    expect(events.map((e) => e.data.email)).toContain('counter@example.org');
    expect(JSON.stringify(events)).not.toContain('long-enough-password');
  });

  it('refuses a weak password and a duplicate e-mail with field errors', async () => {
    const admin = await signIn(t, 'administrator');
    const weak = await t.http().post('/staff').set('Authorization', admin).send({ email: 'x@example.org', role: 'observer', password: 'short' }).expect(400);
    expect(weak.body.error.fields.password).toBeDefined();
    const dup = await t
      .http()
      .post('/staff')
      .set('Authorization', admin)
      .send({ email: 'COUNTER@example.org', role: 'observer', password: 'long-enough-password' })
      .expect(409);
    expect(dup.body.error.code).toBe('email_taken');
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await signIn(t, 'administrator');
    const created = await t
      .http()
      .post('/staff')
      .set('Authorization', admin)
      .send({ email: 'leaver@example.org', role: 'observer', password: 'long-enough-password' })
      .expect(201);
    const login = await t.http().post('/auth/login').send({ email: 'leaver@example.org', password: 'long-enough-password' }).expect(200);
    await t.http().patch(`/staff/${created.body.id}`).set('Authorization', admin).send({ disabled: true }).expect(200);
    await t.http().get('/auth/me').set('Authorization', `Bearer ${login.body.token}`).expect(401);
    await t.http().post('/auth/login').send({ email: 'leaver@example.org', password: 'long-enough-password' }).expect(401);
  });

  it('rejects malformed JSON with a stable code and changes nothing', async () => {
    const res = await t.http().post('/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(res.body.error.code).toBe('malformed_json');
  });
});
