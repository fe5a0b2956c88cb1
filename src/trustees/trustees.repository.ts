import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TrusteeEntity } from 'src/trustees/trustee.entity';

@Injectable()
export class TrusteesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The election's trustees in the order they were added (the order of trustees.json). */
  inOrder(electionId: string, manager?: EntityManager): Promise<TrusteeEntity[]> {
    return (manager ?? this.ds.manager).getRepository(TrusteeEntity).find({ where: { electionId }, order: { position: 'ASC' } });
  }

  count(manager: EntityManager, electionId: string): Promise<number> {
    return manager.getRepository(TrusteeEntity).countBy({ electionId });
  }

  /** Called with the election row locked, so two uploads cannot take the same position. */
  async append(manager: EntityManager, row: Omit<TrusteeEntity, 'position'>): Promise<TrusteeEntity> {
    const last = await manager.getRepository(TrusteeEntity).maximum('position', { electionId: row.electionId });
    const entity: TrusteeEntity = { ...row, position: (last ?? 0) + 1 };
    await manager.getRepository(TrusteeEntity).insert(entity);
    return entity;
  }
}
