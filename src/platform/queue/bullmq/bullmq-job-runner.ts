import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JobContext, JobRunner, StopOptions } from 'src/platform/queue/job-queue';
import { errorMessage, JobRegistry, RegisteredHandler } from 'src/platform/queue/job-registry';
import { QUEUE_TUNING, QueueTuning } from 'src/platform/queue/queue-options';
import { BullmqConnection } from 'src/platform/queue/bullmq/bullmq-connection';
import { BullJobData, externalJobId } from 'src/platform/queue/bullmq/bullmq-job-queue';

/**
 * One BullMQ Worker per registered handler, started by `npm run worker` (never by the web
 * process). Any number of these processes may run on any number of machines; BullMQ hands each
 * job to one of them, and a job whose worker died is moved back to waiting by another worker's
 * stalled check once its lock expires.
 */
@Injectable()
export class BullmqJobRunner extends JobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private workers: Array<{ worker: Worker<BullJobData>; connection: Redis }> = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly connection: BullmqConnection,
    @Inject(QUEUE_TUNING) private readonly tuning: QueueTuning,
  ) {
    super();
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.registry.seal();
    this.workers = this.registry.all().map((handler) => this.startWorker(handler));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(options: StopOptions = {}): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    if (workers.length === 0) return;
    if (options.force) {
      await Promise.all(workers.map((w) => w.worker.close(true).catch(() => undefined)));
    } else {
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all(workers.map((w) => w.worker.close())).then(() => true, () => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.tuning.shutdownGraceMs))),
      ]);
      clearTimeout(timer);
      // Unfinished jobs keep their lock until it expires, then another worker takes them over.
      if (!finished) this.logger.warn({ msg: 'jobs still running at shutdown are left to other workers' });
    }
    workers.forEach((w) => w.connection.disconnect());
  }

  private startWorker(handler: RegisteredHandler): { worker: Worker<BullJobData>; connection: Redis } {
    const connection = this.connection.forWorker();
    const worker = new Worker<BullJobData>(handler.name, (job) => this.process(handler, job), {
      connection,
      prefix: this.connection.prefix,
      concurrency: handler.concurrency,
      lockDuration: this.tuning.lockDurationMs,
      stalledInterval: this.tuning.stalledIntervalMs,
      // A run cut short counts as an attempt, as in the in-process driver: the job is failed
      // once it has started `attempts` times, whether those runs threw or died (BullMQ's own
      // attemptsMade counts only runs that threw, and stalls separately).
      maxStartedAttempts: handler.attempts,
      maxStalledCount: handler.attempts,
    });
    worker.on('error', (e) => this.logger.warn({ msg: 'worker error', job: handler.name, error: errorMessage(e) }));
    worker.on('failed', (job, e) => {
      if (!job) return;
      const where = { job: job.name, jobId: job.id, attempt: job.attemptsStarted };
      if (job.finishedOn) this.logger.error({ msg: 'job failed after its last attempt', ...where, error: e.message });
      else this.logger.warn({ msg: 'job attempt failed; will retry', ...where, error: e.message });
    });
    worker.on('completed', (job) =>
      this.logger.debug({ msg: 'job completed', job: job.name, jobId: job.id, attempt: job.attemptsStarted }),
    );
    return { worker, connection };
  }

  private async process(handler: RegisteredHandler, job: Job<BullJobData>): Promise<unknown> {
    const attempt = job.attemptsStarted;
    const ctx: JobContext = {
      jobId: externalJobId(job.name, job.id!),
      attempt,
      reportProgress: (progress) => job.updateProgress(progress),
    };
    try {
      const result = await handler.handler.handle(job.data.payload, ctx);
      return result === undefined ? null : result;
    } catch (e) {
      // Only the message is kept: stacks and causes may quote secrets.
      throw new Error(errorMessage(e));
    }
  }
}
