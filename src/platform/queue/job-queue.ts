// The one queue interface. Two drivers implement it — BullMQ on Redis when REDIS_URL is set,
// and an in-process driver otherwise — and both pass one shared test suite
// (test/db/queue/*.spec.ts): same retries, same failure reporting, same idempotency contract.

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

export interface JobProgress {
  done: number;
  total: number;
  [key: string]: unknown;
}

export interface JobContext {
  readonly jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  readonly attempt: number;
  reportProgress(progress: JobProgress): Promise<void>;
}

export interface JobHandler<P = unknown, R = unknown> {
  /** Stable name, e.g. 'packs.render-batch'. */
  readonly name: string;
  /** Total runs before the job is recorded as failed (default 3). */
  readonly attempts?: number;
  /** First retry delay; doubles on each retry (default 1000 ms). */
  readonly backoffMs?: number;
  /** Parallel runs of this job name per process (default 1). */
  readonly concurrency?: number;
  handle(payload: P, ctx: JobContext): Promise<R>;
}

export interface EnqueueOptions {
  /**
   * Idempotency key: enqueuing twice with the same id returns the existing job instead of
   * creating a second one (whatever its state).
   */
  jobId?: string;
  delayMs?: number;
}

export interface JobStatus<R = unknown> {
  id: string;
  name: string;
  state: JobState;
  attemptsMade: number;
  progress?: JobProgress;
  result?: R;
  /** Last error message when the job failed (never a stack with secrets). */
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

export interface QueueHealth {
  driver: 'in-process' | 'bullmq';
  ok: boolean;
  detail?: string;
}

export abstract class JobQueue {
  abstract readonly driver: QueueHealth['driver'];
  abstract enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<{ id: string; created: boolean }>;
  abstract get<R = unknown>(id: string): Promise<JobStatus<R> | null>;
  abstract listFailed(name?: string): Promise<JobStatus[]>;
  abstract health(): Promise<QueueHealth>;
}
