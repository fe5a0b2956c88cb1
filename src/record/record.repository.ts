import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CountBatchEntity, CvrEntity } from 'src/count/count.entities';
import { PaperKind } from 'src/count/paper-content';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { PackEntity } from 'src/packs/pack.entity';
import { lockOrCreate } from 'src/platform/database/lock-or-create';
import { ElectionRecordEntity } from 'src/record/election-record.entity';
import { BatchFigures, CvrRow } from 'src/record/record-format';

const CVR_PAGE = 5000;

/** The record's reads of other modules' tables, and its own state row. */
@Injectable()
export class RecordRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Every CVR of the election in the order of its random id — unrelated to when it was keyed —
   * a page at a time, so 160,000 records never sit in memory together.
   */
  async *cvrsInIdOrder(electionId: string): AsyncGenerator<CvrRow> {
    let after = '';
    for (;;) {
      const rows = await this.ds
        .getRepository(CvrEntity)
        .createQueryBuilder('c')
        .select(['c.id', 'c.batchId', 'c.kind', 'c.choices', 'c.invalidReason', 'c.imageSha256', 'c.imagePage'])
        .where('c.election_id = :electionId AND c.id > :after', { electionId, after })
        .orderBy('c.id', 'ASC')
        .limit(CVR_PAGE)
        .getMany();
      for (const r of rows) yield { batchId: r.batchId, kind: r.kind, choices: r.choices, invalidReason: r.invalidReason, imageSha256: r.imageSha256, imagePage: r.imagePage };
      if (rows.length < CVR_PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** The count batches in the order they were opened, with the papers recorded in each. */
  async batchFigures(electionId: string): Promise<BatchFigures[]> {
    const batches = await this.ds.getRepository(CountBatchEntity).find({ where: { electionId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const counts = await this.ds
      .getRepository(CvrEntity)
      .createQueryBuilder('c')
      .select('c.batch_id', 'batchId')
      .addSelect('c.kind', 'kind')
      .addSelect('COUNT(*)', 'papers')
      .where('c.election_id = :electionId', { electionId })
      .groupBy('c.batch_id')
      .addGroupBy('c.kind')
      .getRawMany<{ batchId: string; kind: PaperKind; papers: string | number }>();
    const papers = (batchId: string, kind: PaperKind) => Number(counts.find((c) => c.batchId === batchId && c.kind === kind)?.papers ?? 0);
    return batches.map((b) => ({
      id: b.id,
      label: b.label,
      envelopesOpened: b.envelopesOpened,
      valid: papers(b.id, 'valid'),
      blank: papers(b.id, 'blank'),
      invalid: papers(b.id, 'invalid'),
      mismatchReason: b.mismatchReason,
    }));
  }

  /**
   * Public credentials whose postal return counted: members whose envelope ended `accepted`,
   * through the pack their accepted (or held, then released) scan named. A scan a supervisor
   * undid names nothing.
   */
  async countedPostalCredentials(electionId: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(IntakeScanEntity)
      .createQueryBuilder('s')
      .innerJoin('participation', 'p', 'p.election_id = s.election_id AND p.member_id = s.member_id')
      .innerJoin(PackEntity, 'k', 'k.election_id = s.election_id AND k.serial = s.pack_serial')
      .select('DISTINCT k.public_credential', 'credential')
      .where('s.election_id = :electionId', { electionId })
      .andWhere("s.verdict IN ('accept', 'hold') AND s.undone_at IS NULL")
      .andWhere("p.envelope_state = 'accepted'")
      .getRawMany<{ credential: string }>();
    return rows.map((r) => r.credential);
  }

  async voidedCredentials(electionId: string): Promise<string[]> {
    const rows = await this.ds.getRepository(PackEntity).find({ select: { publicCredential: true }, where: { electionId, status: 'voided' } });
    return rows.map((r) => r.publicCredential);
  }

  findState(electionId: string, manager?: EntityManager): Promise<ElectionRecordEntity | null> {
    return (manager ?? this.ds.manager).getRepository(ElectionRecordEntity).findOneBy({ electionId });
  }

  /** The election's record row, created as `building` if missing, locked until the commit. */
  lockState(manager: EntityManager, electionId: string): Promise<ElectionRecordEntity> {
    return lockOrCreate(manager, ElectionRecordEntity, { electionId }, { status: 'building', requests: 0 }, 'present');
  }

  async saveState(manager: EntityManager, row: ElectionRecordEntity): Promise<void> {
    await manager.getRepository(ElectionRecordEntity).save(row);
  }
}
