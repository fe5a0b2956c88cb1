import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { PackPreviewService } from 'src/packs/pack-preview.service';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { PackDeliveryRepository } from 'src/packs/pack-delivery.repository';
import { PackBatchEntity, PackEntity, PackSetupEntity, PaperEntity } from 'src/packs/pack.entity';
import { PacksController } from 'src/packs/packs.controller';
import { PacksRepository } from 'src/packs/packs.repository';
import { PacksService } from 'src/packs/packs.service';
import { PapersService } from 'src/packs/papers.service';
import { PrintBatchService } from 'src/packs/print-batch.service';
import { ReissueService } from 'src/packs/reissue.service';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { RollModule } from 'src/roll/roll.module';

@Module({
  imports: [TypeOrmModule.forFeature([PackEntity, PackSetupEntity, PackBatchEntity, PaperEntity, PackDeliveryEntity]), ElectionsModule, EventsModule, RollModule, PrecedenceModule],
  controllers: [PacksController],
  providers: [PacksRepository, PackGenerationService, PacksService, PackLookupService, PapersService, ReissueService, PackDeliveryRepository, PackMailerService, PrintBatchService, PackPreviewService],
  exports: [PacksService, PackLookupService, PapersService, PackMailerService, PackPreviewService, ReissueService],
})
export class PacksModule {}
