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
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { ScanPagesModule } from 'src/scan/scan-pages.module';

@Module({
  imports: [TypeOrmModule.forFeature([CountBatchEntity, CvrEntity, CountEntryEntity]), ElectionsModule, EventsModule, PacksModule, PrecedenceModule, ScanPagesModule],
  controllers: [CountController],
  providers: [CountRepository, CountBatchesService, KeyedEntryService],
  exports: [CountRepository, CountBatchesService],
})
export class CountModule {}
