// Column types differ between PostgreSQL and SQLite, and TypeORM reads them when entity
// decorators run, i.e. at import time — before any config object exists. The kind is therefore
// decided from the same environment the config reads (DB is set by the test scripts).
export type DatabaseKind = 'postgres' | 'sqlite';

export function databaseKindFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
  if (env.DB === 'postgres' || env.DB === 'sqlite') return env.DB;
  return env.DATABASE_URL || env.DATABASE_URL_FILE ? 'postgres' : 'sqlite';
}

export const DATABASE_KIND: DatabaseKind = databaseKindFromEnv();
