import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EnvelopeState, OnlineState, RejectReason } from 'src/precedence/engine';
import { DateTimeColumn } from 'src/platform/database/columns';

/**
 * One row per member who has done anything in an election: the engine's state, and the row
 * every decision about that member locks, so decisions about one member are serialised.
 */
@Entity('participation')
export class ParticipationEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 64 })
  memberId!: string;

  @Column({ name: 'online_state', type: 'varchar', length: 16 })
  online!: OnlineState;

  @Column({ name: 'online_ballots', type: 'integer' })
  onlineBallots!: number;

  @Column({ name: 'envelope_state', type: 'varchar', length: 16 })
  envelope!: EnvelopeState;

  /** Decisions taken about this member so far; the decision log numbers them with it. */
  @Column({ type: 'integer' })
  decisions!: number;

  /** The member's last refused attempt (reason, channel, when), for the helpdesk. */
  @Column({ name: 'last_refused', type: 'varchar', length: 32, nullable: true })
  lastRefused!: RejectReason | null;

  @Column({ name: 'last_refused_channel', type: 'varchar', length: 8, nullable: true })
  lastRefusedChannel!: 'online' | 'postal' | null;

  @DateTimeColumn({ name: 'last_refused_at', nullable: true })
  lastRefusedAt!: Date | null;

  @DateTimeColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
