import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';

/**
 * A member signed in to vote, through one pack (serial) of one election. Only the SHA-256 of the
 * cookie token is stored: a copy of the database hands out no live session.
 */
@Entity('voter_session')
@Index('ix_voter_session_expiry', ['expiresAt'])
export class VoterSessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'integer' })
  serial!: number;

  @Column({ name: 'member_number', type: 'varchar', length: 64 })
  memberNumber!: string;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @DateTimeColumn({ name: 'ended_at', nullable: true })
  endedAt!: Date | null;
}
