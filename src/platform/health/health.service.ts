import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { JobQueue, QueueHealth } from 'src/platform/queue/job-queue';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { kind: 'sqlite' | 'postgres'; ok: boolean; detail?: string };
  queue: QueueHealth | { driver: 'none'; ok: false };
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly queue?: JobQueue,
  ) {}

  async report(): Promise<HealthReport> {
    const database = await this.database();
    const queue = this.queue
      ? await this.queue.health().catch((e: unknown) => ({ driver: this.queue!.driver, ok: false, detail: String(e) }))
      : ({ driver: 'none', ok: false } as const);
    return { status: database.ok && queue.ok ? 'ok' : 'degraded', database, queue };
  }

  private async database(): Promise<HealthReport['database']> {
    const kind = this.config.database.kind;
    try {
      await this.dataSource.query('SELECT 1');
      return { kind, ok: true };
    } catch {
      return { kind, ok: false, detail: 'database unreachable' };
    }
  }
}
