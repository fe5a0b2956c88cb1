import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { Channels, ElectionStatus, PrecedencePolicy, Question, SecondFactor, Timeline } from 'src/elections/election.types';
import { DateTimeColumn, JsonColumn } from 'src/platform/database/columns';

@Entity('election')
export class ElectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The Belenios election uuid (base58), fixed at creation; it is in every ballot and proof. */
  @Column({ name: 'belenios_uuid', type: 'varchar', length: 32, unique: true })
  beleniosUuid!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ElectionStatus;

  @JsonColumn()
  questions!: Question[];

  @JsonColumn()
  channels!: Channels;

  @Column({ name: 'precedence_policy', type: 'varchar', length: 32 })
  precedencePolicy!: PrecedencePolicy;

  @Column({ name: 'online_revoting', type: 'boolean' })
  onlineRevoting!: boolean;

  @Column({ name: 'second_factor', type: 'varchar', length: 20 })
  secondFactor!: SecondFactor;

  @JsonColumn()
  timeline!: Timeline;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'updated_at' })
  updatedAt!: Date;

  /** Incremented on every change; a stale `version` in an edit is refused instead of overwriting. */
  @VersionColumn()
  version!: number;
}
