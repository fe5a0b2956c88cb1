import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/** The state of each election's published record (the files live under DATA_DIR/records). */
export class ElectionRecord1763857700000 implements MigrationInterface {
  name = 'ElectionRecord1763857700000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'election_record',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'manifest_sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'zip_bytes', type: t.bigint, isNullable: true },
          { name: 'error', type: 'varchar', length: '300', isNullable: true },
          { name: 'built_at', type: t.dateTime, isNullable: true },
          { name: 'requests', type: 'integer', default: 0 },
          { name: 'job_key', type: 'varchar', length: '200', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'election', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('election_record');
  }
}
