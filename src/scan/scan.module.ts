import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module';
import { CountModule } from 'src/count/count.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { PacksModule } from 'src/packs/packs.module';
import { AdjudicationService } from 'src/scan/adjudication.service';
import { ScanBodyMiddleware } from 'src/scan/scan-body.middleware';
import { ScanController } from 'src/scan/scan.controller';
import { ScanIntakeService } from 'src/scan/scan-intake.service';
import { ScanPagesModule } from 'src/scan/scan-pages.module';
import { SCAN_READER, scanReader } from 'src/scan/scan-reader';
import { ScanSettingsService } from 'src/scan/scan-settings.service';
import { ScanStore } from 'src/scan/scan-store';

/** Scanned ballot papers into count batches, and their adjudication (docs/SCANNING.md). */
@Module({
  imports: [AuthModule, CountModule, ScanPagesModule, ElectionsModule, EventsModule, PacksModule],
  controllers: [ScanController],
  providers: [ScanIntakeService, AdjudicationService, ScanSettingsService, ScanStore, { provide: SCAN_READER, useValue: scanReader }],
})
export class ScanModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ScanBodyMiddleware).forRoutes({ path: 'elections/:electionId/count/batches/:batchId/scans', method: RequestMethod.POST });
  }
}
