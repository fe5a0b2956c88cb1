import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BigIntColumn, DateTimeColumn } from 'src/platform/database/columns';

export type RecordStatus = 'building' | 'ready' | 'failed';

/** Where an election's record stands; the files themselves are under DATA_DIR/records/<id>/. */
@Entity('election_record')
export class ElectionRecordEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: RecordStatus;

  /** SHA-256 of manifest.json: one hash that fixes every file of the record. */
  @Column({ name: 'manifest_sha256', type: 'varchar', length: 64, nullable: true })
  manifestSha256!: string | null;

  @BigIntColumn({ name: 'zip_bytes', nullable: true })
  zipBytes!: number | null;

  /** Message of the last failed build (never a secret: see the builder). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;

  @DateTimeColumn({ name: 'built_at', nullable: true })
  builtAt!: Date | null;

  /** Builds requested so far; the next build's job key is derived from it. */
  @Column({ type: 'integer', default: 0 })
  requests!: number;

  /** Job key of the latest build requested. */
  @Column({ name: 'job_key', type: 'varchar', length: 200, nullable: true })
  jobKey!: string | null;
}
