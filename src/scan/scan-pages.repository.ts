import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ScanPageEntity, ScanPageStatus, ScanSettingsEntity, UNSETTLED_PAGES } from 'src/scan/scan.entities';

export interface PageTally {
  batchId: string;
  status: ScanPageStatus;
  pages: number;
}

/** The scanned pages and the scan settings; the count module reads its batch figures here too. */
@Injectable()
export class ScanPagesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private pages(manager?: EntityManager) {
    return (manager ?? this.ds.manager).getRepository(ScanPageEntity);
  }

  async insertPage(manager: EntityManager, page: ScanPageEntity): Promise<void> {
    await this.pages(manager).insert(page);
  }

  /** The pages already stored from these exact bytes (a re-upload), in file order. */
  pagesOfImage(electionId: string, imageSha256: string, manager?: EntityManager): Promise<ScanPageEntity[]> {
    return this.pages(manager).find({ where: { electionId, imageSha256 }, order: { imagePage: 'ASC' } });
  }

  findPage(electionId: string, id: string, manager?: EntityManager): Promise<ScanPageEntity | null> {
    return this.pages(manager).findOneBy({ electionId, id });
  }

  /** The page, locked until the caller's transaction ends, so two supervisors cannot both decide it. */
  lockPage(manager: EntityManager, electionId: string, id: string): Promise<ScanPageEntity | null> {
    const qb = this.pages(manager).createQueryBuilder('p').where('p.election_id = :electionId AND p.id = :id', { electionId, id });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Pages of one paper still waiting for the rest of the paper or for a person. */
  unsettledPagesOfPaper(manager: EntityManager, electionId: string, paperHash: string): Promise<ScanPageEntity[]> {
    return this.pages(manager).find({ where: { electionId, paperHash, status: In(UNSETTLED_PAGES) }, order: { ballotPage: 'ASC' } });
  }

  async savePage(manager: EntityManager, page: ScanPageEntity): Promise<void> {
    const { id, ...changes } = page;
    await this.pages(manager).update({ id }, changes);
  }

  /** Pages waiting for a person (or for the rest of their paper), optionally of one batch or status. */
  queue(electionId: string, filter: { batchId?: string; statuses: ScanPageStatus[] }): Promise<ScanPageEntity[]> {
    return this.pages().find({
      where: { electionId, status: In(filter.statuses), ...(filter.batchId ? { batchId: filter.batchId } : {}) },
      // Random ids: the queue's order says nothing about when a page was read.
      order: { batchId: 'ASC', id: 'ASC' },
    });
  }

  /** Pages per batch and status (one batch, or the whole election). */
  async tallyByBatch(electionId: string, batchId?: string, manager?: EntityManager): Promise<PageTally[]> {
    const qb = this.pages(manager)
      .createQueryBuilder('p')
      .select('p.batch_id', 'batchId')
      .addSelect('p.status', 'status')
      .addSelect('COUNT(*)', 'pages')
      .where('p.election_id = :electionId', { electionId })
      .groupBy('p.batch_id')
      .addGroupBy('p.status');
    if (batchId) qb.andWhere('p.batch_id = :batchId', { batchId });
    const rows = await qb.getRawMany<{ batchId: string; status: ScanPageStatus; pages: string | number }>();
    return rows.map((r) => ({ ...r, pages: Number(r.pages) }));
  }

  findSettings(electionId: string): Promise<ScanSettingsEntity | null> {
    return this.ds.getRepository(ScanSettingsEntity).findOneBy({ electionId });
  }

  async saveSettings(manager: EntityManager, settings: ScanSettingsEntity): Promise<void> {
    await manager.getRepository(ScanSettingsEntity).upsert(settings, ['electionId']);
  }
}
