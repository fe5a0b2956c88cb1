import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { DecisionReportRepository } from 'src/precedence/decision-report.repository';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { PrecedenceController } from 'src/precedence/precedence.controller';
import { ParticipationRepository } from 'src/precedence/participation.repository';
import { PrecedenceService } from 'src/precedence/precedence.service';

@Module({
  imports: [TypeOrmModule.forFeature([ParticipationEntity]), ElectionsModule, EventsModule],
  controllers: [PrecedenceController],
  providers: [ParticipationRepository, PrecedenceService, DecisionReportRepository],
  exports: [PrecedenceService],
})
export class PrecedenceModule {}
