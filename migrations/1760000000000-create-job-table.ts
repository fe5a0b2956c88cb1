import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from 'src/platform/database/columns';

/** Jobs of the in-process queue driver (the BullMQ driver keeps its jobs in Redis). */
export class CreateJobTable1760000000000 implements MigrationInterface {
  name = 'CreateJobTable1760000000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q.connection.options.type);
    await q.createTable(
      new Table({
        name: 'job',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'idempotency_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'payload', type: t.json },
          { name: 'state', type: 'varchar', length: '16' },
          // Runs started, counted when a run is claimed, so a run cut short by a crash counts.
          { name: 'attempts_made', type: 'integer', default: 0 },
          { name: 'max_attempts', type: 'integer' },
          { name: 'backoff_ms', type: 'integer' },
          { name: 'progress', type: t.json, isNullable: true },
          { name: 'result', type: t.json, isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'run_after', type: t.dateTime },
          // Fencing token of the current run: a run that lost its lease cannot write its outcome.
          { name: 'lease_token', type: 'varchar', length: '36', isNullable: true },
          { name: 'lease_expires_at', type: t.dateTime, isNullable: true },
          { name: 'created_at', type: t.dateTime },
          { name: 'finished_at', type: t.dateTime, isNullable: true },
        ],
        uniques: [{ name: 'uq_job_name_idempotency_key', columnNames: ['name', 'idempotency_key'] }],
      }),
    );
    await q.createIndex('job', new TableIndex({ name: 'ix_job_due', columnNames: ['state', 'name', 'run_after'] }));
    await q.createIndex('job', new TableIndex({ name: 'ix_job_lease', columnNames: ['state', 'lease_expires_at'] }));
    await q.createIndex('job', new TableIndex({ name: 'ix_job_finished', columnNames: ['state', 'finished_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job');
  }
}
