import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/**
 * The end of an election (docs/TALLY.md): the encrypted tally and result of the online channel,
 * the merged result, and the trustees' partial decryptions. Raw texts are kept byte for byte:
 * they are the data files of the published .bel.
 */
export class Tally1763858000000 implements MigrationInterface {
  name = 'Tally1763858000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'tally',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'archive_timestamp', type: 'bigint' },
          { name: 'encrypted_tally', type: 'text', isNullable: true },
          { name: 'num_tallied', type: 'integer', isNullable: true },
          { name: 'total_weight', type: 'varchar', length: '40', isNullable: true },
          { name: 'result', type: 'text', isNullable: true },
          { name: 'merged_result', type: 'text', isNullable: true },
          { name: 'created_at', type: t.dateTime },
          { name: 'computed_at', type: t.dateTime, isNullable: true },
          { name: 'result_at', type: t.dateTime, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'partial_decryption',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner', type: 'integer', isPrimary: true },
          { name: 'raw', type: 'text' },
          { name: 'received_at', type: t.dateTime },
          { name: 'received_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('partial_decryption');
    await q.dropTable('tally');
  }
}
