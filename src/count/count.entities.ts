import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InvalidReason, PaperKind } from 'src/count/paper-content';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';

export type BatchStatus = 'open' | 'closed';

/**
 * A batch of the count: the envelopes of a few trays, opened together, whose ballot papers are
 * recorded and then reconciled against the number of envelopes opened (DESIGN.md §7).
 */
@Entity('count_batch')
@Index('ix_count_batch_election', ['electionId', 'createdAt'])
export class CountBatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  /** The trays it holds, as the count staff write them (e.g. `D2-A01..A03`). */
  @Column({ type: 'varchar', length: 100 })
  label!: string;

  /** Null until counted; corrected freely until the batch is closed. */
  @Column({ name: 'envelopes_opened', type: 'integer', nullable: true })
  envelopesOpened!: number | null;

  @Column({ name: 'double_keying', type: 'boolean' })
  doubleKeying!: boolean;

  @Column({ type: 'varchar', length: 8 })
  status!: BatchStatus;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** Why a supervisor closed the batch although it did not reconcile; null when it did. */
  @Column({ name: 'mismatch_reason', type: 'text', nullable: true })
  mismatchReason!: string | null;
}

/**
 * An anonymous cast-vote record. Deliberately nothing else: no member, pack, paper ID, operator
 * or time (a scanned paper names only its image's hash), and a random id, so neither a column nor the id's order says when (hence
 * from which envelope) a paper came (DESIGN.md §9, §11).
 */
@Entity('cvr')
@Index('ix_cvr_batch', ['electionId', 'batchId'])
export class CvrEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: PaperKind;

  /** Per question, one 0/1 per answer (Belenios order); null unless `kind` is `valid`. */
  @JsonColumn({ nullable: true })
  choices!: number[][] | null;

  @Column({ name: 'invalid_reason', type: 'varchar', length: 32, nullable: true })
  invalidReason!: InvalidReason | null;

  /** SHA-256 of the scanned image the record was read from; null for a keyed paper. */
  @Column({ name: 'image_sha256', type: 'varchar', length: 64, nullable: true })
  imageSha256!: string | null;

  /** The page of that image (1-based). */
  @Column({ name: 'image_page', type: 'integer', nullable: true })
  imagePage!: number | null;
}

export type EntryStatus = 'pending' | 'agreed' | 'disputed' | 'accepted' | 'overruled' | 'discarded';

/**
 * One operator's keying of one paper in a double-keyed batch. Round 1 waits for round 2 by a
 * different operator; if they disagree a supervisor accepts one, keys round 3, or discards
 * them. Every entry is kept, with its outcome; none points at the record it produced.
 */
@Entity('count_entry')
@Index('uq_count_entry_round', ['electionId', 'paperHash', 'round'], { unique: true })
@Index('ix_count_entry_batch', ['batchId', 'status'])
export class CountEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId!: string;

  /** The round-1 entry's id: names the paper's group of entries without its paper ID. */
  @Column({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @Column({ name: 'paper_hash', type: 'varchar', length: 64 })
  paperHash!: string;

  @Column({ type: 'integer' })
  round!: number;

  @Column({ name: 'operator_id', type: 'varchar', length: 36 })
  operatorId!: string;

  @Column({ name: 'keyed_by', type: 'varchar', length: 64, nullable: true })
  keyedBy!: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind!: PaperKind;

  @JsonColumn({ nullable: true })
  choices!: number[][] | null;

  @Column({ name: 'invalid_reason', type: 'varchar', length: 32, nullable: true })
  invalidReason!: InvalidReason | null;

  @Column({ type: 'varchar', length: 12 })
  status!: EntryStatus;
}
