import { Module } from '@nestjs/common';
import { ConsoleController } from 'src/admin-console/console.controller';
import { ConsoleSession } from 'src/admin-console/console-session';
import { AuthModule } from 'src/auth/auth.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { CountModule } from 'src/count/count.module';
import { IntakeModule } from 'src/intake/intake.module';
import { ReconciliationModule } from 'src/reconciliation/reconciliation.module';
import { RecordModule } from 'src/record/record.module';
import { TallyModule } from 'src/tally/tally.module';

@Module({
  imports: [AuthModule, ElectionsModule, EventsModule, ReconciliationModule, IntakeModule, CountModule, TallyModule, RecordModule],
  controllers: [ConsoleController],
  providers: [ConsoleSession],
})
export class ConsoleModule {}
