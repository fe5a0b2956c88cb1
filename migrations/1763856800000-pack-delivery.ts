import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class PackDelivery1763856800000 implements MigrationInterface {
  name = 'PackDelivery1763856800000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'pack_delivery',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'serial', type: 'integer', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '8' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          { name: 'detail', type: 'varchar', length: '300', isNullable: true },
          { name: 'message_id', type: 'varchar', length: '200', isNullable: true },
          { name: 'updated_at', type: t.dateTime },
        ],
        indices: [{ name: 'ix_pack_delivery_state', columnNames: ['election_id', 'state'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pack_delivery');
  }
}
