import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventChainHeadEntity, EventEntity } from 'src/events/event.entity';
import { lockOrCreate } from 'src/platform/database/lock-or-create';

export interface EventQuery {
  electionId: string | null;
  stream?: string;
  type?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  afterId?: number;
  limit: number;
}

@Injectable()
export class EventLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks the chain head for this transaction, creating it on first use. On PostgreSQL the
   * insert-if-missing and the row lock make concurrent appenders to one chain take turns.
   */
  async lockHead(manager: EntityManager, chain: string, genesis: string): Promise<EventChainHeadEntity> {
    return lockOrCreate(manager, EventChainHeadEntity, { chain }, { seq: 0, hash: genesis });
  }

  async insert(manager: EntityManager, event: Omit<EventEntity, 'id'>): Promise<EventEntity> {
    const saved = await manager.getRepository(EventEntity).save(manager.getRepository(EventEntity).create(event));
    await manager.getRepository(EventChainHeadEntity).update({ chain: event.chain }, { seq: event.seq, hash: event.hash });
    return saved;
  }

  async find(q: EventQuery): Promise<EventEntity[]> {
    const qb = this.dataSource.getRepository(EventEntity).createQueryBuilder('e');
    if (q.electionId === null) qb.where('e.election_id IS NULL');
    else qb.where('e.election_id = :electionId', { electionId: q.electionId });
    if (q.stream) qb.andWhere('e.chain = :chain', { chain: `${q.electionId}:${q.stream}` });
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: q.actorId });
    if (q.from) qb.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurred_at < :to', { to: q.to });
    if (q.afterId) qb.andWhere('e.id > :afterId', { afterId: q.afterId });
    return qb.orderBy('e.id', 'ASC').take(q.limit).getMany();
  }

  async chainsOf(electionId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(EventChainHeadEntity)
      .createQueryBuilder('h')
      .where('h.chain LIKE :prefix', { prefix: `${electionId}:%` })
      .getMany();
    return rows.map((r) => r.chain);
  }

  /** Streams a chain in order, a page at a time, so verifying a long chain keeps memory flat. */
  async *walkChain(chain: string, pageSize = 1000): AsyncGenerator<EventEntity> {
    let afterSeq = 0;
    for (;;) {
      const page = await this.dataSource
        .getRepository(EventEntity)
        .createQueryBuilder('e')
        .where('e.chain = :chain AND e.seq > :afterSeq', { chain, afterSeq })
        .orderBy('e.seq', 'ASC')
        .take(pageSize)
        .getMany();
      yield* page;
      if (page.length < pageSize) return;
      afterSeq = page[page.length - 1].seq;
    }
  }

  async head(chain: string): Promise<EventChainHeadEntity | null> {
    return this.dataSource.getRepository(EventChainHeadEntity).findOneBy({ chain });
  }
}
