import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { ParticipationRepository } from 'src/precedence/participation.repository';
import { PrecedenceService } from 'src/precedence/precedence.service';

@Module({
  imports: [TypeOrmModule.forFeature([ParticipationEntity]), ElectionsModule, EventsModule],
  providers: [ParticipationRepository, PrecedenceService],
  exports: [PrecedenceService],
})
export class PrecedenceModule {}
