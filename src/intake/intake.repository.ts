import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { IntakeScanEntity, IntakeSessionEntity, IntakeStationEntity } from 'src/intake/intake.entities';
import { EMPTY_TRAYS, Verdict } from 'src/intake/intake.types';
import { EnvelopeState } from 'src/precedence/engine';
import { lockOrCreate } from 'src/platform/database/lock-or-create';

export interface EnvelopePlace {
  packSerial: number;
  memberId: string;
  tray: string;
  position: number;
  envelope: EnvelopeState;
}

@Injectable()
export class IntakeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  lockStation(manager: EntityManager, electionId: string, station: string, trayCapacity: number): Promise<IntakeStationEntity> {
    return lockOrCreate(manager, IntakeStationEntity, { electionId, station }, { trayCapacity, trays: EMPTY_TRAYS, openSessionId: null });
  }

  /**
   * The station of a session of this election, locked until the transaction ends (one statement
   * where finding the session and then locking its station took two); null if there is no such
   * session. Read the session after this, so a close that committed meanwhile is seen.
   */
  lockStationOfSession(manager: EntityManager, electionId: string, sessionId: string): Promise<IntakeStationEntity | null> {
    const qb = manager
      .getRepository(IntakeStationEntity)
      .createQueryBuilder('st')
      .where('st.election_id = :electionId', { electionId })
      .andWhere('st.station = (SELECT s.station FROM intake_session s WHERE s.id = :sessionId AND s.election_id = :electionId)', { sessionId });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Stores a scan with what it changed in its session (the scan count) and station (the tray
   * cursor): one statement on PostgreSQL, as this runs for every envelope.
   */
  async recordScan(manager: EntityManager, scan: IntakeScanEntity, session: IntakeSessionEntity, station: IntakeStationEntity): Promise<void> {
    if (manager.connection.options.type !== 'postgres') {
      await this.insertScan(manager, scan);
      await this.saveSession(manager, session);
      await this.saveStation(manager, station);
      return;
    }
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    await manager.query(
      `WITH scan AS (
         INSERT INTO intake_scan (election_id, scan_id, session_id, seq, entry, code, pack_serial, member_id, verdict, reason, message, tray, position,
                                  decision_no, state_change, first_scan, scan_day, scanned_by, scanned_at, undone_at, undone_by, undo_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb, $17, $18, $19, $20, $21, $22)
       ), session AS (
         UPDATE intake_session SET scans = $23, closed_at = $24 WHERE id = $3
       )
       UPDATE intake_station SET tray_capacity = $25, trays = $26::jsonb, open_session_id = $27 WHERE election_id = $1 AND station = $28`,
      [
        scan.electionId, scan.scanId, scan.sessionId, scan.seq, scan.entry, scan.code, scan.packSerial, scan.memberId, scan.verdict, scan.reason, scan.message, scan.tray, scan.position,
        scan.decisionNo, json(scan.stateChange), json(scan.firstScan), scan.scanDay, scan.scannedBy, scan.scannedAt, scan.undoneAt, scan.undoneBy, scan.undoReason,
        session.scans, session.closedAt, station.trayCapacity, JSON.stringify(station.trays), station.openSessionId, station.station,
      ],
    );
  }

  async saveStation(manager: EntityManager, s: IntakeStationEntity): Promise<void> {
    await manager.getRepository(IntakeStationEntity).update({ electionId: s.electionId, station: s.station }, { trayCapacity: s.trayCapacity, trays: s.trays, openSessionId: s.openSessionId });
  }

  findSession(id: string, manager?: EntityManager): Promise<IntakeSessionEntity | null> {
    return (manager ?? this.ds.manager).getRepository(IntakeSessionEntity).findOneBy({ id });
  }

  listSessions(electionId: string): Promise<IntakeSessionEntity[]> {
    return this.ds.getRepository(IntakeSessionEntity).find({ where: { electionId }, order: { openedAt: 'DESC' }, take: 200 });
  }

  async insertSession(manager: EntityManager, s: IntakeSessionEntity): Promise<void> {
    await manager.getRepository(IntakeSessionEntity).insert(s);
  }

  async saveSession(manager: EntityManager, s: IntakeSessionEntity): Promise<void> {
    await manager.getRepository(IntakeSessionEntity).update({ id: s.id }, { scans: s.scans, closedAt: s.closedAt });
  }

  findScan(electionId: string, scanId: string, manager?: EntityManager): Promise<IntakeScanEntity | null> {
    return (manager ?? this.ds.manager).getRepository(IntakeScanEntity).findOneBy({ electionId, scanId });
  }

  async insertScan(manager: EntityManager, s: IntakeScanEntity): Promise<void> {
    await manager.getRepository(IntakeScanEntity).insert(s);
  }

  async markUndone(manager: EntityManager, s: IntakeScanEntity): Promise<void> {
    await manager.getRepository(IntakeScanEntity).update({ electionId: s.electionId, scanId: s.scanId }, { undoneAt: s.undoneAt, undoneBy: s.undoneBy, undoReason: s.undoReason });
  }

  lastStanding(manager: EntityManager, sessionId: string): Promise<IntakeScanEntity | null> {
    return manager.getRepository(IntakeScanEntity).findOne({ where: { sessionId, undoneAt: IsNull() }, order: { seq: 'DESC' } });
  }

  /** The member's envelope scan that stands (accepted or held, not undone), if any. */
  standingEnvelope(manager: EntityManager, electionId: string, memberId: string): Promise<IntakeScanEntity | null> {
    return manager
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .where('s.election_id = :electionId AND s.member_id = :memberId', { electionId, memberId })
      .andWhere("s.verdict IN ('accept', 'hold') AND s.undone_at IS NULL")
      .orderBy('s.scanned_at', 'ASC')
      .getOne();
  }

  async sessionCounts(sessionId: string): Promise<Array<{ verdict: Verdict; tray: string; undone: boolean; scans: number }>> {
    const rows = await this.ds
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .select('s.verdict', 'verdict')
      .addSelect('s.tray', 'tray')
      .addSelect('CASE WHEN s.undone_at IS NULL THEN 0 ELSE 1 END', 'undone')
      .addSelect('COUNT(*)', 'scans')
      .where('s.session_id = :sessionId', { sessionId })
      .groupBy('s.verdict')
      .addGroupBy('s.tray')
      .addGroupBy('CASE WHEN s.undone_at IS NULL THEN 0 ELSE 1 END')
      .orderBy('s.tray')
      .getRawMany<{ verdict: Verdict; tray: string; undone: string | number; scans: string | number }>();
    return rows.map((r) => ({ verdict: r.verdict, tray: r.tray, undone: Number(r.undone) === 1, scans: Number(r.scans) }));
  }

  /**
   * Envelopes in the given states with the tray and position of their standing scan, in tray
   * order: the pull list, and the envelopes released to the count.
   */
  async envelopesIn(electionId: string, states: EnvelopeState[]): Promise<EnvelopePlace[]> {
    const rows = await this.ds
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .innerJoin('participation', 'p', 'p.election_id = s.election_id AND p.member_id = s.member_id')
      .select('s.pack_serial', 'packSerial')
      .addSelect('s.member_id', 'memberId')
      .addSelect('s.tray', 'tray')
      .addSelect('s.position', 'position')
      .addSelect('p.envelope_state', 'envelope')
      .where('s.election_id = :electionId', { electionId })
      .andWhere("s.verdict IN ('accept', 'hold') AND s.undone_at IS NULL")
      .andWhere('p.envelope_state IN (:...states)', { states })
      .orderBy('s.tray')
      .addOrderBy('s.position')
      .getRawMany<{ packSerial: string | number; memberId: string; tray: string; position: string | number; envelope: EnvelopeState }>();
    return rows.map((r) => ({ ...r, packSerial: Number(r.packSerial), position: Number(r.position) }));
  }

  /** Scans that stand (not undone), whatever their verdict. */
  countStanding(electionId: string): Promise<number> {
    return this.ds.getRepository(IntakeScanEntity).countBy({ electionId, undoneAt: IsNull() });
  }

  /** When each standing accepted or held envelope was scanned: the postal line of the turnout chart. */
  async envelopeScanTimes(electionId: string): Promise<Date[]> {
    const rows = await this.ds
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .select(['s.scanId', 's.scannedAt'])
      .where("s.election_id = :electionId AND s.verdict IN ('accept', 'hold') AND s.undone_at IS NULL", { electionId })
      .getMany();
    return rows.map((r) => r.scannedAt);
  }

  async report(electionId: string): Promise<Array<{ day: string; verdict: Verdict; reason: string | null; undone: boolean; scans: number }>> {
    const rows = await this.ds
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .select('s.scan_day', 'day')
      .addSelect('s.verdict', 'verdict')
      .addSelect('s.reason', 'reason')
      .addSelect('CASE WHEN s.undone_at IS NULL THEN 0 ELSE 1 END', 'undone')
      .addSelect('COUNT(*)', 'scans')
      .where('s.election_id = :electionId', { electionId })
      .groupBy('s.scan_day')
      .addGroupBy('s.verdict')
      .addGroupBy('s.reason')
      .addGroupBy('CASE WHEN s.undone_at IS NULL THEN 0 ELSE 1 END')
      .orderBy('s.scan_day')
      .getRawMany<{ day: string; verdict: Verdict; reason: string | null; undone: string | number; scans: string | number }>();
    return rows.map((r) => ({ ...r, undone: Number(r.undone) === 1, scans: Number(r.scans) }));
  }
}
