import { Module } from '@nestjs/common';
import { IntakePageController } from 'src/intake-page/intake-page.controller';

@Module({ controllers: [IntakePageController] })
export class IntakePageModule {}
