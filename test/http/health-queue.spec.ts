import { createTestApp, TestApp } from 'test/support/test-app';
import { TEST_REDIS_URL } from 'test/support/queue-harness';

// /health must name the queue driver in use and answer 503 when the queue cannot take jobs.
describe('GET /health (queue)', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('is 200 with the in-process driver when REDIS_URL is unset', async () => {
    const t = await createTestApp();
    apps.push(t);
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', queue: { driver: 'in-process', ok: true } });
  });

  it('is 200 with the BullMQ driver when Redis is up', async () => {
    const t = await createTestApp({ redisUrl: TEST_REDIS_URL });
    apps.push(t);
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', queue: { driver: 'bullmq', ok: true } });
  });

  it('is 503 reporting the queue down when Redis is unreachable, without echoing its URL', async () => {
    const t = await createTestApp({ redisUrl: 'redis://:s3cret@127.0.0.1:1' });
    apps.push(t);
    const res = await t.http().get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: { ok: true }, queue: { driver: 'bullmq', ok: false } });
    expect(JSON.stringify(res.body)).not.toContain('s3cret');
  });
});
