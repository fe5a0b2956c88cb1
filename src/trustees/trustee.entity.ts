import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';

/** 'single': one key holder with a Belenios `trustee_public_key`. Issue 8 adds 'pedersen'. */
export type TrusteeKindName = 'single';

/** One trustee of an election, public key only; `position` is the order they were added. */
@Entity('trustee')
export class TrusteeEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: TrusteeKindName;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The Belenios `trustee_public_key` {pok, public_key} in its canonical serialisation. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @DateTimeColumn({ name: 'added_at' })
  addedAt!: Date;

  @Column({ name: 'added_by', type: 'varchar', length: 36, nullable: true })
  addedBy!: string | null;
}
