import { Module } from '@nestjs/common';
import { ConsoleController } from 'src/admin-console/console.controller';
import { ConsolePages } from 'src/admin-console/console-pages';
import { ConsoleSession } from 'src/admin-console/console-session';
import { PacksScreenController } from 'src/admin-console/packs-screen.controller';
import { AuthModule } from 'src/auth/auth.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { PacksModule } from 'src/packs/packs.module';

@Module({
  imports: [AuthModule, ElectionsModule, EventsModule, PacksModule],
  controllers: [ConsoleController, PacksScreenController],
  providers: [ConsoleSession, ConsolePages],
})
export class ConsoleModule {}
