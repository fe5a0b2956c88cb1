import { Module } from '@nestjs/common';
import { NO_PUBLISHED_RESULTS, PUBLISHED_RESULT_READER } from 'src/results-page/published-result';
import { ResultsPageController } from 'src/results-page/results-page.controller';

// The reader is bound to the tally and record modules when they land (docs/TALLY.md); until then
// no election has a published result and every result address answers 404.
@Module({ controllers: [ResultsPageController], providers: [{ provide: PUBLISHED_RESULT_READER, useValue: NO_PUBLISHED_RESULTS }] })
export class ResultsPageModule {}
