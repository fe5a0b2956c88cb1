import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { IntakeController } from 'src/intake/intake.controller';
import { IntakeLifecycle } from 'src/intake/intake-lifecycle';
import { IntakeScanEntity, IntakeSessionEntity, IntakeStationEntity } from 'src/intake/intake.entities';
import { IntakeRepository } from 'src/intake/intake.repository';
import { IntakeService } from 'src/intake/intake.service';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { RollModule } from 'src/roll/roll.module';

@Module({
  imports: [TypeOrmModule.forFeature([IntakeStationEntity, IntakeSessionEntity, IntakeScanEntity]), ElectionsModule, EventsModule, PacksModule, PrecedenceModule, RollModule],
  controllers: [IntakeController],
  providers: [IntakeRepository, IntakeService, IntakeLifecycle],
  exports: [IntakeService],
})
export class IntakeModule {}
