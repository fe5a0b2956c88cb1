import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';

export type FieldChange = { from: unknown; to: unknown };

/**
 * The private audit trail of amendments with before and after values. The public event log
 * records the same amendment by id, member number, changed field names and reason only: it is
 * published, and addresses and dates of birth must not be.
 */
@Entity('roll_amendment')
export class RollAmendmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @Column({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @Column({ name: 'member_number', type: 'varchar', length: 64 })
  memberNumber!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'added' | 'changed';

  @JsonColumn()
  changes!: Record<string, FieldChange>;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'staff_id', type: 'varchar', length: 36, nullable: true })
  staffId!: string | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;
}
