// Imported first by bench/tally.ts: entity decorators read the database kind from the
// environment at load time (src/platform/database/database-kind.ts), so `--db sqlite|postgres`
// is read from the command line before any entity is imported. Default: PostgreSQL.
const i = process.argv.indexOf('--db');
const db = i >= 0 ? process.argv[i + 1] : 'postgres';
if (db !== 'postgres' && db !== 'sqlite') throw new Error(`--db must be sqlite or postgres, not ${db}`);
process.env.DB = db;
