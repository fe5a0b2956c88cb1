// Imported first by bench/tally.ts: entity decorators read the database kind from the
// environment at load time (src/platform/database/database-kind.ts), so `--db sqlite|postgres`
// is read from the command line before any entity is imported. Default: PostgreSQL.
const i = process.argv.indexOf('--db');
export const BENCH_DB = i >= 0 ? process.argv[i + 1] : 'postgres';
if (BENCH_DB !== 'postgres' && BENCH_DB !== 'sqlite') throw new Error(`--db must be sqlite or postgres, not ${BENCH_DB}`);
process.env.DB = BENCH_DB;
// (bench/intake.ts, imported for its helpers, sets DB=postgres again after the entities are loaded:
// read the choice from BENCH_DB.)
