import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Transactions } from 'src/platform/database/transactions';
import { ImportStatus, RollImportEntity } from 'src/roll/roll-import.entity';
import { RollIssueEntity } from 'src/roll/roll-issue.entity';
import { RowIssue } from 'src/roll/roll.types';

// SQLite allows 32,766 bound values per statement; six per issue row.
const ISSUE_INSERT_CHUNK = 1000;

@Injectable()
export class RollImportsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: Transactions,
  ) {}

  async insert(manager: EntityManager, e: RollImportEntity): Promise<void> {
    await manager.getRepository(RollImportEntity).insert(e);
  }

  async save(manager: EntityManager, e: RollImportEntity): Promise<void> {
    await manager.getRepository(RollImportEntity).save(e);
  }

  findById(electionId: string, id: string): Promise<RollImportEntity | null> {
    return this.ds.getRepository(RollImportEntity).findOneBy({ id, electionId });
  }

  /** The import row, locked until the caller's commit on PostgreSQL (SQLite transactions are serial). */
  lockById(manager: EntityManager, electionId: string, id: string): Promise<RollImportEntity | null> {
    const qb = manager.getRepository(RollImportEntity).createQueryBuilder('i').where('i.id = :id AND i.electionId = :electionId', { id, electionId });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The election's current roll version. */
  findCommitted(electionId: string, manager?: EntityManager): Promise<RollImportEntity | null> {
    return (manager ?? this.ds.manager).getRepository(RollImportEntity).findOneBy({ electionId, status: 'committed' });
  }

  listNewestFirst(electionId: string, limit: number): Promise<RollImportEntity[]> {
    return this.ds.getRepository(RollImportEntity).find({ where: { electionId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Versions whose member rows nobody can use any more. */
  async idsWithStatus(statuses: ImportStatus[]): Promise<string[]> {
    const rows = await this.ds.getRepository(RollImportEntity).find({ select: { id: true }, where: { status: In(statuses) } });
    return rows.map((r) => r.id);
  }

  /** Appends report lines after `firstSeq`; returns the next free sequence number. */
  async insertIssues(importId: string, issues: RowIssue[], firstSeq: number): Promise<number> {
    let seq = firstSeq;
    for (let i = 0; i < issues.length; i += ISSUE_INSERT_CHUNK) {
      const rows = issues.slice(i, i + ISSUE_INSERT_CHUNK).map((x) => ({ importId, seq: seq++, line: x.line, column: x.column, code: x.code, message: x.message }));
      await this.tx.run((m) => m.getRepository(RollIssueEntity).insert(rows));
    }
    return seq;
  }

  /** Report lines in file order (line, then order found), keyset-paginated by position in that order. */
  issuesPage(importId: string, offset: number, limit: number): Promise<RollIssueEntity[]> {
    return this.ds
      .getRepository(RollIssueEntity)
      .createQueryBuilder('x')
      .where('x.importId = :importId', { importId })
      .orderBy('x.line', 'ASC')
      .addOrderBy('x.seq', 'ASC')
      .offset(offset)
      .limit(limit)
      .getMany();
  }
}
