// Migrations in the order they apply. They use TypeORM's schema builder (not raw SQL) so the
// same migration runs on PostgreSQL and on the embedded SQLite file.
import { CreateJobTable1760000000000 } from 'migrations/1760000000000-create-job-table';

export const MIGRATIONS: Array<new () => object> = [CreateJobTable1760000000000];
