import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';

/** One entry of an append-only, hash-chained log. Rows are never updated or deleted. */
@Entity('event')
@Index('uq_event_chain_seq', ['chain', 'seq'], { unique: true })
@Index('ix_event_election', ['electionId', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** `<electionId>:<stream>` or `global`; each chain has its own sequence and hashes. */
  @Column({ type: 'varchar', length: 80 })
  chain!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'election_id', type: 'varchar', length: 36, nullable: true })
  electionId!: string | null;

  @Column({ type: 'varchar', length: 80 })
  type!: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: 'staff' | 'system' | 'voter';

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole!: string | null;

  @DateTimeColumn({ name: 'occurred_at' })
  occurredAt!: Date;

  @JsonColumn()
  data!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/** The last link of each chain; locking this row serialises appends to one chain only. */
@Entity('event_chain_head')
export class EventChainHeadEntity {
  @Column({ type: 'varchar', length: 80, primary: true })
  chain!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
