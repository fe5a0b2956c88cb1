import { randomBytes } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/platform/config/app-config';
import { ConfigModule } from 'src/platform/config/config.module';
import { DatabaseModule } from 'src/platform/database/database.module';
import { JobHandler, JobQueue, JobRunner, JobState, JobStatus, StopOptions } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { QueueTuning } from 'src/platform/queue/queue-options';
import { QueueModule } from 'src/platform/queue/queue.module';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';
import { testConfig } from 'test/support/test-config';

export type QueueDriver = 'in-process' | 'bullmq';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Short leases and polls so stall recovery and retries happen within a test's budget. */
export const FAST_QUEUE_TUNING: Partial<QueueTuning> = {
  pollIntervalMs: 20,
  lockDurationMs: 600,
  stalledIntervalMs: 200,
  shutdownGraceMs: 3000,
  healthTimeoutMs: 300,
};

/** One simulated process (web + jobs): config, database and queue modules, nothing else. */
export interface QueueProcess {
  queue: JobQueue;
  runner: JobRunner;
  dataSource: DataSource;
  close(options?: StopOptions): Promise<void>;
}

export interface QueueTestEnv {
  driver: QueueDriver;
  config: AppConfig;
  /** Starts a process with these handlers, running jobs (the BullMQ runner is started too). */
  start(handlers: JobHandler[], overrides?: Partial<AppConfig>): Promise<QueueProcess>;
  /** Closes every process still open, drops the database, deletes this env's Redis keys. */
  cleanup(): Promise<void>;
}

/**
 * A database (of the kind this run tests) and, for BullMQ, a Redis key prefix unique to the
 * test file, shared by the processes a test starts — so a second process sees the first one's jobs.
 */
export async function createQueueTestEnv(driver: QueueDriver, logger: LoggerService | false = false): Promise<QueueTestEnv> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database.config, {
    redisUrl: driver === 'bullmq' ? TEST_REDIS_URL : undefined,
    queuePrefix: `hbq${process.pid}${randomBytes(3).toString('hex')}`,
  });
  // Processes a failing test left open; cleanup force-stops them so no handle outlives the file.
  const open = new Map<TestingModule, JobRunner>();

  return {
    driver,
    config,
    async start(handlers, overrides = {}) {
      const processConfig = { ...config, ...overrides };
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(processConfig), DatabaseModule, QueueModule.forRoot(processConfig, FAST_QUEUE_TUNING)],
      }).compile();
      moduleRef.useLogger(logger);
      const registry = moduleRef.get(JobRegistry);
      handlers.forEach((h) => registry.register(h));
      await moduleRef.init();
      const runner = moduleRef.get(JobRunner);
      open.set(moduleRef, runner);
      await runner.start();
      return {
        queue: moduleRef.get(JobQueue),
        runner,
        dataSource: moduleRef.get(DataSource),
        close: async (options) => {
          if (!open.delete(moduleRef)) return;
          await runner.stop(options);
          await moduleRef.close();
        },
      };
    },
    async cleanup() {
      await Promise.all([...open].map(async ([m, runner]) => {
        await runner.stop({ force: true });
        await m.close();
      }));
      open.clear();
      await database.drop();
      if (driver === 'bullmq') await deleteRedisKeys(config.queuePrefix);
    },
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls `read` until `done` holds; fails after `timeoutMs` with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export function untilState(queue: JobQueue, id: string, state: JobState, timeoutMs?: number): Promise<JobStatus> {
  return eventually(
    () => queue.get(id),
    (s) => s?.state === state,
    timeoutMs,
  ) as Promise<JobStatus>;
}

/** A promise with its resolve handle, for handlers that wait on the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
