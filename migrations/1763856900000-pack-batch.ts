import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/** One row per print batch: the print run is split into one job per batch (docs/QUEUE.md). */
export class PackBatch1763856900000 implements MigrationInterface {
  name = 'PackBatch1763856900000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'pack_batch',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'batch', type: 'integer', isPrimary: true },
          { name: 'packs', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'manifest', type: 'text', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'error', type: 'varchar', length: '300', isNullable: true },
          { name: 'started_at', type: t.dateTime, isNullable: true },
          { name: 'rendered_at', type: t.dateTime, isNullable: true },
          { name: 'rendered_by', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pack_batch');
  }
}
