import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BigIntColumn, DateTimeColumn } from 'src/platform/database/columns';

/** `computing`: the encrypted tally is being computed; then the trustees decrypt it; then the result. */
export type TallyStatus = 'computing' | 'awaiting_decryptions' | 'result_ready';

/** One per election, from entering `tallying`. Raw columns are the .bel's data files, byte for byte. */
@Entity('tally')
export class TallyEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: TallyStatus;

  /** Seconds since the epoch, fixed on entering `tallying`: the .bel's header and entry mtimes. */
  @BigIntColumn({ name: 'archive_timestamp' })
  archiveTimestamp!: number;

  /** The encrypted_tally data file; null for a postal-only election and while computing. */
  @Column({ name: 'encrypted_tally', type: 'text', nullable: true })
  encryptedTally!: string | null;

  @Column({ name: 'num_tallied', type: 'integer', nullable: true })
  numTallied!: number | null;

  /** A decimal string: weights may exceed 2^53. */
  @Column({ name: 'total_weight', type: 'varchar', length: 40, nullable: true })
  totalWeight!: string | null;

  /** The Belenios result data file ({"result":…}). */
  @Column({ type: 'text', nullable: true })
  result!: string | null;

  /** result.json of the record (docs/RECORD.md), as text so its bytes never change. */
  @Column({ name: 'merged_result', type: 'text', nullable: true })
  mergedResult!: string | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'computed_at', nullable: true })
  computedAt!: Date | null;

  @DateTimeColumn({ name: 'result_at', nullable: true })
  resultAt!: Date | null;
}

/** A trustee's verified partial decryption, in canonical serialisation. `owner` is Belenios' 1-based index. */
@Entity('partial_decryption')
export class PartialDecryptionEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  owner!: number;

  @Column({ type: 'text' })
  raw!: string;

  @DateTimeColumn({ name: 'received_at' })
  receivedAt!: Date;

  @Column({ name: 'received_by', type: 'varchar', length: 36, nullable: true })
  receivedBy!: string | null;
}
