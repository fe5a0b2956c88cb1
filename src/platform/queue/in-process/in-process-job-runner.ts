import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobContext, JobRunner, StopOptions } from 'src/platform/queue/job-queue';
import { backoffDelay, errorMessage, JobRegistry, RegisteredHandler } from 'src/platform/queue/job-registry';
import { QUEUE_TUNING, QueueTuning } from 'src/platform/queue/queue-options';
import { JobEntity } from 'src/platform/queue/in-process/job.entity';
import { JobRepository } from 'src/platform/queue/in-process/job.repository';
import { InProcessWakeup } from 'src/platform/queue/in-process/in-process-wakeup';

/**
 * Runs due jobs of the `job` table in this process, at most `concurrency` at a time per job
 * name. A run holds a lease that a heartbeat renews; a lease that expires (the process died or
 * hung) is recovered by whichever process sweeps next, so no job is dropped. Logs carry job
 * name, id and attempt — never payloads or results.
 */
@Injectable()
export class InProcessJobRunner extends JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobRunner');
  private state: 'stopped' | 'running' | 'stopping' = 'stopped';
  /** Runs in progress, by lease token. */
  private readonly runs = new Map<string, { name: string; done: Promise<void> }>();
  private timers: NodeJS.Timeout[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private dispatching: Promise<void> | undefined;
  private dispatchAgain = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly repository: JobRepository,
    private readonly wakeup: InProcessWakeup,
    @Inject(QUEUE_TUNING) private readonly tuning: QueueTuning,
  ) {
    super();
  }

  get running(): boolean {
    return this.state === 'running';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.tuning.runOnBootstrap) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.registry.seal();
    this.state = 'running';
    // Jobs left active by a process that died are due again as soon as their lease has expired.
    await this.sweep();
    this.wakeup.listen(() => this.dispatch());
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.tuning.lockDurationMs / 2);
    this.timers.push(
      setInterval(() => this.dispatch(), this.tuning.pollIntervalMs),
      setInterval(() => void this.sweep(), this.tuning.stalledIntervalMs),
    );
    this.dispatch();
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.wakeup.listen(undefined);
    this.timers.forEach(clearInterval);
    this.timers = [];
    await this.dispatching;
    if (!options.force && this.runs.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...this.runs.values()].map((r) => r.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, this.tuning.shutdownGraceMs))),
      ]);
      clearTimeout(timer);
      const unfinished = [...this.runs.keys()];
      if (unfinished.length > 0) {
        // Handing them back now lets the next process start them at once instead of after the lease.
        await this.repository.release(unfinished, new Date()).catch((e: unknown) => this.logError('release', e));
        this.logger.warn({ msg: 'jobs still running at shutdown were handed back', count: unfinished.length });
      }
    }
    // Forced: leases are left to expire, exactly as after a crash.
    clearInterval(this.heartbeatTimer);
    this.state = 'stopped';
  }

  /** Single-flight: a wake-up during a dispatch triggers one more pass after it. */
  private dispatch(): void {
    if (this.state !== 'running') return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = this.claimAndLaunch()
      .catch((e: unknown) => this.logError('dispatch', e))
      .finally(() => {
        this.dispatching = undefined;
        if (this.dispatchAgain) {
          this.dispatchAgain = false;
          this.dispatch();
        }
      });
  }

  private async claimAndLaunch(): Promise<void> {
    for (const handler of this.registry.all()) {
      if (this.state !== 'running') return;
      const busy = [...this.runs.values()].filter((r) => r.name === handler.name).length;
      const free = handler.concurrency - busy;
      if (free <= 0) continue;
      const jobs = await this.repository.claimDue(handler.name, free, new Date(), this.tuning.lockDurationMs);
      for (const job of jobs) this.launch(handler, job);
    }
  }

  private launch(handler: RegisteredHandler, job: JobEntity): void {
    const token = job.leaseToken!;
    const done = this.run(handler, job, token)
      .catch((e: unknown) => this.logError('record outcome', e, job))
      .finally(() => {
        this.runs.delete(token);
        this.dispatch();
      });
    this.runs.set(token, { name: handler.name, done });
  }

  private async run(handler: RegisteredHandler, job: JobEntity, token: string): Promise<void> {
    const where = { job: job.name, jobId: job.id, attempt: job.attemptsMade };
    const ctx: JobContext = {
      jobId: job.id,
      attempt: job.attemptsMade,
      reportProgress: (progress) => this.repository.saveProgress(job.id, token, progress),
    };
    let result: unknown;
    try {
      result = await handler.handler.handle(job.payload, ctx);
    } catch (e) {
      const error = errorMessage(e);
      if (job.attemptsMade >= job.maxAttempts) {
        await this.repository.markFailed(job.id, token, error, new Date());
        this.logger.error({ msg: 'job failed after its last attempt', ...where, error });
      } else {
        const delayMs = backoffDelay(job.backoffMs, job.attemptsMade);
        await this.repository.scheduleRetry(job.id, token, error, new Date(Date.now() + delayMs));
        this.logger.warn({ msg: 'job attempt failed; will retry', ...where, retryInMs: delayMs, error });
      }
      return;
    }
    // The same JSON round trip as BullMQ, so `get` returns the same result on both drivers.
    const json = result === undefined ? null : JSON.parse(JSON.stringify(result));
    const recorded = await this.repository.markCompleted(job.id, token, json, new Date());
    if (recorded) this.logger.debug({ msg: 'job completed', ...where });
    else this.logger.warn({ msg: 'job finished after losing its lease; outcome discarded', ...where });
  }

  private async heartbeat(): Promise<void> {
    const tokens = [...this.runs.keys()];
    await this.repository
      .renewLeases(tokens, new Date(Date.now() + this.tuning.lockDurationMs))
      .catch((e: unknown) => this.logError('renew leases', e));
  }

  private async sweep(): Promise<void> {
    try {
      const now = new Date();
      const { requeued, failed } = await this.repository.recoverStalled(now);
      if (requeued + failed > 0) this.logger.warn({ msg: 'recovered jobs of a stopped process', requeued, failed });
      await this.repository.deleteCompletedBefore(new Date(now.getTime() - this.tuning.completedRetentionMs));
    } catch (e) {
      this.logError('sweep', e);
    }
    this.dispatch();
  }

  private logError(action: string, e: unknown, job?: JobEntity): void {
    this.logger.error({ msg: `job runner could not ${action}`, error: errorMessage(e), ...(job ? { job: job.name, jobId: job.id } : {}) });
  }
}
