import { Inject, Injectable } from '@nestjs/common';
import { EnqueueOptions, JobQueue, JobStatus, QueueHealth } from 'src/platform/queue/job-queue';
import { assertValidJobKey, JobRegistry } from 'src/platform/queue/job-registry';
import { QUEUE_TUNING, QueueTuning } from 'src/platform/queue/queue-options';
import { JobEntity } from 'src/platform/queue/in-process/job.entity';
import { JobRepository } from 'src/platform/queue/in-process/job.repository';
import { InProcessWakeup } from 'src/platform/queue/in-process/in-process-wakeup';

export function toJobStatus<R>(job: JobEntity): JobStatus<R> {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attemptsMade: job.attemptsMade,
    ...(job.progress ? { progress: job.progress } : {}),
    ...(job.state === 'completed' && job.result !== null && job.result !== undefined ? { result: job.result as R } : {}),
    ...(job.state === 'failed' && job.error ? { error: job.error } : {}),
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  };
}

/** Jobs as rows of the `job` table, run by the InProcessJobRunner of every process on that database. */
@Injectable()
export class InProcessJobQueue extends JobQueue {
  readonly driver = 'in-process' as const;

  constructor(
    private readonly registry: JobRegistry,
    private readonly repository: JobRepository,
    private readonly wakeup: InProcessWakeup,
    @Inject(QUEUE_TUNING) private readonly tuning: QueueTuning,
  ) {
    super();
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    const handler = this.registry.require(name);
    if (options.jobId !== undefined) assertValidJobKey(options.jobId);
    const result = await this.repository.insertUnlessKeyExists({
      name,
      idempotencyKey: options.jobId ?? null,
      // The same JSON round trip BullMQ applies, so handlers see the same payload on both drivers.
      payload: JSON.parse(JSON.stringify(payload ?? null)),
      maxAttempts: handler.attempts,
      backoffMs: handler.backoffMs,
      runAfter: new Date(Date.now() + (options.delayMs ?? 0)),
    });
    if (result.created) this.wakeup.notify();
    return result;
  }

  async get<R = unknown>(id: string): Promise<JobStatus<R> | null> {
    const job = await this.repository.findById(id);
    return job ? toJobStatus<R>(job) : null;
  }

  async listFailed(name?: string, limit = 100): Promise<JobStatus[]> {
    return (await this.repository.listFailed(name, limit)).map((j) => toJobStatus(j));
  }

  async health(): Promise<QueueHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.tuning.healthTimeoutMs);
    });
    try {
      await Promise.race([this.repository.ping(), timeout]);
      return { driver: this.driver, ok: true };
    } catch {
      return { driver: this.driver, ok: false, detail: 'job table unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
