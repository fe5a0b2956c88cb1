import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Job, JobState as BullState, Queue } from 'bullmq';
import { commonError } from 'src/platform/errors/domain-error';
import { EnqueueOptions, JobProgress, JobQueue, JobState, JobStatus, QueueHealth } from 'src/platform/queue/job-queue';
import { assertValidJobKey, JobRegistry } from 'src/platform/queue/job-registry';
import { QUEUE_TUNING, QueueTuning } from 'src/platform/queue/queue-options';
import { BullmqConnection } from 'src/platform/queue/bullmq/bullmq-connection';

/** What a BullMQ job carries: the payload, and a nonce telling our add from an earlier one. */
export interface BullJobData {
  payload: unknown;
  nonce: string;
}

/**
 * Our job ids are `<name>:<BullMQ id>`: one BullMQ queue per job name (so each name gets its
 * own worker concurrency), and `get(id)` must know which queue to ask. Names cannot contain ':'.
 */
export function externalJobId(name: string, bullId: string): string {
  return `${name}:${bullId}`;
}

function parseJobId(id: string): { name: string; bullId: string } | null {
  const at = id.indexOf(':');
  return at > 0 ? { name: id.slice(0, at), bullId: id.slice(at + 1) } : null;
}

function ourState(state: BullState | 'unknown'): JobState | null {
  switch (state) {
    case 'active':
      return 'active';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'waiting':
    case 'delayed':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'unknown':
      return null;
  }
}

export function toJobStatus<R>(job: Job<BullJobData>, state: JobState): JobStatus<R> {
  const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as JobProgress) : undefined;
  return {
    id: externalJobId(job.name, job.id!),
    name: job.name,
    state,
    // Runs started, like the in-process driver: a run cut short by a crash counts.
    attemptsMade: Math.max(job.attemptsStarted ?? 0, job.attemptsMade),
    ...(progress ? { progress } : {}),
    ...(state === 'completed' && job.returnvalue !== null && job.returnvalue !== undefined ? { result: job.returnvalue as R } : {}),
    ...(state === 'failed' && job.failedReason ? { error: job.failedReason } : {}),
    createdAt: new Date(job.timestamp),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn) } : {}),
  };
}

/** The producer side on Redis: web processes only enqueue; `npm run worker` runs the jobs. */
@Injectable()
export class BullmqJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly driver = 'bullmq' as const;
  private readonly queues = new Map<string, Queue<BullJobData>>();

  constructor(
    private readonly registry: JobRegistry,
    private readonly connection: BullmqConnection,
    @Inject(QUEUE_TUNING) private readonly tuning: QueueTuning,
  ) {
    super();
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    const handler = this.registry.require(name);
    if (options.jobId !== undefined) assertValidJobKey(options.jobId);
    await this.whenReachable();
    const bullId = options.jobId ?? randomUUID();
    const nonce = randomUUID();
    const queue = this.queue(name);
    // BullMQ keeps the first job for an existing id, whatever its state, while it is retained.
    await queue.add(
      name,
      { payload: payload ?? null, nonce },
      {
        jobId: bullId,
        delay: options.delayMs,
        attempts: handler.attempts,
        backoff: { type: 'exponential', delay: handler.backoffMs },
        removeOnComplete: { age: Math.ceil(this.tuning.completedRetentionMs / 1000) },
        // Failed jobs stay for inspection (listFailed) until someone removes them.
        removeOnFail: false,
        // Stacks may quote secrets; the message is what we keep.
        stackTraceLimit: 0,
      },
    );
    const id = externalJobId(name, bullId);
    if (options.jobId === undefined) return { id, created: true };
    const stored = await queue.getJob(bullId);
    return { id, created: stored?.data.nonce === nonce };
  }

  async get<R = unknown>(id: string): Promise<JobStatus<R> | null> {
    const parsed = parseJobId(id);
    if (!parsed) return null;
    await this.whenReachable();
    const queue = this.queue(parsed.name);
    // State first: a job read before its state could finish in between and show no result.
    const state = ourState(await queue.getJobState(parsed.bullId));
    const job = state ? await queue.getJob(parsed.bullId) : undefined;
    return state && job ? toJobStatus<R>(job, state) : null;
  }

  async listFailed(name?: string, limit = 100): Promise<JobStatus[]> {
    await this.whenReachable();
    const names = name === undefined ? this.registry.all().map((h) => h.name) : [name];
    const failed = (await Promise.all(names.map((n) => this.queue(n).getFailed(0, limit - 1)))).flat();
    return failed
      .filter((j): j is Job<BullJobData> => Boolean(j))
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .slice(0, limit)
      .map((j) => toJobStatus(j, 'failed'));
  }

  async health(): Promise<QueueHealth> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.connection.ready(this.tuning.healthTimeoutMs);
      const pong = await Promise.race([
        this.connection.producer.ping(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), this.tuning.healthTimeoutMs))),
      ]);
      return pong === 'PONG' ? { driver: this.driver, ok: true } : { driver: this.driver, ok: false, detail: 'unexpected redis reply' };
    } catch {
      return { driver: this.driver, ok: false, detail: 'redis unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.close();
  }

  private async whenReachable(): Promise<void> {
    try {
      await this.connection.ready(this.tuning.healthTimeoutMs);
    } catch {
      throw commonError('unavailable', 'The job queue is unavailable; try again later');
    }
  }

  private queue(name: string): Queue<BullJobData> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<BullJobData>(name, { connection: this.connection.producer, prefix: this.connection.prefix });
      // Connection errors are logged once by BullmqConnection; without a listener they would crash.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}
