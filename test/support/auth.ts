import { StaffService } from 'src/auth/staff.service';
import { SYSTEM } from 'src/events/actor';
import { Role } from 'src/platform/http/access.decorators';
import { TestApp } from 'test/support/test-app';

export const TEST_PASSWORD = 'test-only-password-0123';

const cache = new WeakMap<TestApp, Map<Role, string>>();

/** Creates (once per app) a staff account with this role, signs it in over HTTP, returns the Authorization header. */
export async function signIn(t: TestApp, role: Role): Promise<string> {
  let byRole = cache.get(t);
  if (!byRole) cache.set(t, (byRole = new Map()));
  const cached = byRole.get(role);
  if (cached) return cached;
  const email = `${role.replace('_', '-')}@test.invalid`;
  await t.get(StaffService).create({ email, role, password: TEST_PASSWORD }, SYSTEM);
  const res = await t.http().post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const header = `Bearer ${res.body.token as string}`;
  byRole.set(role, header);
  return header;
}

/** Another account with this role, signed in: a second operator for double keying. */
export async function signInAnother(t: TestApp, role: Role, name: string): Promise<string> {
  const email = `${role.replace('_', '-')}-${name}@test.invalid`;
  await t.get(StaffService).create({ email, role, password: TEST_PASSWORD }, SYSTEM);
  const res = await t.http().post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return `Bearer ${res.body.token as string}`;
}
