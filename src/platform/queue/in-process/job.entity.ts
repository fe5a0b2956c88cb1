import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';
import { JobProgress, JobState } from 'src/platform/queue/job-queue';

@Entity('job')
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @JsonColumn()
  payload!: unknown;

  @Column({ type: 'varchar', length: 16 })
  state!: JobState;

  @Column({ name: 'attempts_made', type: 'integer', default: 0 })
  attemptsMade!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'backoff_ms', type: 'integer' })
  backoffMs!: number;

  @JsonColumn({ nullable: true })
  progress!: JobProgress | null;

  @JsonColumn({ nullable: true })
  result!: unknown;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @DateTimeColumn({ name: 'run_after' })
  runAfter!: Date;

  @Column({ name: 'lease_token', type: 'varchar', length: 36, nullable: true })
  leaseToken!: string | null;

  @DateTimeColumn({ name: 'lease_expires_at', nullable: true })
  leaseExpiresAt!: Date | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
