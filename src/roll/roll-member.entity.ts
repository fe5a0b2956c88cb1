import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';
import { ChannelRestriction, MemberStatus } from 'src/roll/roll.types';

/** One member in one roll version (`importId`); the election's roll is its committed version. */
@Entity('roll_member')
export class RollMemberEntity {
  @PrimaryColumn({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  /** The line of the file the member came from; members added later come after the last line. */
  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ name: 'member_number', type: 'varchar', length: 64 })
  memberNumber!: string;

  @Column({ name: 'given_names', type: 'varchar', length: 200 })
  givenNames!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 200 })
  familyName!: string;

  /** Family name folded for search (lower case, accents removed). */
  @Column({ name: 'family_key', type: 'varchar', length: 200 })
  familyKey!: string;

  @Column({ name: 'address_line_1', type: 'varchar', length: 200 })
  addressLine1!: string;

  @Column({ name: 'address_line_2', type: 'varchar', length: 200, nullable: true })
  addressLine2!: string | null;

  @Column({ name: 'address_line_3', type: 'varchar', length: 200, nullable: true })
  addressLine3!: string | null;

  @Column({ name: 'address_line_4', type: 'varchar', length: 200, nullable: true })
  addressLine4!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  postcode!: string | null;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'date_of_birth', type: 'varchar', length: 10 })
  dateOfBirth!: string;

  @Column({ type: 'integer' })
  weight!: number;

  @Column({ type: 'boolean' })
  eligible!: boolean;

  @Column({ type: 'varchar', length: 16 })
  channel!: ChannelRestriction;

  @Column({ type: 'varchar', length: 16 })
  status!: MemberStatus;

  @DateTimeColumn({ name: 'amended_at', nullable: true })
  amendedAt!: Date | null;
}
