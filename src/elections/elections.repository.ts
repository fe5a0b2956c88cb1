import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';

@Injectable()
export class ElectionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(id: string): Promise<ElectionEntity | null> {
    return this.ds.getRepository(ElectionEntity).findOneBy({ id });
  }

  listNewestFirst(status?: ElectionStatus): Promise<ElectionEntity[]> {
    return this.ds.getRepository(ElectionEntity).find({ where: status ? { status } : {}, order: { createdAt: 'DESC' } });
  }

  /** Reads the election inside a transaction, row-locked on PostgreSQL, so concurrent changes queue. */
  lockById(manager: EntityManager, id: string): Promise<ElectionEntity | null> {
    const qb = manager.getRepository(ElectionEntity).createQueryBuilder('e').where('e.id = :id', { id });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  lockShared(manager: EntityManager, id: string): Promise<ElectionEntity | null> {
    const qb = manager.getRepository(ElectionEntity).createQueryBuilder('e').where('e.id = :id', { id });
    if (manager.connection.options.type === 'postgres') qb.setLock('for_key_share');
    return qb.getOne();
  }

  async insert(manager: EntityManager, e: ElectionEntity): Promise<void> {
    await manager.getRepository(ElectionEntity).insert(e);
  }

  async save(manager: EntityManager, e: ElectionEntity): Promise<ElectionEntity> {
    return manager.getRepository(ElectionEntity).save(e);
  }
}
