// The one queue interface. Two drivers implement it — BullMQ on Redis when REDIS_URL is set,
// and an in-process driver otherwise — and both pass one shared test suite
// (test/db/queue/queue-contract.spec.ts): same retries, same failure reporting, same
// idempotency contract. docs/QUEUE.md describes the guarantees.

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

export interface JobProgress {
  done: number;
  total: number;
  [key: string]: unknown;
}

export interface JobContext {
  readonly jobId: string;
  /**
   * 1 for the first run, 2 for the next, … A run interrupted by a crash or a lost lease counts
   * as an attempt, so a job that kills its process cannot loop forever.
   */
  readonly attempt: number;
  reportProgress(progress: JobProgress): Promise<void>;
}

export interface JobHandler<P = unknown, R = unknown> {
  /** Stable name, e.g. 'packs.render-batch' (lower case, digits, '.', '_', '-'). */
  readonly name: string;
  /** Total runs before the job is recorded as failed (default 3). */
  readonly attempts?: number;
  /** First retry delay; doubles on each retry (default 1000 ms). */
  readonly backoffMs?: number;
  /** Parallel runs of this job name per process (default 1). */
  readonly concurrency?: number;
  /**
   * Payload and result travel as JSON (a Date arrives as a string). Error messages are stored
   * and logged: never put a secret in one.
   */
  handle(payload: P, ctx: JobContext): Promise<R>;
}

export interface EnqueueOptions {
  /**
   * Idempotency key, scoped to the job name: enqueuing twice with the same name and key returns
   * the existing job instead of creating a second one, whatever its state (also after it
   * completed or failed, for as long as it is retained — see docs/QUEUE.md).
   * Letters, digits, '.', '_', '-'; at most 200 characters; not only digits.
   */
  jobId?: string;
  delayMs?: number;
}

export interface JobStatus<R = unknown> {
  /** Opaque; pass it to `get`. */
  id: string;
  name: string;
  state: JobState;
  /** Runs started so far, including the current one when active. */
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

/** The producer side: what services use to enqueue and inspect jobs. */
export abstract class JobQueue {
  abstract readonly driver: QueueHealth['driver'];
  /** Throws when no handler is registered for `name` (a typo would otherwise wait forever). */
  abstract enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<{ id: string; created: boolean }>;
  abstract get<R = unknown>(id: string): Promise<JobStatus<R> | null>;
  /** Failed jobs, most recently failed first, at most `limit` (default 100). */
  abstract listFailed(name?: string, limit?: number): Promise<JobStatus[]>;
  abstract health(): Promise<QueueHealth>;
}

export interface StopOptions {
  /**
   * true: stop at once and abandon running jobs, as a crash would; they are recovered by stall
   * detection once their lease expires. false (default): stop taking jobs, let running ones
   * finish for up to the grace period, then hand the rest back.
   */
  force?: boolean;
}

/**
 * The consumer side: runs the registered handlers. The in-process driver starts it in every
 * process on bootstrap; with BullMQ only `npm run worker` (src/worker.ts) starts it.
 */
export abstract class JobRunner {
  abstract readonly running: boolean;
  abstract start(): Promise<void>;
  abstract stop(options?: StopOptions): Promise<void>;
}
