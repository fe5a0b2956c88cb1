import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';
import { Delivery } from 'src/packs/pack-plan';

export type PackKind = 'member' | 'spare';
/** `spare`: a credential made for reissues, not yet given to anyone; `voided`: refused from now on. */
export type PackStatus = 'active' | 'voided' | 'spare';

/**
 * One pack (or spare credential) of an election. Only public values are stored: the public
 * credential, and a hash of the Voting ID for sign-in. The private credential is re-derived
 * from the seed by the process that prints the pack.
 */
@Entity('pack')
@Index('uq_pack_credential', ['electionId', 'publicCredential'], { unique: true })
@Index('uq_pack_voting_id', ['electionId', 'votingIdHash'], { unique: true })
@Index('ix_pack_member', ['electionId', 'memberNumber'])
export class PackEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  serial!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: PackKind;

  @Column({ name: 'member_number', type: 'varchar', length: 64, nullable: true })
  memberNumber!: string | null;

  @Column({ type: 'varchar', length: 8 })
  status!: PackStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  delivery!: Delivery | null;

  @Column({ type: 'integer', nullable: true })
  batch!: number | null;

  @Column({ type: 'integer', nullable: true })
  sequence!: number | null;

  /** Belenios public credential (64 hex): the only form of the credential the server holds. */
  @Column({ name: 'public_credential', type: 'varchar', length: 64 })
  publicCredential!: string;

  @Column({ name: 'voting_id_hash', type: 'varchar', length: 64 })
  votingIdHash!: string;

  @DateTimeColumn({ name: 'voided_at', nullable: true })
  voidedAt!: Date | null;
}

/** What was fixed for an election's packs when they were generated. */
@Entity('pack_setup')
export class PackSetupEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  /** 4 Crockford symbols at the start of every identity code of this election. */
  @Column({ name: 'election_code', type: 'varchar', length: 4, unique: true })
  electionCode!: string;

  /** Identity-code MAC key (hex). Intake checks codes with it; it derives no credential. */
  @Column({ name: 'mac_key', type: 'varchar', length: 64 })
  macKey!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ type: 'varchar', length: 8 })
  language!: string;

  @Column({ type: 'integer' })
  members!: number;

  @Column({ type: 'integer' })
  spares!: number;

  @Column({ type: 'integer' })
  batches!: number;

  /** Where each answer box is on the ballot paper (millimetres), for reading scans. */
  @JsonColumn()
  geometry!: unknown;

  /** SHA-256 of each print batch PDF, in batch order, once rendered. */
  @JsonColumn()
  checksums!: Record<string, string>;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}

/**
 * Paper IDs printed for an election, as a set: no serial, no member, inserted in the order of
 * their hash, so nothing here says which member got which paper (DESIGN.md §11).
 */
@Entity('paper')
export class PaperEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ name: 'paper_hash', type: 'varchar', length: 64 })
  paperHash!: string;

  @Column({ type: 'boolean', default: false })
  used!: boolean;
}

/**
 * One print batch of an election's run. Each batch is rendered by a job of its own, on any
 * worker; this row is how they meet: the checksum and manifest lines once the file is in
 * place, and the last error while it is being retried — progress and completion are read here.
 */
@Entity('pack_batch')
export class PackBatchEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  batch!: number;

  /** Member packs printed in this batch. */
  @Column({ type: 'integer' })
  packs!: number;

  /** SHA-256 of the batch PDF; null until the file is complete under its final name. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  /** This batch's lines of manifest.csv (no header): sequence, serial and page range, no codes. */
  @Column({ type: 'text', nullable: true })
  manifest!: string | null;

  /** Runs started for this batch, including those cut short by a crash. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Message of the last failed run (cleared once rendered). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;

  @DateTimeColumn({ name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @DateTimeColumn({ name: 'rendered_at', nullable: true })
  renderedAt!: Date | null;

  /** `host:pid` of the worker that recorded the file: which machine to look at if it is wrong. */
  @Column({ name: 'rendered_by', type: 'varchar', length: 100, nullable: true })
  renderedBy!: string | null;

  /** Queue job of the latest run, to learn its fate when its worker died on the last attempt. */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId!: string | null;
}
