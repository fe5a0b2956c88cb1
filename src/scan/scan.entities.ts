import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { type PaperContent } from 'src/count/paper-content';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';
import { type AdjudicationReason, type Affine, type BoxReading, type Orientation, type ReadFailure, type ScanMime, type ScanThresholds } from 'src/scan/read/types';

export type ScanPageStatus = 'recorded' | 'waiting_for_pages' | 'adjudication' | 'decided' | 'discarded';
export const SCAN_PAGE_STATUSES: readonly ScanPageStatus[] = ['recorded', 'waiting_for_pages', 'adjudication', 'decided', 'discarded'];
/** Pages someone must still act on: a batch holding any of them does not close. */
export const UNSETTLED_PAGES: ScanPageStatus[] = ['waiting_for_pages', 'adjudication'];

/** What the reader saw on a page, as kept for the adjudicator and the audit: never the paper ID. */
export interface StoredReading {
  failure: ReadFailure | null;
  orientation: Orientation | null;
  residualMm: number | null;
  transform: Affine | null;
  boxes: BoxReading[];
}

/**
 * What a supervisor decided for a page sent to adjudication. Not the record's id: a record and
 * its page meet only through the image hash. `paperKeyed`: the supervisor keyed the paper ID.
 */
export type PageDecision = ({ outcome: 'recorded'; paperKeyed: boolean } & PaperContent) | { outcome: 'discarded' };

/**
 * One page of an uploaded scan. Deliberately no upload time: a record made from it names only
 * the image's hash, and the page must not give the order in which papers were recorded
 * (DESIGN.md §11). The paper ID is kept only as its hash, as PapersService stores it.
 */
@Entity('scan_page')
@Index('uq_scan_page_image', ['electionId', 'imageSha256', 'imagePage'], { unique: true })
@Index('ix_scan_page_batch', ['batchId', 'status'])
@Index('ix_scan_page_paper', ['electionId', 'paperHash'])
export class ScanPageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId!: string;

  @Column({ name: 'image_sha256', type: 'varchar', length: 64 })
  imageSha256!: string;

  /** 1-based page of the uploaded file. */
  @Column({ name: 'image_page', type: 'integer' })
  imagePage!: number;

  /** The stored file, relative to the scan store (SCAN_DIR). */
  @Column({ name: 'image_file', type: 'varchar', length: 200 })
  imageFile!: string;

  @Column({ type: 'varchar', length: 32 })
  mime!: ScanMime;

  @Column({ name: 'paper_hash', type: 'varchar', length: 64, nullable: true })
  paperHash!: string | null;

  @Column({ name: 'ballot_page', type: 'integer', nullable: true })
  ballotPage!: number | null;

  @JsonColumn()
  reading!: StoredReading;

  /** The thresholds this page was read with (later changes apply to later pages only). */
  @JsonColumn()
  thresholds!: ScanThresholds;

  @Column({ type: 'varchar', length: 20 })
  status!: ScanPageStatus;

  @JsonColumn()
  reasons!: AdjudicationReason[];

  @JsonColumn({ nullable: true })
  proposed!: PaperContent | null;

  @JsonColumn({ nullable: true })
  decision!: PageDecision | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  @DateTimeColumn({ name: 'decided_at', nullable: true })
  decidedAt!: Date | null;
}

/** An election's fill thresholds, when an administrator changed them from the defaults. */
@Entity('scan_settings')
export class ScanSettingsEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ name: 'empty_below', type: 'double precision' })
  emptyBelow!: number;

  @Column({ name: 'marked_from', type: 'double precision' })
  markedFrom!: number;

  @Column({ name: 'updated_by', type: 'varchar', length: 36, nullable: true })
  updatedBy!: string | null;

  @DateTimeColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
