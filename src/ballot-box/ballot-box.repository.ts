import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BallotBoxSetupEntity, OnlineBallotEntity, OnlineBallotStatus } from 'src/ballot-box/ballot-box.entities';
import { CredentialRow } from 'src/ballot-box/credential-list';

@Injectable()
export class BallotBoxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findSetup(electionId: string): Promise<BallotBoxSetupEntity | null> {
    return this.ds.getRepository(BallotBoxSetupEntity).findOneBy({ electionId });
  }

  async insertSetup(m: EntityManager, setup: BallotBoxSetupEntity): Promise<void> {
    await m.getRepository(BallotBoxSetupEntity).insert(setup);
  }

  /** Every pack row of the election with its member's weight in the committed roll. */
  async credentialRows(electionId: string, manager?: EntityManager): Promise<CredentialRow[]> {
    const rows = await (manager ?? this.ds.manager)
      .createQueryBuilder()
      .select('p.serial', 'serial')
      .addSelect('p.public_credential', 'publicCredential')
      .addSelect('m.weight', 'memberWeight')
      .from('pack', 'p')
      .leftJoin('roll_import', 'i', "i.election_id = p.election_id AND i.status = 'committed'")
      .leftJoin('roll_member', 'm', 'm.import_id = i.id AND m.member_number = p.member_number')
      .where('p.election_id = :electionId', { electionId })
      .getRawMany<{ serial: number | string; publicCredential: string; memberWeight: number | string | null }>();
    return rows.map((r) => ({ serial: Number(r.serial), publicCredential: r.publicCredential, memberWeight: r.memberWeight === null ? null : Number(r.memberWeight) }));
  }

  /** The first spare serial: spares are the last serials of the print run (pack-plan). */
  async sparesFrom(m: EntityManager, electionId: string): Promise<number | null> {
    const row = await m
      .createQueryBuilder()
      .select('MAX(p.serial)', 'last')
      .addSelect('s.spares', 'spares')
      .from('pack', 'p')
      .innerJoin('pack_setup', 's', 's.election_id = p.election_id')
      .where('p.election_id = :electionId', { electionId })
      .groupBy('s.spares')
      .getRawOne<{ last: number | string | null; spares: number | string }>();
    if (!row || row.last === null || Number(row.spares) === 0) return null;
    return Number(row.last) - Number(row.spares) + 1;
  }

  trackerExists(m: EntityManager, electionId: string, tracker: string): Promise<boolean> {
    return m.getRepository(OnlineBallotEntity).existsBy({ electionId, tracker });
  }

  async insertBallot(m: EntityManager, b: Omit<OnlineBallotEntity, 'id'>): Promise<void> {
    await m.getRepository(OnlineBallotEntity).insert(b);
  }

  /** A revote: the credential's ballot that counted no longer does. */
  async markReplaced(m: EntityManager, electionId: string, publicCredential: string): Promise<number> {
    const r = await m.getRepository(OnlineBallotEntity).update({ electionId, publicCredential, status: 'counts' }, { status: 'replaced' });
    return r.affected ?? 0;
  }

  /** A postal vote beat the member's online one: whichever of their packs it was cast with. */
  async markSupersededForMember(m: EntityManager, electionId: string, memberNumber: string): Promise<number> {
    const r = await m
      .createQueryBuilder()
      .update(OnlineBallotEntity)
      .set({ status: 'superseded' })
      .where("election_id = :electionId AND status = 'counts'", { electionId })
      .andWhere('public_credential IN (SELECT q.public_credential FROM pack q WHERE q.election_id = :electionId AND q.member_number = :memberNumber)', { memberNumber })
      .execute();
    return r.affected ?? 0;
  }

  /** Undoes `markSupersededForMember`: the member's last ballot, superseded, counts again. */
  async restoreLastSuperseded(m: EntityManager, electionId: string, memberNumber: string): Promise<void> {
    const last = await m
      .getRepository(OnlineBallotEntity)
      .createQueryBuilder('b')
      .select(['b.id', 'b.status'])
      .where('b.election_id = :electionId', { electionId })
      .andWhere('b.public_credential IN (SELECT q.public_credential FROM pack q WHERE q.election_id = :electionId AND q.member_number = :memberNumber)', { memberNumber })
      .orderBy('b.id', 'DESC')
      .getOne();
    if (last?.status === 'superseded') await m.getRepository(OnlineBallotEntity).update({ id: last.id }, { status: 'counts' });
  }

  /** The board page after `after` in tracker order (binary order on both databases). */
  trackersAfter(electionId: string, after: string | null, limit: number): Promise<Array<{ tracker: string; status: OnlineBallotStatus }>> {
    const collate = this.ds.options.type === 'postgres' ? ' COLLATE "C"' : '';
    const qb = this.ds
      .getRepository(OnlineBallotEntity)
      .createQueryBuilder('b')
      .select(['b.tracker', 'b.status'])
      .where('b.election_id = :electionId', { electionId })
      .orderBy(`b.tracker${collate}`, 'ASC')
      .limit(limit);
    if (after !== null) qb.andWhere(`b.tracker${collate} > :after`, { after });
    return qb.getMany();
  }

  countingBallot(electionId: string, publicCredential: string): Promise<OnlineBallotEntity | null> {
    return this.ds.getRepository(OnlineBallotEntity).findOne({ where: { electionId, publicCredential, status: 'counts' }, order: { id: 'DESC' } });
  }

  findByTracker(electionId: string, tracker: string): Promise<OnlineBallotEntity | null> {
    return this.ds.getRepository(OnlineBallotEntity).findOne({ where: { electionId, tracker }, select: { tracker: true, status: true } });
  }

  /** Distinct credentials used by any ballot whose hex starts with `prefix` (4 lowercase hex). */
  async credentialsWithPrefix(electionId: string, prefix: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(OnlineBallotEntity)
      .createQueryBuilder('b')
      .select('DISTINCT b.public_credential', 'credential')
      .where('b.election_id = :electionId AND b.public_credential LIKE :like', { electionId, like: `${prefix}%` })
      .orderBy('credential', 'ASC')
      .getRawMany<{ credential: string }>();
    return rows.map((r) => r.credential);
  }

  /** Raw ballots with these statuses in acceptance order (the archive's order). */
  async rawInOrder(electionId: string, statuses: OnlineBallotStatus[]): Promise<string[]> {
    const rows = await this.ds.getRepository(OnlineBallotEntity).find({ where: { electionId, status: In(statuses) }, order: { id: 'ASC' }, select: { id: true, raw: true } });
    return rows.map((r) => r.raw);
  }

  async countByStatus(electionId: string): Promise<Record<OnlineBallotStatus, number>> {
    const rows = await this.ds
      .getRepository(OnlineBallotEntity)
      .createQueryBuilder('b')
      .select('b.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('b.election_id = :electionId', { electionId })
      .groupBy('b.status')
      .getRawMany<{ status: OnlineBallotStatus; n: string | number }>();
    const counts: Record<OnlineBallotStatus, number> = { counts: 0, replaced: 0, superseded: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** Per credential used: its ballots and when the first was accepted (a voter's turnout time). */
  async ballotsPerCredential(electionId: string): Promise<Array<{ ballots: number; firstAt: Date }>> {
    const rows = await this.ds
      .getRepository(OnlineBallotEntity)
      .createQueryBuilder('b')
      .select('COUNT(*)', 'ballots')
      .addSelect('MIN(b.received_at)', 'firstAt')
      .where('b.election_id = :electionId', { electionId })
      .groupBy('b.public_credential')
      .getRawMany<{ ballots: string | number; firstAt: string | Date }>();
    return rows.map((r) => ({ ballots: Number(r.ballots), firstAt: rawDate(r.firstAt) }));
  }

  /** For tests and reports: every ballot of the election in acceptance order. */
  allInOrder(electionId: string): Promise<OnlineBallotEntity[]> {
    return this.ds.getRepository(OnlineBallotEntity).find({ where: { electionId }, order: { id: 'ASC' } });
  }
}

/** An aggregate of a datetime column: SQLite gives its UTC text without a zone, PostgreSQL a Date. */
function rawDate(v: string | Date): Date {
  return typeof v === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? new Date(`${v.replace(' ', 'T')}Z`) : new Date(v);
}
