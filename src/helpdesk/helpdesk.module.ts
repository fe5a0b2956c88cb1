import { Module } from '@nestjs/common';
import { ElectionsModule } from 'src/elections/elections.module';
import { HelpdeskController } from 'src/helpdesk/helpdesk.controller';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { RollModule } from 'src/roll/roll.module';

@Module({
  imports: [ElectionsModule, RollModule, PacksModule, PrecedenceModule],
  controllers: [HelpdeskController],
})
export class HelpdeskModule {}
