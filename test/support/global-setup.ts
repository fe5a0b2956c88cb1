// Loaded by jest globalSetup, outside moduleNameMapper: relative imports only.
import { Client } from 'pg';
import { databaseKindFromEnv } from '../../src/platform/database/database-kind';
import { TEST_DB_PREFIX, TEST_PG_ADMIN_URL } from './test-database';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBooth } = require('../../scripts/build-booth.js') as { buildBooth: (o: { quiet: boolean }) => Promise<unknown> };

/**
 * Builds the voter pages' crypto bundle from the current source (the booth pages serve it), then
 * fails fast with a clear message when PostgreSQL is down, and drops databases left by killed runs.
 */
export default async function globalSetup(): Promise<void> {
  await buildBooth({ quiet: true });
  if (databaseKindFromEnv() !== 'postgres') return;
  const c = new Client({ connectionString: TEST_PG_ADMIN_URL });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(`PostgreSQL tests need a server at ${TEST_PG_ADMIN_URL} (set TEST_DATABASE_URL): ${String(e)}`);
  }
  const { rows } = await c.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${TEST_DB_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  await c.end();
}
