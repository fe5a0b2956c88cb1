import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Foundation1763856000000 implements MigrationInterface {
  name = 'Foundation1763856000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'chain', type: 'varchar', length: '80' },
          { name: 'seq', type: 'integer' },
          { name: 'election_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'type', type: 'varchar', length: '80' },
          { name: 'actor_kind', type: 'varchar', length: '16' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '32', isNullable: true },
          { name: 'occurred_at', type: t.dateTime },
          { name: 'data', type: t.json },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [
          { name: 'uq_event_chain_seq', columnNames: ['chain', 'seq'], isUnique: true },
          { name: 'ix_event_election', columnNames: ['election_id', 'id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_chain_head',
        columns: [
          { name: 'chain', type: 'varchar', length: '80', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'display_name', type: 'varchar', length: '120' },
          { name: 'role', type: 'varchar', length: '32' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'disabled', type: 'boolean', default: false },
          { name: 'created_at', type: t.dateTime },
          { name: 'last_login_at', type: t.dateTime, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_session',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'staff_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: t.dateTime },
          { name: 'expires_at', type: t.dateTime },
          { name: 'revoked_at', type: t.dateTime, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['staff_id'], referencedTableName: 'staff', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_staff_session_staff', columnNames: ['staff_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'window_start', type: t.dateTime },
          { name: 'failures', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['login_throttle', 'staff_session', 'staff', 'event_chain_head', 'event']) await q.dropTable(table);
  }
}
