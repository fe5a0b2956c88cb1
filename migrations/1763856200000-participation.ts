import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Participation1763856200000 implements MigrationInterface {
  name = 'Participation1763856200000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'participation',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'member_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'online_state', type: 'varchar', length: '16' },
          { name: 'online_ballots', type: 'integer' },
          { name: 'envelope_state', type: 'varchar', length: '16' },
          { name: 'decisions', type: 'integer' },
          { name: 'updated_at', type: t.dateTime },
        ],
        indices: [{ name: 'ix_participation_envelope', columnNames: ['election_id', 'envelope_state'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('participation');
  }
}
