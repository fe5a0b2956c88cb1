import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Packs1763856400000 implements MigrationInterface {
  name = 'Packs1763856400000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'pack',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'serial', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'member_number', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '8' },
          { name: 'delivery', type: 'varchar', length: '8', isNullable: true },
          { name: 'batch', type: 'integer', isNullable: true },
          { name: 'sequence', type: 'integer', isNullable: true },
          { name: 'public_credential', type: 'varchar', length: '64' },
          { name: 'voting_id_hash', type: 'varchar', length: '64' },
          { name: 'voided_at', type: t.dateTime, isNullable: true },
        ],
        indices: [
          { name: 'uq_pack_credential', columnNames: ['election_id', 'public_credential'], isUnique: true },
          { name: 'uq_pack_voting_id', columnNames: ['election_id', 'voting_id_hash'], isUnique: true },
          { name: 'ix_pack_member', columnNames: ['election_id', 'member_number'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pack_setup',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_code', type: 'varchar', length: '4', isUnique: true },
          { name: 'mac_key', type: 'varchar', length: '64' },
          { name: 'template', type: 'varchar', length: '64' },
          { name: 'language', type: 'varchar', length: '8' },
          { name: 'members', type: 'integer' },
          { name: 'spares', type: 'integer' },
          { name: 'batches', type: 'integer' },
          { name: 'geometry', type: t.json },
          { name: 'checksums', type: t.json },
          { name: 'created_at', type: t.dateTime },
          { name: 'completed_at', type: t.dateTime, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'paper',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'paper_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'used', type: 'boolean', default: false },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['paper', 'pack_setup', 'pack']) await q.dropTable(table);
  }
}
