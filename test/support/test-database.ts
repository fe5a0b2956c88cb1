// Loaded by jest globalSetup, outside moduleNameMapper: relative imports only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DatabaseConfig } from '../../src/platform/config/app-config';
import { databaseKindFromEnv } from '../../src/platform/database/database-kind';

export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_DB_PREFIX = 'hb_t_';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty database for one test file: a new PostgreSQL database or a temp SQLite file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  if (databaseKindFromEnv() === 'postgres') {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      config: { kind: 'postgres', url: withDatabase(TEST_PG_ADMIN_URL, name), poolSize: 10 },
      drop: async () => {
        const c = new Client({ connectionString: TEST_PG_ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-test-'));
  return {
    config: { kind: 'sqlite', path: path.join(dir, `${name}.sqlite`) },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
