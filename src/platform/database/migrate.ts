import { DataSource } from 'typeorm';

// Any number to identify our migration lock among other advisory locks on the server.
const MIGRATION_LOCK_KEY = 7_201_105;

/**
 * Runs pending migrations, each in its own transaction. On PostgreSQL an advisory lock makes
 * concurrent start-ups (several web and worker replicas) take turns instead of racing.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'postgres') {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
