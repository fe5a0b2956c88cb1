import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnvelopeState, INITIAL_STATE, OnlineState } from 'src/precedence/engine';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { lockOrCreate } from 'src/platform/database/lock-or-create';

@Injectable()
export class ParticipationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The member's row, created on first use and locked until the caller's transaction ends
   * (PostgreSQL `FOR UPDATE`; SQLite transactions are serialised by `Transactions`).
   */
  async lock(manager: EntityManager, electionId: string, memberId: string): Promise<ParticipationEntity> {
    // Most decisions are a member's first (one return, one cast): insert first.
    return lockOrCreate(
      manager,
      ParticipationEntity,
      { electionId, memberId },
      { ...INITIAL_STATE, decisions: 0, lastRefused: null, lastRefusedChannel: null, lastRefusedAt: null, updatedAt: new Date() },
      'missing',
    );
  }

  async save(manager: EntityManager, row: ParticipationEntity): Promise<void> {
    await manager
      .getRepository(ParticipationEntity)
      .update(
        { electionId: row.electionId, memberId: row.memberId },
        {
          online: row.online,
          onlineBallots: row.onlineBallots,
          envelope: row.envelope,
          decisions: row.decisions,
          lastRefused: row.lastRefused,
          lastRefusedChannel: row.lastRefusedChannel,
          lastRefusedAt: row.lastRefusedAt,
          updatedAt: row.updatedAt,
        },
      );
  }

  find(electionId: string, memberId: string): Promise<ParticipationEntity | null> {
    return this.ds.getRepository(ParticipationEntity).findOneBy({ electionId, memberId });
  }

  /** Held envelopes of an election, locked, for the release at online close. */
  async lockHeld(manager: EntityManager, electionId: string): Promise<ParticipationEntity[]> {
    const qb = manager
      .getRepository(ParticipationEntity)
      .createQueryBuilder('p')
      .where('p.election_id = :electionId AND p.envelope_state = :held', { electionId, held: 'held' satisfies EnvelopeState });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  async countBy(electionId: string): Promise<Array<{ online: OnlineState; envelope: EnvelopeState; members: number }>> {
    const rows = await this.ds
      .getRepository(ParticipationEntity)
      .createQueryBuilder('p')
      .select('p.online_state', 'online')
      .addSelect('p.envelope_state', 'envelope')
      .addSelect('COUNT(*)', 'members')
      .where('p.election_id = :electionId', { electionId })
      .groupBy('p.online_state')
      .addGroupBy('p.envelope_state')
      .getRawMany<{ online: OnlineState; envelope: EnvelopeState; members: string | number }>();
    return rows.map((r) => ({ ...r, members: Number(r.members) }));
  }
}
