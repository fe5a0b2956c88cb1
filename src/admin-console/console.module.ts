import { Module } from '@nestjs/common';
import { ConsoleController } from 'src/admin-console/console.controller';
import { ConsoleSession } from 'src/admin-console/console-session';
import { AuthModule } from 'src/auth/auth.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';

@Module({
  imports: [AuthModule, ElectionsModule, EventsModule],
  controllers: [ConsoleController],
  providers: [ConsoleSession],
})
export class ConsoleModule {}
