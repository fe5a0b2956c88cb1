import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/**
 * The member roll as versions: every upload is a `roll_import` whose validated rows land in
 * `roll_member` under its id, and committing makes it the election's current roll in one
 * step. See docs/ROLL.md for why (bulk load once, commit without rewriting millions of rows).
 */
export class Roll1763856300000 implements MigrationInterface {
  name = 'Roll1763856300000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'roll_import',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'base_import_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'file_sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'file_bytes', type: t.bigint, default: 0 },
          { name: 'rows', type: 'integer', default: 0 },
          { name: 'valid', type: 'integer', default: 0 },
          { name: 'invalid', type: 'integer', default: 0 },
          { name: 'duplicates', type: 'integer', default: 0 },
          { name: 'new_members', type: 'integer', default: 0 },
          { name: 'updated_members', type: 'integer', default: 0 },
          { name: 'unchanged_members', type: 'integer', default: 0 },
          { name: 'missing_members', type: 'integer', default: 0 },
          { name: 'issue_count', type: 'integer', default: 0 },
          { name: 'last_position', type: 'integer', default: 0 },
          { name: 'failure', type: 'varchar', length: '500', isNullable: true },
          { name: 'keep_missing', type: 'boolean', isNullable: true },
          { name: 'skipped_invalid', type: 'boolean', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.dateTime },
          { name: 'validated_at', type: t.dateTime, isNullable: true },
          { name: 'committed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'committed_at', type: t.dateTime, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'election', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'ix_roll_import_election', columnNames: ['election_id', 'created_at'] },
          // At most one current roll per election, whatever races between two commits.
          { name: 'uq_roll_import_current', columnNames: ['election_id'], isUnique: true, where: "status = 'committed'" },
        ],
      }),
    );
    // No foreign key to roll_import and no unique key on member numbers: both would slow the
    // bulk load (COPY) that fills this table, and a COPY aborts at the first duplicate, where we
    // want to report every duplicate line. The import pass removes duplicates before a version
    // can be committed, and amendments check under the election's lock.
    await q.createTable(
      new Table({
        name: 'roll_member',
        columns: [
          { name: 'import_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'member_number', type: 'varchar', length: '64' },
          { name: 'given_names', type: 'varchar', length: '200' },
          { name: 'family_name', type: 'varchar', length: '200' },
          { name: 'family_key', type: 'varchar', length: '200' },
          { name: 'address_line_1', type: 'varchar', length: '200' },
          { name: 'address_line_2', type: 'varchar', length: '200', isNullable: true },
          { name: 'address_line_3', type: 'varchar', length: '200', isNullable: true },
          { name: 'address_line_4', type: 'varchar', length: '200', isNullable: true },
          { name: 'postcode', type: 'varchar', length: '16', isNullable: true },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'date_of_birth', type: 'varchar', length: '10' },
          { name: 'weight', type: 'integer' },
          { name: 'eligible', type: 'boolean' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'amended_at', type: t.dateTime, isNullable: true },
        ],
        indices: [
          { name: 'ix_roll_member_number', columnNames: ['import_id', 'member_number'] },
          { name: 'ix_roll_member_family', columnNames: ['import_id', 'family_key'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'roll_issue',
        columns: [
          { name: 'import_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'line', type: 'integer' },
          { name: 'column_name', type: 'varchar', length: '32', isNullable: true },
          { name: 'code', type: 'varchar', length: '40' },
          { name: 'message', type: 'varchar', length: '300' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'roll_amendment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'import_id', type: 'varchar', length: '36' },
          { name: 'member_number', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'changes', type: t.json },
          { name: 'reason', type: 'varchar', length: '1000' },
          { name: 'staff_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.dateTime },
        ],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'election', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_roll_amendment_member', columnNames: ['election_id', 'member_number', 'created_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('roll_amendment');
    await q.dropTable('roll_issue');
    await q.dropTable('roll_member');
    await q.dropTable('roll_import');
  }
}
