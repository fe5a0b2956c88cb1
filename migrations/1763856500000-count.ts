import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Count1763856500000 implements MigrationInterface {
  name = 'Count1763856500000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'count_batch',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'label', type: 'varchar', length: '100' },
          { name: 'envelopes_opened', type: 'integer', isNullable: true },
          { name: 'double_keying', type: 'boolean' },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.dateTime },
          { name: 'closed_at', type: t.dateTime, isNullable: true },
          { name: 'mismatch_reason', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'ix_count_batch_election', columnNames: ['election_id', 'created_at'] }],
      }),
    );
    // No time, operator or paper columns: see CvrEntity.
    await q.createTable(
      new Table({
        name: 'cvr',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'batch_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'choices', type: t.json, isNullable: true },
          { name: 'invalid_reason', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [{ name: 'ix_cvr_batch', columnNames: ['election_id', 'batch_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'count_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'batch_id', type: 'varchar', length: '36' },
          { name: 'group_id', type: 'varchar', length: '36' },
          { name: 'paper_hash', type: 'varchar', length: '64' },
          { name: 'round', type: 'integer' },
          { name: 'operator_id', type: 'varchar', length: '36' },
          { name: 'keyed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'choices', type: t.json, isNullable: true },
          { name: 'invalid_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'status', type: 'varchar', length: '12' },
        ],
        indices: [
          { name: 'uq_count_entry_round', columnNames: ['election_id', 'paper_hash', 'round'], isUnique: true },
          { name: 'ix_count_entry_batch', columnNames: ['batch_id', 'status'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['count_entry', 'cvr', 'count_batch']) await q.dropTable(table);
  }
}
