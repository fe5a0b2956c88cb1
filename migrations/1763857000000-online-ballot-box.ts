import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class OnlineBallotBox1763857000000 implements MigrationInterface {
  name = 'OnlineBallotBox1763857000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    // `kind` is 'single' for now; the key ceremony (issue 8) adds Pedersen rows beside them.
    await q.createTable(
      new Table({
        name: 'trustee',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'public_key', type: 'text' },
          { name: 'added_at', type: t.dateTime },
          { name: 'added_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    // The credential list itself is not stored (1.6M rows): it is regenerated from the packs and
    // checked against this hash.
    await q.createTable(
      new Table({
        name: 'ballot_box_setup',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_raw', type: 'text' },
          { name: 'trustees_raw', type: 'text' },
          { name: 'credentials_sha256', type: 'varchar', length: '64' },
          { name: 'credentials', type: 'integer' },
          { name: 'weighted', type: 'boolean' },
          { name: 'spares_from', type: 'integer', isNullable: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'created_at', type: t.dateTime },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'online_ballot',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'tracker', type: 'varchar', length: '64' },
          { name: 'public_credential', type: 'varchar', length: '64' },
          { name: 'raw', type: 'text' },
          { name: 'received_at', type: t.dateTime },
          { name: 'status', type: 'varchar', length: '12' },
        ],
        indices: [
          { name: 'uq_online_ballot_tracker', columnNames: ['election_id', 'tracker'], isUnique: true },
          { name: 'ix_online_ballot_credential', columnNames: ['election_id', 'public_credential'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('online_ballot');
    await q.dropTable('ballot_box_setup');
    await q.dropTable('trustee');
  }
}
