import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IssueCode, RollColumn } from 'src/roll/roll.types';

/** One line of an import's validation report. Holds no value from the file, only where and why. */
@Entity('roll_issue')
export class RollIssueEntity {
  @PrimaryColumn({ name: 'import_id', type: 'varchar', length: 36 })
  importId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'integer' })
  line!: number;

  @Column({ name: 'column_name', type: 'varchar', length: 32, nullable: true })
  column!: RollColumn | null;

  @Column({ type: 'varchar', length: 40 })
  code!: IssueCode;

  @Column({ type: 'varchar', length: 300 })
  message!: string;
}
