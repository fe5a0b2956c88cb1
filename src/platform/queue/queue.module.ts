import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from 'src/platform/config/app-config';
import { JobQueue, JobRunner } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { DEFAULT_QUEUE_TUNING, QUEUE_TUNING, QueueTuning } from 'src/platform/queue/queue-options';
import { BullmqConnection } from 'src/platform/queue/bullmq/bullmq-connection';
import { BullmqJobQueue } from 'src/platform/queue/bullmq/bullmq-job-queue';
import { BullmqJobRunner } from 'src/platform/queue/bullmq/bullmq-job-runner';
import { InProcessJobQueue } from 'src/platform/queue/in-process/in-process-job-queue';
import { InProcessJobRunner } from 'src/platform/queue/in-process/in-process-job-runner';
import { InProcessWakeup } from 'src/platform/queue/in-process/in-process-wakeup';
import { JobEntity } from 'src/platform/queue/in-process/job.entity';
import { JobRepository } from 'src/platform/queue/in-process/job.repository';

/**
 * Provides `JobQueue` (enqueue, inspect), `JobRunner` (run handlers) and `JobRegistry` (where
 * domain modules register handlers) to every module. The driver is chosen once, here: BullMQ
 * when REDIS_URL is set, the in-process driver on the database otherwise.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: Pick<AppConfig, 'redisUrl'>, tuning: Partial<QueueTuning> = {}): DynamicModule {
    const common: Provider[] = [JobRegistry, { provide: QUEUE_TUNING, useValue: { ...DEFAULT_QUEUE_TUNING, ...tuning } }];
    const exports = [JobQueue, JobRunner, JobRegistry];
    if (config.redisUrl) {
      return {
        module: QueueModule,
        providers: [
          ...common,
          BullmqConnection,
          { provide: JobQueue, useClass: BullmqJobQueue },
          { provide: JobRunner, useClass: BullmqJobRunner },
        ],
        exports,
      };
    }
    return {
      module: QueueModule,
      imports: [TypeOrmModule.forFeature([JobEntity])],
      providers: [
        ...common,
        JobRepository,
        InProcessWakeup,
        { provide: JobQueue, useClass: InProcessJobQueue },
        { provide: JobRunner, useClass: InProcessJobRunner },
      ],
      exports,
    };
  }
}
