import { Module } from '@nestjs/common';
import { BoothPageController } from 'src/booth-page/booth-page.controller';
import { ElectionsModule } from 'src/elections/elections.module';

@Module({ imports: [ElectionsModule], controllers: [BoothPageController] })
export class BoothPageModule {}
