import { Inject, Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { EventLogService } from 'src/events/event-log.service';
import { PackDeliveryRepository } from 'src/packs/pack-delivery.repository';
import { PacksStatusDto } from 'src/packs/packs.dto';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { packsDir } from 'src/packs/print-files';
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
    const requests = await this.events.list({ electionId, type: 'packs.requested', limit: 1000 });
    const jobId = requests.at(-1)?.data.jobId;
    const [setup, job, counts, emails] = await Promise.all([
      this.packs.findSetup(electionId),
      typeof jobId === 'string' ? this.queue.get(jobId) : Promise.resolve(null),
      this.packs.countByStatus(electionId),
      this.deliveries.countByState(electionId),
    ]);
    const status = setup?.completedAt
      ? 'generated'
      : job?.state === 'failed'
        ? 'failed'
        : job?.state === 'active' || setup
          ? 'generating'
          : job
            ? 'queued'
            : 'not_started';
    return {
      status,
      job: job ? { id: job.id, state: job.state, attemptsMade: job.attemptsMade, progress: job.progress, error: job.error } : undefined,
      setup: setup
        ? {
            electionCode: setup.electionCode,
            members: setup.members,
            spares: setup.spares,
            batches: setup.batches,
            template: setup.template,
            language: setup.language,
            checksums: setup.checksums,
            completedAt: setup.completedAt?.toISOString() ?? null,
          }
        : undefined,
      counts,
      emails,
    };
  }

  async outputDir(electionId: string): Promise<string> {
    const setup = await this.packs.findSetup(electionId);
    if (!setup?.completedAt) throw packsError('packs_not_generated', 'The packs of this election have not been generated yet.');
    return packsDir(this.config.dataDir, electionId);
  }
}
