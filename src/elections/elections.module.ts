import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsController } from 'src/elections/elections.controller';
import { ElectionsRepository } from 'src/elections/elections.repository';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { EventsModule } from 'src/events/events.module';

@Module({
  imports: [TypeOrmModule.forFeature([ElectionEntity]), EventsModule],
  controllers: [ElectionsController],
  providers: [ElectionsRepository, ElectionsService, LifecycleChecks],
  exports: [ElectionsService, LifecycleChecks],
})
export class ElectionsModule {}
