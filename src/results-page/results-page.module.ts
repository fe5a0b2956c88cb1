import { Module } from '@nestjs/common';
import { ElectionsModule } from 'src/elections/elections.module';
import { RecordModule } from 'src/record/record.module';
import { PUBLISHED_RESULT_READER } from 'src/results-page/published-result';
import { RecordResultReader } from 'src/results-page/record-result.reader';
import { ResultsPageController } from 'src/results-page/results-page.controller';
import { TallyModule } from 'src/tally/tally.module';

@Module({
  imports: [ElectionsModule, RecordModule, TallyModule],
  controllers: [ResultsPageController],
  providers: [{ provide: PUBLISHED_RESULT_READER, useClass: RecordResultReader }],
})
export class ResultsPageModule {}
