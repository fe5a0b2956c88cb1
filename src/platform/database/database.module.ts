import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { buildDataSourceOptions } from 'src/platform/database/data-source-options';
import { runMigrations } from 'src/platform/database/migrate';
import { Transactions } from 'src/platform/database/transactions';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.database), autoLoadEntities: true }),
      // Every process migrates at start-up (serialised by an advisory lock on PostgreSQL).
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        await runMigrations(ds);
        return ds;
      },
    }),
  ],
  providers: [Transactions],
  exports: [Transactions],
})
export class DatabaseModule {}
