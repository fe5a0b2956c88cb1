import { Module } from '@nestjs/common';
import { AdjudicationPageController } from 'src/adjudication-page/adjudication-page.controller';

@Module({ controllers: [AdjudicationPageController] })
export class AdjudicationPageModule {}
