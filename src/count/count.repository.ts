import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CountBatchEntity, CountEntryEntity, CvrEntity, EntryStatus } from 'src/count/count.entities';
import { PaperContent, PaperKind } from 'src/count/paper-content';

export interface BatchTally {
  batchId: string;
  kind: PaperKind;
  papers: number;
}

/** Entries still waiting for someone: a second operator, or a supervisor. */
export const UNSETTLED: EntryStatus[] = ['pending', 'disputed'];

@Injectable()
export class CountRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertBatch(manager: EntityManager, batch: CountBatchEntity): Promise<void> {
    await manager.getRepository(CountBatchEntity).insert(batch);
  }

  findBatch(electionId: string, id: string): Promise<CountBatchEntity | null> {
    return this.ds.getRepository(CountBatchEntity).findOneBy({ electionId, id });
  }

  /**
   * The batch row, locked until the caller's transaction ends: `FOR UPDATE` to close or correct
   * it, `FOR SHARE` to add a record to it, so a record cannot slip in while a close counts.
   * (SQLite transactions are serialised by `Transactions`.)
   */
  lockBatch(manager: EntityManager, electionId: string, id: string, mode: 'update' | 'share'): Promise<CountBatchEntity | null> {
    const qb = manager.getRepository(CountBatchEntity).createQueryBuilder('b').where('b.election_id = :electionId AND b.id = :id', { electionId, id });
    if (manager.connection.options.type === 'postgres') qb.setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read');
    return qb.getOne();
  }

  async saveBatch(manager: EntityManager, batch: CountBatchEntity): Promise<void> {
    await manager.getRepository(CountBatchEntity).update(
      { id: batch.id },
      { envelopesOpened: batch.envelopesOpened, status: batch.status, closedAt: batch.closedAt, mismatchReason: batch.mismatchReason },
    );
  }

  listBatches(electionId: string): Promise<CountBatchEntity[]> {
    return this.ds.getRepository(CountBatchEntity).find({ where: { electionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  hasOpenBatch(manager: EntityManager, electionId: string): Promise<boolean> {
    return manager.getRepository(CountBatchEntity).existsBy({ electionId, status: 'open' });
  }

  /** `image`: the scan it was read from; keyed papers have none. */
  async insertCvr(
    manager: EntityManager,
    electionId: string,
    batchId: string,
    id: string,
    content: PaperContent,
    image: { sha256: string; page: number } | null = null,
  ): Promise<void> {
    await manager
      .getRepository(CvrEntity)
      .insert({ id, electionId, batchId, ...contentColumns(content), imageSha256: image?.sha256 ?? null, imagePage: image?.page ?? null });
  }

  /** Papers recorded per batch and kind (one batch, or the whole election). */
  async tallyByBatch(electionId: string, batchId?: string, manager?: EntityManager): Promise<BatchTally[]> {
    const qb = (manager ?? this.ds.manager)
      .getRepository(CvrEntity)
      .createQueryBuilder('c')
      .select('c.batch_id', 'batchId')
      .addSelect('c.kind', 'kind')
      .addSelect('COUNT(*)', 'papers')
      .where('c.election_id = :electionId', { electionId })
      .groupBy('c.batch_id')
      .addGroupBy('c.kind');
    if (batchId) qb.andWhere('c.batch_id = :batchId', { batchId });
    const rows = await qb.getRawMany<{ batchId: string; kind: PaperKind; papers: string | number }>();
    return rows.map((r) => ({ ...r, papers: Number(r.papers) }));
  }

  /** The choices of every valid record of the election, in id order (random, not intake order). */
  async *validChoices(electionId: string): AsyncGenerator<number[][]> {
    const page = 5000;
    let after = '';
    for (;;) {
      const rows = await this.ds
        .getRepository(CvrEntity)
        .createQueryBuilder('c')
        .select(['c.id', 'c.choices'])
        .where('c.election_id = :electionId AND c.kind = :kind AND c.id > :after', { electionId, kind: 'valid', after })
        .orderBy('c.id', 'ASC')
        .limit(page)
        .getMany();
      for (const r of rows) if (r.choices) yield r.choices;
      if (rows.length < page) return;
      after = rows[rows.length - 1].id;
    }
  }

  async insertEntry(manager: EntityManager, entry: CountEntryEntity): Promise<void> {
    await manager.getRepository(CountEntryEntity).insert(entry);
  }

  /** The entries of one paper, in round order. */
  entriesOfPaper(manager: EntityManager, electionId: string, paperHash: string): Promise<CountEntryEntity[]> {
    return manager.getRepository(CountEntryEntity).find({ where: { electionId, paperHash }, order: { round: 'ASC' } });
  }

  entriesOfGroup(manager: EntityManager, electionId: string, groupId: string): Promise<CountEntryEntity[]> {
    return manager.getRepository(CountEntryEntity).find({ where: { electionId, groupId }, order: { round: 'ASC' } });
  }

  async setEntryStatus(manager: EntityManager, ids: string[], status: EntryStatus): Promise<void> {
    if (ids.length > 0) await manager.getRepository(CountEntryEntity).update({ id: In(ids) }, { status });
  }

  /** Entries of a batch still waiting, oldest group first. */
  unsettledEntries(batchId: string, manager?: EntityManager): Promise<CountEntryEntity[]> {
    return (manager ?? this.ds.manager)
      .getRepository(CountEntryEntity)
      .find({ where: { batchId, status: In(UNSETTLED) }, order: { groupId: 'ASC', round: 'ASC' } });
  }

  async countUnsettled(electionId: string, manager?: EntityManager): Promise<Array<{ batchId: string; status: EntryStatus; groups: number }>> {
    const rows = await (manager ?? this.ds.manager)
      .getRepository(CountEntryEntity)
      .createQueryBuilder('e')
      .select('e.batch_id', 'batchId')
      .addSelect('e.status', 'status')
      .addSelect('COUNT(DISTINCT e.group_id)', 'groups')
      .where('e.election_id = :electionId AND e.status IN (:...statuses)', { electionId, statuses: UNSETTLED })
      .groupBy('e.batch_id')
      .addGroupBy('e.status')
      .getRawMany<{ batchId: string; status: EntryStatus; groups: string | number }>();
    return rows.map((r) => ({ ...r, groups: Number(r.groups) }));
  }
}

export function contentColumns(c: PaperContent): Pick<CvrEntity, 'kind' | 'choices' | 'invalidReason'> {
  return {
    kind: c.kind,
    choices: c.kind === 'valid' ? c.choices : null,
    invalidReason: c.kind === 'invalid' ? c.reason : null,
  };
}

export function contentOf(row: Pick<CvrEntity, 'kind' | 'choices' | 'invalidReason'>): PaperContent {
  switch (row.kind) {
    case 'valid':
      return { kind: 'valid', choices: row.choices ?? [] };
    case 'blank':
      return { kind: 'blank' };
    case 'invalid':
      if (!row.invalidReason) throw new Error('an invalid record without its reason');
      return { kind: 'invalid', reason: row.invalidReason };
    default: {
      const never: never = row.kind;
      return never;
    }
  }
}
