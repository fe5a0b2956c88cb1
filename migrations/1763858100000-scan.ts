import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/**
 * Scanned ballot papers (docs/SCANNING.md): each page read, what the machine made of it and
 * what a person decided. No upload time on a page (DESIGN.md §11): a CVR made from a scan names
 * only its image's hash, and nothing may order records by when they were made.
 */
export class Scan1763858100000 implements MigrationInterface {
  name = 'Scan1763858100000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'scan_page',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'election_id', type: 'varchar', length: '36' },
          { name: 'batch_id', type: 'varchar', length: '36' },
          { name: 'image_sha256', type: 'varchar', length: '64' },
          { name: 'image_page', type: 'integer' },
          { name: 'image_file', type: 'varchar', length: '200' },
          { name: 'mime', type: 'varchar', length: '32' },
          { name: 'paper_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'ballot_page', type: 'integer', isNullable: true },
          { name: 'reading', type: t.json },
          { name: 'thresholds', type: t.json },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'reasons', type: t.json },
          { name: 'proposed', type: t.json, isNullable: true },
          { name: 'decision', type: t.json, isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'decision_note', type: 'text', isNullable: true },
          { name: 'decided_at', type: t.dateTime, isNullable: true },
        ],
        indices: [
          { name: 'uq_scan_page_image', columnNames: ['election_id', 'image_sha256', 'image_page'], isUnique: true },
          { name: 'ix_scan_page_batch', columnNames: ['batch_id', 'status'] },
          { name: 'ix_scan_page_paper', columnNames: ['election_id', 'paper_hash'] },
        ],
      }),
    );
    await q.addColumns('cvr', [
      new TableColumn({ name: 'image_sha256', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'image_page', type: 'integer', isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'scan_settings',
        columns: [
          { name: 'election_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'empty_below', type: 'double precision' },
          { name: 'marked_from', type: 'double precision' },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'updated_at', type: t.dateTime },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('scan_settings');
    await q.dropColumn('cvr', 'image_page');
    await q.dropColumn('cvr', 'image_sha256');
    await q.dropTable('scan_page');
  }
}
