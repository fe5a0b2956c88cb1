import { createTestApp, TestApp } from 'test/support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database kind under test and its state', async () => {
    const res = await t.http().get('/health').expect('Content-Type', /json/);
    expect(res.body.database).toEqual({ kind: process.env.DB ?? 'sqlite', ok: true });
  });

  it('answers unknown routes with a stable JSON error', async () => {
    const res = await t.http().get('/no-such-route').expect(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('serves the OpenAPI description at /docs', async () => {
    const res = await t.http().get('/docs/openapi.json').expect(200);
    expect(res.body.paths['/health']).toBeDefined();
  });
});
