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

  /** Inserts the event and moves its chain head to it: one statement on PostgreSQL (every change appends one). */
  async insert(manager: EntityManager, event: Omit<EventEntity, 'id'>): Promise<EventEntity> {
    if (manager.connection.options.type === 'postgres') {
      const rows: Array<{ id: number | string; heads: number | string }> = await manager.query(
        `WITH ev AS (
           INSERT INTO event (chain, seq, election_id, type, actor_kind, actor_id, actor_role, occurred_at, data, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id
         ), head AS (
           UPDATE event_chain_head SET seq = $2, hash = $11 WHERE chain = $1 RETURNING 1
         )
         SELECT (SELECT id FROM ev) AS id, (SELECT count(*) FROM head) AS heads`,
        [event.chain, event.seq, event.electionId, event.type, event.actorKind, event.actorId, event.actorRole, event.occurredAt, JSON.stringify(event.data), event.prevHash, event.hash],
      );
      if (Number(rows[0]?.heads) !== 1) throw new Error(`event chain head ${event.chain} is missing`);
      return { ...event, id: Number(rows[0].id) };
    }
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
