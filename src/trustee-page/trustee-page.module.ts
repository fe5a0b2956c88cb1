import { Module } from '@nestjs/common';
import { ElectionsModule } from 'src/elections/elections.module';
import { TrusteePageController } from 'src/trustee-page/trustee-page.controller';

@Module({ imports: [ElectionsModule], controllers: [TrusteePageController] })
export class TrusteePageModule {}
