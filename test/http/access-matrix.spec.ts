import { ROLES } from 'src/platform/http/access.decorators';
import { signIn } from 'test/support/auth';
import { concretePath, listRoutes, RouteInfo } from 'test/support/routes';
import { createTestApp, TestApp } from 'test/support/test-app';

// Generated authorisation matrix: every route of every controller, present and future, is
// called by every role it does not allow, and by nobody at all. Nothing may get through.
describe('Access matrix over all routes', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestApp();
    routes = listRoutes(t);
  });
  afterAll(() => t.close());

  const send = (r: RouteInfo, auth?: string) => {
    const req = (t.http() as unknown as Record<string, (url: string) => import('supertest').Test>)[r.method.toLowerCase()](concretePath(r.path));
    return auth ? req.set('Authorization', auth) : req;
  };

  it('finds the application routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /elections', 'GET /health', 'POST /auth/login']));
  });

  it('every route declares @Public or @Allow', () => {
    expect(routes.filter((r) => !r.rule).map((r) => r.handler)).toEqual([]);
  });

  it('refuses every staff route without a session (401)', async () => {
    for (const r of routes.filter((x) => x.rule?.kind === 'roles')) {
      const res = await send(r);
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  it.each(ROLES.map((role) => [role]))('refuses %s on every route that does not allow it (403)', async (role) => {
    const auth = await signIn(t, role);
    const forbidden = routes.filter((r) => r.rule?.kind === 'roles' && !r.rule.roles.includes(role));
    for (const r of forbidden) {
      const res = await send(r, auth);
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body?.error?.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
        code: 'role_not_allowed',
      });
    }
  });
});
