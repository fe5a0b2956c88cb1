import { LoggerService } from '@nestjs/common';
import { JobContext, JobHandler } from 'src/platform/queue/job-queue';
import {
  createQueueTestEnv,
  deferred,
  eventually,
  QueueDriver,
  QueueTestEnv,
  untilState,
} from 'test/support/queue-harness';

jest.setTimeout(20_000);

/** Collects every log line of the processes, to prove what never reaches them. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private push = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  log = this.push;
  error = this.push;
  warn = this.push;
  debug = this.push;
  verbose = this.push;
}

function handler<P, R>(name: string, handle: (payload: P, ctx: JobContext) => Promise<R>, options: Partial<JobHandler> = {}): JobHandler<P, R> {
  return { ...options, name, handle };
}

// The same cases against both drivers (CONVENTIONS.md: no fallback driver that silently differs).
describe.each<[QueueDriver]>([['in-process'], ['bullmq']])('JobQueue contract (%s driver)', (driver) => {
  let env: QueueTestEnv;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    env = await createQueueTestEnv(driver, logs);
  });
  afterAll(() => env.cleanup());

  it('runs a job and records its result', async () => {
    const p = await env.start([handler('t.double', async ({ n }: { n: number }) => ({ doubled: n * 2 }))]);
    const { id, created } = await p.queue.enqueue('t.double', { n: 21 });
    expect(created).toBe(true);
    const status = await untilState(p.queue, id, 'completed');
    expect(status).toMatchObject({ id, name: 't.double', state: 'completed', attemptsMade: 1, result: { doubled: 42 } });
    expect(status.error).toBeUndefined();
    expect(status.finishedAt!.getTime()).toBeGreaterThanOrEqual(status.createdAt.getTime());
    await p.close();
  });

  it('shows progress while the job runs', async () => {
    const reported = deferred();
    const release = deferred();
    const p = await env.start([
      handler('t.progress', async (_: unknown, ctx) => {
        await ctx.reportProgress({ done: 1, total: 4, stage: 'letters' });
        reported.resolve();
        await release.promise;
        await ctx.reportProgress({ done: 4, total: 4 });
        return 'ok';
      }),
    ]);
    const { id } = await p.queue.enqueue('t.progress', {});
    await reported.promise;
    expect(await p.queue.get(id)).toMatchObject({ state: 'active', attemptsMade: 1, progress: { done: 1, total: 4, stage: 'letters' } });
    release.resolve();
    expect(await untilState(p.queue, id, 'completed')).toMatchObject({ progress: { done: 4, total: 4 }, result: 'ok' });
    await p.close();
  });

  it('retries a job that throws, with exponential backoff, then records it as failed with the error', async () => {
    const runs: Array<{ attempt: number; at: number }> = [];
    const p = await env.start([
      handler(
        't.always-fails',
        async (_: unknown, ctx) => {
          runs.push({ attempt: ctx.attempt, at: Date.now() });
          throw new Error(`printer jammed (run ${ctx.attempt})`);
        },
        { attempts: 3, backoffMs: 150 },
      ),
    ]);
    const { id } = await p.queue.enqueue('t.always-fails', { batch: 1 });
    const status = await untilState(p.queue, id, 'failed');
    expect(status).toMatchObject({ state: 'failed', attemptsMade: 3, error: 'printer jammed (run 3)' });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // 150 ms before the first retry, 300 ms before the second (timers may fire a little early).
    expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(140);
    expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(290);
    const failed = await p.queue.listFailed('t.always-fails');
    expect(failed.map((f) => f.id)).toEqual([id]);
    expect(failed[0]).toMatchObject({ error: 'printer jammed (run 3)', attemptsMade: 3 });
    expect((await p.queue.listFailed()).map((f) => f.id)).toContain(id);
    await p.close();
  });

  it('completes a job that fails once and then succeeds, without recording it as failed', async () => {
    const p = await env.start([
      handler(
        't.flaky',
        async (_: unknown, ctx) => {
          if (ctx.attempt === 1) throw new Error('transient');
          return { attempt: ctx.attempt };
        },
        { attempts: 3, backoffMs: 10 },
      ),
    ]);
    const { id } = await p.queue.enqueue('t.flaky', {});
    const status = await untilState(p.queue, id, 'completed');
    expect(status).toMatchObject({ attemptsMade: 2, result: { attempt: 2 } });
    expect(status.error).toBeUndefined();
    expect(await p.queue.listFailed('t.flaky')).toEqual([]);
    await p.close();
  });

  it('creates one job for one jobId, even when enqueued again after it completed', async () => {
    let runs = 0;
    const p = await env.start([
      handler('t.once', async () => ++runs),
      handler('t.other', async () => 'other'),
    ]);
    const [a, b] = await Promise.all([
      p.queue.enqueue('t.once', { v: 1 }, { jobId: 'election-7.batch-3' }),
      p.queue.enqueue('t.once', { v: 2 }, { jobId: 'election-7.batch-3' }),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    await untilState(p.queue, a.id, 'completed');
    const again = await p.queue.enqueue('t.once', { v: 3 }, { jobId: 'election-7.batch-3' });
    expect(again).toEqual({ id: a.id, created: false });
    // The key is scoped to the job name.
    const other = await p.queue.enqueue('t.other', {}, { jobId: 'election-7.batch-3' });
    expect(other.created).toBe(true);
    expect(other.id).not.toBe(a.id);
    await untilState(p.queue, other.id, 'completed');
    expect(runs).toBe(1);
    expect(await p.queue.get(a.id)).toMatchObject({ result: 1 });
    await p.close();
  });

  it('counts a failed job as existing for its jobId', async () => {
    const p = await env.start([handler('t.fails-once', async () => Promise.reject(new Error('no')), { attempts: 1 })]);
    const first = await p.queue.enqueue('t.fails-once', {}, { jobId: 'k1' });
    await untilState(p.queue, first.id, 'failed');
    expect(await p.queue.enqueue('t.fails-once', {}, { jobId: 'k1' })).toEqual({ id: first.id, created: false });
    await p.close();
  });

  it('refuses an unknown job name and a malformed jobId', async () => {
    const p = await env.start([handler('t.known', async () => null)]);
    await expect(p.queue.enqueue('t.unknown', {})).rejects.toThrow('No job handler registered for "t.unknown"');
    await expect(p.queue.enqueue('t.known', {}, { jobId: 'a:b' })).rejects.toThrow('Invalid jobId');
    await expect(p.queue.enqueue('t.known', {}, { jobId: '42' })).rejects.toThrow('Invalid jobId');
    expect(await p.queue.get('no-such-job')).toBeNull();
    await p.close();
  });

  it('runs at most `concurrency` jobs of a name at once', async () => {
    let running = 0;
    let peak = 0;
    const twoRunning = deferred();
    const release = deferred();
    const p = await env.start([
      handler(
        't.limited',
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          if (running === 2) twoRunning.resolve();
          await release.promise;
          running -= 1;
        },
        { concurrency: 2 },
      ),
    ]);
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => p.queue.enqueue('t.limited', { n }).then((r) => r.id)));
    await twoRunning.promise;
    // A third run would start within a few polls if the limit were not enforced.
    await new Promise((r) => setTimeout(r, 150));
    expect(running).toBe(2);
    release.resolve();
    for (const id of ids) await untilState(p.queue, id, 'completed');
    expect(peak).toBe(2);
    await p.close();
  });

  it('finishes a running job before a graceful shutdown returns', async () => {
    const started = deferred();
    const release = deferred();
    const p = await env.start([
      handler('t.graceful', async () => {
        started.resolve();
        await release.promise;
        return 'finished';
      }),
    ]);
    const { id } = await p.queue.enqueue('t.graceful', {});
    await started.promise;
    const closing = p.runner.stop();
    release.resolve();
    await closing;
    expect(await p.queue.get(id)).toMatchObject({ state: 'completed', result: 'finished' });
    await p.close();
  });

  it('completes a job whose process stopped mid-run, in the next process', async () => {
    const firstRunStarted = deferred();
    const crashing = handler('t.survivor', async (_: unknown, ctx) => {
      if (ctx.attempt === 1) {
        firstRunStarted.resolve();
        return new Promise<never>(() => undefined); // never finishes: its process "dies"
      }
      return { completedOnAttempt: ctx.attempt };
    });
    const first = await env.start([crashing]);
    const { id } = await first.queue.enqueue('t.survivor', {});
    await firstRunStarted.promise;
    await first.close({ force: true });

    const second = await env.start([crashing]);
    const status = await untilState(second.queue, id, 'completed');
    expect(status).toMatchObject({ attemptsMade: 2, result: { completedOnAttempt: 2 } });
    await second.close();
  });

  it('counts a run cut short by a crash as an attempt', async () => {
    const crashed = deferred();
    const runs: number[] = [];
    const crashThenThrow = handler(
      't.crash-then-throw',
      async (_: unknown, ctx) => {
        runs.push(ctx.attempt);
        if (ctx.attempt === 1) {
          crashed.resolve();
          return new Promise<never>(() => undefined);
        }
        throw new Error(`run ${ctx.attempt} failed`);
      },
      { attempts: 2, backoffMs: 10 },
    );
    const alwaysCrashes = handler('t.always-crashes', async () => new Promise<never>(() => crashed.resolve()), { attempts: 1 });
    const first = await env.start([crashThenThrow, alwaysCrashes]);
    const a = await first.queue.enqueue('t.crash-then-throw', {});
    const b = await first.queue.enqueue('t.always-crashes', {});
    await crashed.promise;
    await eventually(() => first.queue.get(b.id), (s) => s?.state === 'active');
    await first.close({ force: true });

    const second = await env.start([crashThenThrow, alwaysCrashes]);
    // Two runs in all (the crashed one and one retry), not a third.
    expect(await untilState(second.queue, a.id, 'failed')).toMatchObject({ attemptsMade: 2, error: 'run 2 failed' });
    expect(runs).toEqual([1, 2]);
    // A job that takes its process down on every run ends up failed instead of looping.
    expect(await untilState(second.queue, b.id, 'failed')).toMatchObject({ error: expect.any(String) });
    await second.close();
  });

  it('never writes a payload to the logs', async () => {
    const p = await env.start([handler('t.secretive', async () => Promise.reject(new Error('refused')), { attempts: 2, backoffMs: 10 })]);
    const { id } = await p.queue.enqueue('t.secretive', { password: 'hunter2-do-not-log' });
    await untilState(p.queue, id, 'failed');
    await eventually(
      async () => logs.lines.filter((l) => l.includes('t.secretive')).length,
      (n) => n >= 2,
    );
    expect(logs.lines.filter((l) => l.includes('refused')).length).toBeGreaterThanOrEqual(2);
    expect(logs.lines.join('\n')).not.toContain('hunter2');
    await p.close();
  });

  it('reports itself healthy, and down when its store is unreachable', async () => {
    const p = await env.start([]);
    expect(await p.queue.health()).toEqual({ driver, ok: true });
    await p.close();

    let down;
    if (driver === 'bullmq') {
      down = await env.start([], { redisUrl: 'redis://127.0.0.1:1' });
    } else {
      down = await env.start([]);
      await down.runner.stop();
      await down.dataSource.destroy();
    }
    expect(await down.queue.health()).toMatchObject({ driver, ok: false, detail: expect.any(String) });
    await down.close();
  });
});
