import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The queue job of a batch's latest run: when a worker dies during the last attempt nothing is
 * left to record the failure on the batch, so the status asks the queue what became of that job.
 */
export class PackBatchJob1763857600000 implements MigrationInterface {
  name = 'PackBatchJob1763857600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('pack_batch', new TableColumn({ name: 'job_id', type: 'varchar', length: '200', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('pack_batch', 'job_id');
  }
}
