import { DynamicModule, Module } from '@nestjs/common';
import { AdjudicationPageModule } from 'src/adjudication-page/adjudication-page.module';
import { ConsoleModule } from 'src/admin-console/console.module';
import { AuthModule } from 'src/auth/auth.module';
import { BallotBoxModule } from 'src/ballot-box/ballot-box.module';
import { BoothPageModule } from 'src/booth-page/booth-page.module';
import { CountModule } from 'src/count/count.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { HelpdeskModule } from 'src/helpdesk/helpdesk.module';
import { IntakeModule } from 'src/intake/intake.module';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { EventsModule } from 'src/events/events.module';
import { IntakePageModule } from 'src/intake-page/intake-page.module';
import { AppConfig, loadConfig } from 'src/platform/config/app-config';
import { ConfigModule } from 'src/platform/config/config.module';
import { DatabaseModule } from 'src/platform/database/database.module';
import { HealthModule } from 'src/platform/health/health.module';
import { MailModule } from 'src/platform/mail/mail.module';
import { QueueTuning } from 'src/platform/queue/queue-options';
import { QueueModule } from 'src/platform/queue/queue.module';
import { ReconciliationModule } from 'src/reconciliation/reconciliation.module';
import { RecordModule } from 'src/record/record.module';
import { ResultsPageModule } from 'src/results-page/results-page.module';
import { RollModule } from 'src/roll/roll.module';
import { ScanModule } from 'src/scan/scan.module';
import { TallyModule } from 'src/tally/tally.module';
import { TrusteesModule } from 'src/trustees/trustees.module';
import { TrusteePageModule } from 'src/trustee-page/trustee-page.module';
import { VoterModule } from 'src/voter/voter.module';

/** Composition only. */
@Module({})
export class AppModule {
  /** `queue`: tuning of the job queue (the command line passes `runOnBootstrap: false`). */
  static forRoot(config: AppConfig = loadConfig(), queue: Partial<QueueTuning> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule.forRoot(config, queue),
        HealthModule,
        MailModule,
        EventsModule,
        AuthModule,
        ElectionsModule,
        PrecedenceModule,
        PacksModule,
        RollModule,
        IntakeModule,
        IntakePageModule,
        BoothPageModule,
        HelpdeskModule,
        CountModule,
        ScanModule,
        AdjudicationPageModule,
        ConsoleModule,
        TrusteesModule,
        TrusteePageModule,
        BallotBoxModule,
        VoterModule,
        TallyModule,
        RecordModule,
        ReconciliationModule,
        ResultsPageModule,
      ],
    };
  }
}
