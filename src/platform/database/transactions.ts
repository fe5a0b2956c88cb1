import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';

/**
 * The one way services open a transaction. PostgreSQL gives each transaction its own pooled
 * connection and row locks; the embedded SQLite file has a single connection, so transactions
 * are queued here — interleaving two on one connection would merge them.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.serialise = config.database.kind === 'sqlite';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** True on PostgreSQL, where `SELECT … FOR UPDATE` is meaningful. */
  get supportsRowLocks(): boolean {
    return !this.serialise;
  }
}
