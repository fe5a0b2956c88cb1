import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class VoterSession1763857500000 implements MigrationInterface {
  name = 'VoterSession1763857500000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'voter_session',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'serial', type: 'integer' },
          { name: 'member_number', type: 'varchar', length: '64' },
          { name: 'created_at', type: t.dateTime },
          { name: 'expires_at', type: t.dateTime },
          { name: 'ended_at', type: t.dateTime, isNullable: true },
        ],
        indices: [{ name: 'ix_voter_session_expiry', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('voter_session');
  }
}
