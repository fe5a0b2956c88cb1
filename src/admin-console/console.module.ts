import { Module } from '@nestjs/common';
import { ConsoleController } from 'src/admin-console/console.controller';
import { ConsolePages } from 'src/admin-console/console-pages';
import { ConsoleSession } from 'src/admin-console/console-session';
import { ElectionEditorController } from 'src/admin-console/election-editor.controller';
import { AuthModule } from 'src/auth/auth.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';

@Module({
  imports: [AuthModule, ElectionsModule, EventsModule],
  // The editor first: its /admin/elections/new must not be taken for an election id.
  controllers: [ElectionEditorController, ConsoleController],
  providers: [ConsoleSession, ConsolePages],
})
export class ConsoleModule {}
