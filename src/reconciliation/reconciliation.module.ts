import { Module } from '@nestjs/common';
import { BallotBoxModule } from 'src/ballot-box/ballot-box.module';
import { CountModule } from 'src/count/count.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { IntakeModule } from 'src/intake/intake.module';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { ReconciliationController } from 'src/reconciliation/reconciliation.controller';
import { ReconciliationService } from 'src/reconciliation/reconciliation.service';
import { RollModule } from 'src/roll/roll.module';

@Module({
  imports: [ElectionsModule, RollModule, PacksModule, IntakeModule, PrecedenceModule, CountModule, BallotBoxModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
