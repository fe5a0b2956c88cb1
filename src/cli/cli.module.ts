import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module';
import { EventsModule } from 'src/events/events.module';
import { AppConfig } from 'src/platform/config/app-config';
import { ConfigModule } from 'src/platform/config/config.module';
import { DatabaseModule } from 'src/platform/database/database.module';

/** What CLI commands need: the data layer and services, no HTTP server and no job dispatcher. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, EventsModule, AuthModule] };
  }
}
