import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { ElectionRecordEntity } from 'src/record/election-record.entity';
import { PublishedOrStaffGuard } from 'src/record/published-or-staff.guard';
import { RecordBuilder } from 'src/record/record-builder';
import { RecordController } from 'src/record/record.controller';
import { RecordRepository } from 'src/record/record.repository';
import { RecordService } from 'src/record/record.service';
import { TALLY_OUTCOME } from 'src/record/tally-outcome';
import { TallyModule } from 'src/tally/tally.module';
import { TallyOutcomeService } from 'src/tally/tally-outcome.service';

/**
 * The published election record (docs/RECORD.md). The tally's outcome comes in through the
 * TALLY_OUTCOME port (src/record/tally-outcome.ts), bound here to the tally module's service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ElectionRecordEntity]), AuthModule, ElectionsModule, PrecedenceModule, TallyModule],
  controllers: [RecordController],
  providers: [RecordRepository, RecordBuilder, RecordService, PublishedOrStaffGuard, { provide: TALLY_OUTCOME, useExisting: TallyOutcomeService }],
  exports: [RecordService],
})
export class RecordModule {}
