import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountBatchesService } from 'src/count/count-batches.service';
import { CountController } from 'src/count/count.controller';
import { CountBatchEntity, CountEntryEntity, CvrEntity } from 'src/count/count.entities';
import { CountRepository } from 'src/count/count.repository';
import { KeyedEntryService } from 'src/count/keyed-entry.service';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { PacksModule } from 'src/packs/packs.module';

@Module({
  imports: [TypeOrmModule.forFeature([CountBatchEntity, CvrEntity, CountEntryEntity]), ElectionsModule, EventsModule, PacksModule],
  controllers: [CountController],
  providers: [CountRepository, CountBatchesService, KeyedEntryService],
})
export class CountModule {}
