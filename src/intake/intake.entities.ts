import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EntryKind, TrayCursor, TrayPlace, Verdict } from 'src/intake/intake.types';
import { MemberState } from 'src/precedence/engine';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';

/**
 * One scanning desk or mail-room machine of an election. Its row is locked for each scan, which
 * gives every envelope a unique tray position and the session its scan order.
 */
@Entity('intake_station')
export class IntakeStationEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  station!: string;

  @Column({ name: 'tray_capacity', type: 'integer' })
  trayCapacity!: number;

  @JsonColumn()
  trays!: TrayCursor;

  @Column({ name: 'open_session_id', type: 'varchar', length: 36, nullable: true })
  openSessionId!: string | null;
}

@Entity('intake_session')
export class IntakeSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'varchar', length: 16 })
  station!: string;

  @Column({ name: 'opened_by', type: 'varchar', length: 36 })
  openedBy!: string;

  /** Scans recorded in this session so far; the next scan's `seq`. */
  @Column({ type: 'integer' })
  scans!: number;

  @DateTimeColumn({ name: 'opened_at' })
  openedAt!: Date;

  @DateTimeColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

/** Where the first return of a pack went, shown when the same pack comes back again. */
export interface FirstScan extends TrayPlace {
  scannedAt: string;
}

/**
 * One envelope scanned at intake, with its verdict and where it was put. The identity stage:
 * it names the pack and member, never a ballot paper (DESIGN.md §7).
 */
@Entity('intake_scan')
@Index('ix_intake_scan_member', ['electionId', 'memberId'])
export class IntakeScanEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  /** The client's own id for the scan: sending it again replays the answer. */
  @PrimaryColumn({ name: 'scan_id', type: 'varchar', length: 64 })
  scanId!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 8 })
  entry!: EntryKind;

  /** The identity code in canonical form; null when what was scanned is not one (never stored raw). */
  @Column({ type: 'varchar', length: 25, nullable: true })
  code!: string | null;

  @Column({ name: 'pack_serial', type: 'integer', nullable: true })
  packSerial!: number | null;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  verdict!: Verdict;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 300 })
  message!: string;

  @Column({ type: 'varchar', length: 24 })
  tray!: string;

  @Column({ type: 'integer' })
  position!: number;

  /** The precedence decision this scan made (its number for the member), for undo. */
  @Column({ name: 'decision_no', type: 'integer', nullable: true })
  decisionNo!: number | null;

  /** The member's state before and after this scan's decision; undo restores `before`. */
  @JsonColumn({ name: 'state_change', nullable: true })
  stateChange!: { before: MemberState; after: MemberState } | null;

  @JsonColumn({ name: 'first_scan', nullable: true })
  firstScan!: FirstScan | null;

  /** Calendar day of the scan in the election's time zone, for the daily report. */
  @Column({ name: 'scan_day', type: 'varchar', length: 10 })
  scanDay!: string;

  @Column({ name: 'scanned_by', type: 'varchar', length: 36, nullable: true })
  scannedBy!: string | null;

  @DateTimeColumn({ name: 'scanned_at' })
  scannedAt!: Date;

  @DateTimeColumn({ name: 'undone_at', nullable: true })
  undoneAt!: Date | null;

  @Column({ name: 'undone_by', type: 'varchar', length: 36, nullable: true })
  undoneBy!: string | null;

  @Column({ name: 'undo_reason', type: 'varchar', length: 300, nullable: true })
  undoReason!: string | null;
}
