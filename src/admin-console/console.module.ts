import { Module } from '@nestjs/common';
import { ConsoleController } from 'src/admin-console/console.controller';
import { ConsolePages } from 'src/admin-console/console-pages';
import { ConsoleSession } from 'src/admin-console/console-session';
import { ElectionEditorController } from 'src/admin-console/election-editor.controller';
import { PacksScreenController } from 'src/admin-console/packs-screen.controller';
import { RollScreenController } from 'src/admin-console/roll-screen.controller';
import { TrusteesScreenController } from 'src/admin-console/trustees-screen.controller';
import { AuthModule } from 'src/auth/auth.module';
import { CountModule } from 'src/count/count.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { IntakeModule } from 'src/intake/intake.module';
import { PacksModule } from 'src/packs/packs.module';
import { ReconciliationModule } from 'src/reconciliation/reconciliation.module';
import { RecordModule } from 'src/record/record.module';
import { RollModule } from 'src/roll/roll.module';
import { TallyModule } from 'src/tally/tally.module';
import { TrusteesModule } from 'src/trustees/trustees.module';

@Module({
  imports: [AuthModule, ElectionsModule, EventsModule, ReconciliationModule, IntakeModule, CountModule, TallyModule, RecordModule, RollModule, TrusteesModule, PacksModule],
  // The editor first: its /admin/elections/new must not be taken for an election id.
  controllers: [ElectionEditorController, ConsoleController, RollScreenController, TrusteesScreenController, PacksScreenController],
  providers: [ConsoleSession, ConsolePages],
})
export class ConsoleModule {}
