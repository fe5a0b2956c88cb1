import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from 'src/platform/config/app-config';
import { MIGRATIONS } from 'migrations/index';

export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (db.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      extra: { max: db.poolSize },
      applicationName: 'hybrid-ballot',
    };
  }
  fs.mkdirSync(path.dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: true,
    prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
      conn.pragma('busy_timeout = 10000');
      conn.pragma('foreign_keys = ON');
      conn.pragma('synchronous = NORMAL');
    },
  };
}
