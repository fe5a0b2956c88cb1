/** Timings of both drivers; tests shorten them, production keeps the defaults. */
export interface QueueTuning {
  /** In-process: how often an idle dispatcher looks for due jobs. */
  pollIntervalMs: number;
  /** A running job's lease (in-process) / lock (BullMQ); renewed at half this period. */
  lockDurationMs: number;
  /** How often expired leases / stalled jobs are looked for. */
  stalledIntervalMs: number;
  /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
  shutdownGraceMs: number;
  /** Completed jobs (and so their idempotency keys) are kept this long; failed jobs are kept. */
  completedRetentionMs: number;
  /** A health check that takes longer reports the queue down. */
  healthTimeoutMs: number;
  /**
   * In-process driver: start running jobs on bootstrap (web process, worker). false in the
   * command line, which only enqueues unless it chooses to run them (`packs generate --wait`).
   */
  runOnBootstrap: boolean;
}

export const DEFAULT_QUEUE_TUNING: QueueTuning = {
  pollIntervalMs: 500,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  shutdownGraceMs: 25_000,
  completedRetentionMs: 30 * 24 * 3600 * 1000,
  healthTimeoutMs: 2_000,
  runOnBootstrap: true,
};

export const QUEUE_TUNING = Symbol('QUEUE_TUNING');
