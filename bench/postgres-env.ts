// Imported first by benchmarks that run on PostgreSQL: entity decorators read the database
// kind from the environment at load time (src/platform/database/database-kind.ts).
process.env.DB = 'postgres';
