import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

export class Intake1763856600000 implements MigrationInterface {
  name = 'Intake1763856600000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    // Tray counters live per station, not per session: a station's next session goes on
    // filling the trays already on its desk instead of starting a second "D2-A01".
    await q.createTable(
      new Table({
        name: 'intake_station',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'station', type: 'varchar', length: '16', isPrimary: true },
          { name: 'tray_capacity', type: 'integer' },
          { name: 'trays', type: t.json },
          { name: 'open_session_id', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'intake_session',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'station', type: 'varchar', length: '16' },
          { name: 'opened_by', type: 'varchar', length: '36' },
          { name: 'scans', type: 'integer' },
          { name: 'opened_at', type: t.dateTime },
          { name: 'closed_at', type: t.dateTime, isNullable: true },
        ],
        indices: [{ name: 'ix_intake_session_election', columnNames: ['election_id', 'opened_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'intake_scan',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'scan_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '36' },
          { name: 'seq', type: 'integer' },
          { name: 'entry', type: 'varchar', length: '8' },
          { name: 'code', type: 'varchar', length: '25', isNullable: true },
          { name: 'pack_serial', type: 'integer', isNullable: true },
          { name: 'member_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'verdict', type: 'varchar', length: '8' },
          { name: 'reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'message', type: 'varchar', length: '300' },
          { name: 'tray', type: 'varchar', length: '24' },
          { name: 'position', type: 'integer' },
          { name: 'decision_no', type: 'integer', isNullable: true },
          { name: 'state_change', type: t.json, isNullable: true },
          { name: 'first_scan', type: t.json, isNullable: true },
          { name: 'scan_day', type: 'varchar', length: '10' },
          { name: 'scanned_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'scanned_at', type: t.dateTime },
          { name: 'undone_at', type: t.dateTime, isNullable: true },
          { name: 'undone_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'undo_reason', type: 'varchar', length: '300', isNullable: true },
        ],
        indices: [
          { name: 'uq_intake_scan_session_seq', columnNames: ['session_id', 'seq'], isUnique: true },
          { name: 'ix_intake_scan_member', columnNames: ['election_id', 'member_id'] },
          { name: 'ix_intake_scan_day', columnNames: ['election_id', 'scan_day'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('intake_scan');
    await q.dropTable('intake_session');
    await q.dropTable('intake_station');
  }
}
