import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BigIntColumn, DateTimeColumn } from 'src/platform/database/columns';

/**
 * `validating` → `ready` → `committed` (the election's current roll) → `superseded`;
 * or `ready` → `discarded`; a file that cannot be read is `rejected`; a crash or database
 * error during validation leaves `failed`.
 */
export const IMPORT_STATUSES = ['validating', 'ready', 'committed', 'superseded', 'discarded', 'rejected', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** `file`: an uploaded CSV; `amendments`: an empty roll started by adding members one by one. */
export type ImportSource = 'file' | 'amendments';

@Entity('roll_import')
export class RollImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ImportStatus;

  @Column({ type: 'varchar', length: 16 })
  source!: ImportSource;

  /** The roll this one was compared with; committing is refused if another was committed since. */
  @Column({ name: 'base_import_id', type: 'varchar', length: 36, nullable: true })
  baseImportId!: string | null;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true })
  fileSha256!: string | null;

  @BigIntColumn({ name: 'file_bytes' })
  fileBytes!: number;

  @Column({ type: 'integer' })
  rows!: number;

  @Column({ type: 'integer' })
  valid!: number;

  @Column({ type: 'integer' })
  invalid!: number;

  /** Rows whose member number occurs more than once in the file (all of them are refused). */
  @Column({ type: 'integer' })
  duplicates!: number;

  @Column({ name: 'new_members', type: 'integer' })
  newMembers!: number;

  @Column({ name: 'updated_members', type: 'integer' })
  updatedMembers!: number;

  @Column({ name: 'unchanged_members', type: 'integer' })
  unchangedMembers!: number;

  /** Active members of the current roll absent from this file: removed on commit unless kept. */
  @Column({ name: 'missing_members', type: 'integer' })
  missingMembers!: number;

  @Column({ name: 'issue_count', type: 'integer' })
  issueCount!: number;

  /** Highest member position used in this version (the file's last line, then later additions). */
  @Column({ name: 'last_position', type: 'integer' })
  lastPosition!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failure!: string | null;

  @Column({ name: 'keep_missing', type: 'boolean', nullable: true })
  keepMissing!: boolean | null;

  @Column({ name: 'skipped_invalid', type: 'boolean', nullable: true })
  skippedInvalid!: boolean | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'validated_at', nullable: true })
  validatedAt!: Date | null;

  @Column({ name: 'committed_by', type: 'varchar', length: 36, nullable: true })
  committedBy!: string | null;

  @DateTimeColumn({ name: 'committed_at', nullable: true })
  committedAt!: Date | null;
}
