import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';

/**
 * The Belenios setup fixed when the election opened. The public credential list is not stored
 * (one line per pack, 1.6M for a large election): it is regenerated from the pack table and
 * checked against `credentialsSha256`.
 */
@Entity('ballot_box_setup')
export class BallotBoxSetupEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  /** election.json as published: the fingerprint and every ballot are computed over these bytes. */
  @Column({ name: 'election_raw', type: 'text' })
  electionRaw!: string;

  @Column({ name: 'trustees_raw', type: 'text' })
  trusteesRaw!: string;

  @Column({ name: 'credentials_sha256', type: 'varchar', length: 64 })
  credentialsSha256!: string;

  /** Number of public credentials in the list. */
  @Column({ type: 'integer' })
  credentials!: number;

  /** Whether the list is written `credential,weight` (some member's weight is not 1). */
  @Column({ type: 'boolean' })
  weighted!: boolean;

  /** First spare serial at opening: spares are in the list with weight 1, even once handed out. */
  @Column({ name: 'spares_from', type: 'integer', nullable: true })
  sparesFrom!: number | null;

  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;
}

/** `replaced`: a later ballot with the same credential counts; `superseded`: a postal vote counts instead. */
export type OnlineBallotStatus = 'counts' | 'replaced' | 'superseded';

@Entity('online_ballot')
@Index('uq_online_ballot_tracker', ['electionId', 'tracker'], { unique: true })
@Index('ix_online_ballot_credential', ['electionId', 'publicCredential'])
export class OnlineBallotEntity {
  /** Acceptance order: the archive lists ballots in it, and Belenios counts the last per credential. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'varchar', length: 64 })
  tracker!: string;

  @Column({ name: 'public_credential', type: 'varchar', length: 64 })
  publicCredential!: string;

  /** The ballot's bytes exactly as received (the tracker is their hash). */
  @Column({ type: 'text' })
  raw!: string;

  @DateTimeColumn({ name: 'received_at' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: OnlineBallotStatus;
}
