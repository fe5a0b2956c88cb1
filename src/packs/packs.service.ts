import { Inject, Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { EventLogService } from 'src/events/event-log.service';
import { PackDeliveryRepository } from 'src/packs/pack-delivery.repository';
import { PacksStatusDto, PrintProgressDto } from 'src/packs/packs.dto';
import { packsError } from 'src/packs/packs.errors';
import { BatchProgress, PacksRepository } from 'src/packs/packs.repository';
import { PackBatchEntity } from 'src/packs/pack.entity';
import { RENDER_BATCH_ATTEMPTS } from 'src/packs/print-batch.service';
import { batchFileName, packsDir } from 'src/packs/print-files';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { JobQueue } from 'src/platform/queue/job-queue';

@Injectable()
export class PacksService {
  constructor(
    private readonly packs: PacksRepository,
    private readonly deliveries: PackDeliveryRepository,
    private readonly elections: ElectionsService,
    private readonly queue: JobQueue,
    private readonly events: EventLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(electionId: string): Promise<PacksStatusDto> {
    await this.elections.get(electionId);
    await this.noteSilentFailures(electionId);
    const requests = await this.events.list({ electionId, type: 'packs.requested', limit: 1000 });
    const jobId = requests.at(-1)?.data.jobId;
    const [setup, job, counts, emails, batches, failing] = await Promise.all([
      this.packs.findSetup(electionId),
      typeof jobId === 'string' ? this.queue.get(jobId) : Promise.resolve(null),
      this.packs.countByStatus(electionId),
      this.deliveries.countByState(electionId),
      this.packs.batchProgress(electionId),
      this.packs.failingBatches(electionId, 20),
    ]);
    // A batch whose every attempt failed stops the run until someone acts; the queue keeps its error.
    const batchFailed = failing.some((b) => b.attempts >= RENDER_BATCH_ATTEMPTS);
    const status = setup?.completedAt
      ? 'generated'
      : job?.state === 'failed' || batchFailed
        ? 'failed'
        : job?.state === 'active' || setup
          ? 'generating'
          : job
            ? 'queued'
            : 'not_started';
    return {
      status,
      job: job ? { id: job.id, state: job.state, attemptsMade: job.attemptsMade, progress: job.progress, error: job.error } : undefined,
      progress: setup ? printProgress(batches, setup.completedAt, failing) : undefined,
      setup: setup
        ? {
            electionCode: setup.electionCode,
            members: setup.members,
            spares: setup.spares,
            batches: setup.batches,
            template: setup.template,
            language: setup.language,
            // Runs stored before batches had rows of their own kept their checksums on the setup.
            checksums: batches.batches > 0 ? await this.packs.batchChecksums(electionId, batchFileName) : setup.checksums,
            completedAt: setup.completedAt?.toISOString() ?? null,
          }
        : undefined,
      counts,
      emails,
    };
  }

  /**
   * A worker killed during a batch's last attempt leaves no error on the batch, and no run of
   * it will come again: the queue has failed the job. Copy the queue's verdict onto the batch,
   * so the run reads as failed (and can be retried) instead of generating for ever.
   */
  private async noteSilentFailures(electionId: string): Promise<void> {
    for (const b of await this.packs.silentlyStopped(electionId, RENDER_BATCH_ATTEMPTS, 20)) {
      const job = await this.queue.get(b.jobId!);
      if (job?.state === 'failed') {
        await this.packs.recordBatchError(electionId, b.batch, `attempt ${b.attempts}: ${job.error ?? 'the worker stopped before it finished'}`);
      }
    }
  }

  /** Packs by kind, status and delivery, e-mail deliveries by state, and reissues: the dashboard's figures. */
  async figures(electionId: string) {
    await this.elections.get(electionId);
    const [counts, emails, emailNeverAttempted, reissued] = await Promise.all([
      this.packs.countByStatus(electionId),
      this.deliveries.countByState(electionId),
      this.deliveries.countEmailNeverAttempted(electionId),
      this.packs.countReissued(electionId),
    ]);
    return { counts, emails, emailNeverAttempted, reissued };
  }

  async outputDir(electionId: string): Promise<string> {
    const setup = await this.packs.findSetup(electionId);
    if (!setup?.completedAt) throw packsError('packs_not_generated', 'The packs of this election have not been generated yet.');
    return packsDir(this.config.dataDir, electionId);
  }
}

/**
 * Progress of a run summed over its batch jobs, whichever workers run them: printed packs done
 * and in all, the rate since the first batch started (until the last one finished), and the ETA.
 */
export function printProgress(b: BatchProgress, completedAt: Date | null, failing: PackBatchEntity[], now = new Date()): PrintProgressDto {
  const end = completedAt || b.rendered === b.batches ? (b.lastRenderedAt ?? now) : now;
  const seconds = b.firstStartedAt ? Math.max(0.001, (end.getTime() - b.firstStartedAt.getTime()) / 1000) : 0;
  const rate = seconds > 0 ? b.done / seconds : 0;
  return {
    done: b.done,
    total: b.total,
    batches: b.batches,
    batchesDone: b.rendered,
    packsPerSecond: Math.round(rate * 10) / 10,
    etaSeconds: b.done >= b.total ? 0 : rate > 0 ? Math.round((b.total - b.done) / rate) : null,
    failures: b.failing,
    failing: failing.map((f) => ({ batch: f.batch, attempts: f.attempts, error: f.error ?? '' })),
  };
}
