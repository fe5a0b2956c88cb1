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
import { UnboundTallyOutcome } from 'src/record/tally-outcome.unbound';

/**
 * The published election record (docs/RECORD.md). The tally's outcome comes in through the
 * TALLY_OUTCOME port (src/record/tally-outcome.ts), bound by whoever composes the application.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ElectionRecordEntity]), AuthModule, ElectionsModule, PrecedenceModule],
  controllers: [RecordController],
  providers: [RecordRepository, RecordBuilder, RecordService, PublishedOrStaffGuard, { provide: TALLY_OUTCOME, useClass: UnboundTallyOutcome }],
  exports: [RecordService],
})
export class RecordModule {}
