import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/** The member's last refused attempt, so the helpdesk can say "your return arrived late". */
export class ParticipationRejections1763856700000 implements MigrationInterface {
  name = 'ParticipationRejections1763856700000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.addColumns('participation', [
      new TableColumn({ name: 'last_refused', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'last_refused_channel', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'last_refused_at', type: t.dateTime, isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('participation', ['last_refused', 'last_refused_channel', 'last_refused_at']);
  }
}
