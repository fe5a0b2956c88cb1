import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BallotBoxSetupEntity, OnlineBallotEntity, OnlineBallotStatus } from 'src/ballot-box/ballot-box.entities';
import { CountBatchEntity, CvrEntity } from 'src/count/count.entities';
import { PaperKind } from 'src/count/paper-content';
import { PartialDecryptionEntity, TallyEntity } from 'src/tally/tally.entities';

/** A few thousand ballots per read: 160,000 never sit in memory at once as entities. */
const PAGE = 2000;

export interface CvrRow {
  kind: PaperKind;
  choices: number[][] | null;
  invalidReason: string | null;
}

@Injectable()
export class TallyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findTally(electionId: string, manager?: EntityManager): Promise<TallyEntity | null> {
    return (manager ?? this.ds.manager).getRepository(TallyEntity).findOneBy({ electionId });
  }

  async insertTally(m: EntityManager, row: TallyEntity): Promise<void> {
    await m.getRepository(TallyEntity).insert(row);
  }

  async updateTally(m: EntityManager, electionId: string, patch: Partial<Omit<TallyEntity, 'electionId'>>): Promise<void> {
    await m.getRepository(TallyEntity).update({ electionId }, patch);
  }

  setupExists(m: EntityManager, electionId: string): Promise<boolean> {
    return m.getRepository(BallotBoxSetupEntity).existsBy({ electionId });
  }

  /** Each credential's last ballot (acceptance order): Belenios counts that one. */
  async lastBallots(electionId: string): Promise<Map<string, { id: number; status: OnlineBallotStatus }>> {
    const last = new Map<string, { id: number; status: OnlineBallotStatus }>();
    let after = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(OnlineBallotEntity)
        .createQueryBuilder('b')
        .select(['b.id', 'b.publicCredential', 'b.status'])
        .where('b.election_id = :electionId AND b.id > :after', { electionId, after })
        .orderBy('b.id', 'ASC')
        .limit(PAGE * 10)
        .getMany();
      for (const r of rows) last.set(r.publicCredential, { id: r.id, status: r.status });
      if (rows.length < PAGE * 10) return last;
      after = rows[rows.length - 1].id;
    }
  }

  /** Every ballot of the election in acceptance order, a page at a time. */
  async *ballotsInOrder(electionId: string): AsyncGenerator<Pick<OnlineBallotEntity, 'id' | 'publicCredential' | 'raw' | 'tracker'>> {
    let after = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(OnlineBallotEntity)
        .createQueryBuilder('b')
        .select(['b.id', 'b.publicCredential', 'b.raw', 'b.tracker'])
        .where('b.election_id = :electionId AND b.id > :after', { electionId, after })
        .orderBy('b.id', 'ASC')
        .limit(PAGE)
        .getMany();
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  partials(electionId: string, manager?: EntityManager): Promise<PartialDecryptionEntity[]> {
    return (manager ?? this.ds.manager).getRepository(PartialDecryptionEntity).find({ where: { electionId }, order: { owner: 'ASC' } });
  }

  findPartial(m: EntityManager, electionId: string, owner: number): Promise<PartialDecryptionEntity | null> {
    return m.getRepository(PartialDecryptionEntity).findOneBy({ electionId, owner });
  }

  async insertPartial(m: EntityManager, row: PartialDecryptionEntity): Promise<void> {
    await m.getRepository(PartialDecryptionEntity).insert(row);
  }

  /** The election's cast-vote records, a page at a time (id order: random, not intake order). */
  async *cvrs(electionId: string, manager?: EntityManager): AsyncGenerator<CvrRow> {
    let after = '';
    for (;;) {
      const rows = await (manager ?? this.ds.manager)
        .getRepository(CvrEntity)
        .createQueryBuilder('c')
        .select(['c.id', 'c.kind', 'c.choices', 'c.invalidReason'])
        .where('c.election_id = :electionId AND c.id > :after', { electionId, after })
        .orderBy('c.id', 'ASC')
        .limit(PAGE)
        .getMany();
      for (const r of rows) yield { kind: r.kind, choices: r.choices, invalidReason: r.invalidReason };
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  async envelopesOpened(electionId: string, manager?: EntityManager): Promise<number> {
    const row = await (manager ?? this.ds.manager)
      .getRepository(CountBatchEntity)
      .createQueryBuilder('b')
      .select('SUM(b.envelopes_opened)', 'n')
      .where('b.election_id = :electionId', { electionId })
      .getRawOne<{ n: string | number | null }>();
    return Number(row?.n ?? 0);
  }

  /** Postal returns refused at intake and not undone, by reason. */
  async intakeRejections(electionId: string, manager?: EntityManager): Promise<Array<{ reason: string; returns: number }>> {
    const rows = await (manager ?? this.ds.manager)
      .createQueryBuilder()
      .select('s.reason', 'reason')
      .addSelect('COUNT(*)', 'returns')
      .from('intake_scan', 's')
      .where("s.election_id = :electionId AND s.verdict = 'reject' AND s.undone_at IS NULL", { electionId })
      .groupBy('s.reason')
      .orderBy('s.reason', 'ASC')
      .getRawMany<{ reason: string | null; returns: string | number }>();
    return rows.map((r) => ({ reason: r.reason ?? 'unknown', returns: Number(r.returns) }));
  }

  /** Active, eligible members of the committed roll. */
  async eligibleMembers(electionId: string, manager?: EntityManager): Promise<number> {
    const row = await (manager ?? this.ds.manager)
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('roll_member', 'm')
      .innerJoin('roll_import', 'i', "i.id = m.import_id AND i.status = 'committed'")
      .where("i.election_id = :electionId AND m.status = 'active' AND m.eligible = :eligible", { electionId, eligible: true })
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  /**
   * For each of these public credentials, the public credential of the pack whose postal return
   * counted for the same member (the latest accepted or held scan not undone).
   */
  async countedPostalCredentials(electionId: string, credentials: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < credentials.length; i += 500) {
      const rows = await this.ds
        .createQueryBuilder()
        .select('own.public_credential', 'credential')
        .addSelect('counted.public_credential', 'postal')
        .addSelect('s.seq', 'seq')
        .from('pack', 'own')
        .innerJoin('intake_scan', 's', "s.election_id = own.election_id AND s.member_id = own.member_number AND s.verdict IN ('accept', 'hold') AND s.undone_at IS NULL")
        .innerJoin('pack', 'counted', 'counted.election_id = s.election_id AND counted.serial = s.pack_serial')
        .where('own.election_id = :electionId AND own.public_credential IN (:...some)', { electionId, some: credentials.slice(i, i + 500) })
        .orderBy('s.scanned_at', 'ASC')
        .getRawMany<{ credential: string; postal: string }>();
      for (const r of rows) out.set(r.credential, r.postal);
    }
    return out;
  }
}
