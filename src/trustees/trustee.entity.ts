import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';

/**
 * 'single': one key holder with a Belenios `trustee_public_key`; 'pedersen': a threshold group
 * (k of n members), its `threshold_parameters` in `public_key`.
 */
export type TrusteeKindName = 'single' | 'pedersen';

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

  /** The Belenios `trustee_public_key` (single) or `threshold_parameters` (pedersen), canonical. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @DateTimeColumn({ name: 'added_at' })
  addedAt!: Date;

  @Column({ name: 'added_by', type: 'varchar', length: 36, nullable: true })
  addedBy!: string | null;
}
