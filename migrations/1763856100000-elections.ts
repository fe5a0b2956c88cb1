import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Elections1763856100000 implements MigrationInterface {
  name = 'Elections1763856100000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'election',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'belenios_uuid', type: 'varchar', length: '32', isUnique: true },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'description', type: 'text' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'questions', type: t.json },
          { name: 'channels', type: t.json },
          { name: 'precedence_policy', type: 'varchar', length: '32' },
          { name: 'online_revoting', type: 'boolean' },
          { name: 'second_factor', type: 'varchar', length: '20' },
          { name: 'timeline', type: t.json },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.dateTime },
          { name: 'updated_at', type: t.dateTime },
          { name: 'version', type: 'integer' },
        ],
        indices: [{ name: 'ix_election_status', columnNames: ['status'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('election');
  }
}
