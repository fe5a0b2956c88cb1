import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, LessThan, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transactions } from 'src/platform/database/transactions';
import { JobProgress } from 'src/platform/queue/job-queue';
import { JobEntity } from 'src/platform/queue/in-process/job.entity';

// JSON columns hold `unknown`, which TypeORM's deep-partial type cannot express.
type Changes = QueryDeepPartialEntity<JobEntity>;

export interface NewJob {
  name: string;
  idempotencyKey: string | null;
  payload: unknown;
  maxAttempts: number;
  backoffMs: number;
  runAfter: Date;
}

/**
 * Every query of the in-process driver. Writes go through `Transactions` so that, on the single
 * SQLite connection, a claim is never merged into (and rolled back with) a domain transaction.
 * A run's outcome is written only while its lease token is current (fencing): a run that lost
 * its lease to stall recovery changes nothing.
 */
@Injectable()
export class JobRepository {
  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    private readonly transactions: Transactions,
  ) {}

  private write<T>(work: (jobs: Repository<JobEntity>) => Promise<T>): Promise<T> {
    return this.transactions.run((m: EntityManager) => work(m.getRepository(JobEntity)));
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ id });
  }

  findByIdempotencyKey(name: string, key: string): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ name, idempotencyKey: key });
  }

  /** Inserts unless a job with the same name and key exists (the unique index decides races). */
  async insertUnlessKeyExists(job: NewJob): Promise<{ id: string; created: boolean }> {
    if (job.idempotencyKey !== null) {
      const existing = await this.findByIdempotencyKey(job.name, job.idempotencyKey);
      if (existing) return { id: existing.id, created: false };
    }
    const id = randomUUID();
    try {
      await this.write((jobs) =>
        jobs.insert({ ...job, id, state: 'waiting', attemptsMade: 0, createdAt: new Date() } as Changes),
      );
      return { id, created: true };
    } catch (e) {
      const existing = job.idempotencyKey === null ? null : await this.findByIdempotencyKey(job.name, job.idempotencyKey);
      if (existing) return { id: existing.id, created: false };
      throw e;
    }
  }

  listFailed(name: string | undefined, limit: number): Promise<JobEntity[]> {
    return this.jobs.find({
      where: { state: 'failed', ...(name === undefined ? {} : { name }) },
      order: { finishedAt: 'DESC' },
      take: limit,
    });
  }

  /**
   * Claims up to `limit` due jobs of `name` for one run each. The conditional update makes a
   * claim atomic without row locks, so several processes may share one database.
   */
  async claimDue(name: string, limit: number, now: Date, leaseMs: number): Promise<JobEntity[]> {
    const due = await this.jobs
      .createQueryBuilder('j')
      .select('j.id', 'id')
      .where('j.state = :state AND j.name = :name AND j.run_after <= :now', { state: 'waiting', name, now })
      .orderBy('j.run_after', 'ASC')
      .addOrderBy('j.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    const claimed: JobEntity[] = [];
    for (const { id } of due) {
      const token = randomUUID();
      const won = await this.write(async (jobs) => {
        const r = await jobs
          .createQueryBuilder()
          .update()
          .set({
            state: 'active',
            leaseToken: token,
            leaseExpiresAt: new Date(now.getTime() + leaseMs),
            attemptsMade: () => 'attempts_made + 1',
          })
          .where('id = :id AND state = :state', { id, state: 'waiting' })
          .execute();
        return r.affected === 1;
      });
      if (!won) continue;
      const job = await this.findById(id);
      if (job && job.leaseToken === token) claimed.push(job);
    }
    return claimed;
  }

  async renewLeases(tokens: string[], until: Date): Promise<void> {
    if (tokens.length === 0) return;
    await this.write((jobs) => jobs.update({ leaseToken: In(tokens), state: 'active' }, { leaseExpiresAt: until }));
  }

  async saveProgress(id: string, token: string, progress: JobProgress): Promise<void> {
    await this.write((jobs) => jobs.update({ id, leaseToken: token, state: 'active' }, { progress } as Changes));
  }

  async markCompleted(id: string, token: string, result: unknown, at: Date): Promise<boolean> {
    return this.finishRun(id, token, { state: 'completed', result: result ?? null, error: null, finishedAt: at });
  }

  async markFailed(id: string, token: string, error: string, at: Date): Promise<boolean> {
    return this.finishRun(id, token, { state: 'failed', error, finishedAt: at });
  }

  async scheduleRetry(id: string, token: string, error: string, runAfter: Date): Promise<boolean> {
    return this.finishRun(id, token, { state: 'waiting', error, runAfter });
  }

  /** Hands runs back to the queue at once (graceful shutdown); their attempt stays counted. */
  async release(tokens: string[], now: Date): Promise<void> {
    if (tokens.length === 0) return;
    await this.write((jobs) =>
      jobs.update(
        { leaseToken: In(tokens), state: 'active' },
        { state: 'waiting', leaseToken: null, leaseExpiresAt: null, runAfter: now },
      ),
    );
  }

  /**
   * Jobs whose lease expired — their process died or hung — go back to waiting, or to failed
   * when that run was their last attempt.
   */
  async recoverStalled(now: Date): Promise<{ requeued: number; failed: number }> {
    return this.write(async (jobs) => {
      const failed = await jobs
        .createQueryBuilder()
        .update()
        .set({
          state: 'failed',
          error: 'The process running the job stopped before it finished',
          leaseToken: null,
          leaseExpiresAt: null,
          finishedAt: now,
        })
        .where('state = :state AND lease_expires_at < :now AND attempts_made >= max_attempts', { state: 'active', now })
        .execute();
      const requeued = await jobs.update(
        { state: 'active', leaseExpiresAt: LessThan(now) },
        { state: 'waiting', leaseToken: null, leaseExpiresAt: null, runAfter: now },
      );
      return { requeued: requeued.affected ?? 0, failed: failed.affected ?? 0 };
    });
  }

  async deleteCompletedBefore(before: Date): Promise<void> {
    await this.write((jobs) => jobs.delete({ state: 'completed', finishedAt: LessThan(before) }));
  }

  async ping(): Promise<void> {
    await this.jobs.createQueryBuilder('j').select('j.id').limit(1).getRawMany();
  }

  private async finishRun(id: string, token: string, changes: Partial<JobEntity>): Promise<boolean> {
    const r = await this.write((jobs) =>
      jobs.update(
        { id, leaseToken: token, state: 'active' },
        { ...changes, leaseToken: null, leaseExpiresAt: null } as Changes,
      ),
    );
    return r.affected === 1;
  }
}
