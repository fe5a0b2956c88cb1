import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/platform/config/app-config';
import { buildDataSourceOptions } from 'src/platform/database/data-source-options';
import { runMigrations } from 'src/platform/database/migrate';

export function registerMigrationCommand(program: Command): void {
  program
    .command('migration')
    .description('Database schema')
    .command('run')
    .description('Apply pending migrations to the configured database (also done at every start-up)')
    .action(async () => {
      const config = loadConfig();
      const ds = await new DataSource(buildDataSourceOptions(config.database)).initialize();
      try {
        const applied = await runMigrations(ds);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
      } finally {
        await ds.destroy();
      }
    });
}
