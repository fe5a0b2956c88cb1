import { Foundation1763856000000 } from 'migrations/1763856000000-foundation';
import { Elections1763856100000 } from 'migrations/1763856100000-elections';
import { Roll1763856200000 } from 'migrations/1763856200000-roll';

// Migrations in the order they apply. They use TypeORM's schema builder (not raw SQL) so the
// same migration runs on PostgreSQL and on the embedded SQLite file.
export const MIGRATIONS: Array<new () => object> = [Foundation1763856000000, Elections1763856100000, Roll1763856200000];
