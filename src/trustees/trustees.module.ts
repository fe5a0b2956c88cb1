import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { TrusteeEntity } from 'src/trustees/trustee.entity';
import { TrusteesController } from 'src/trustees/trustees.controller';
import { TrusteesRepository } from 'src/trustees/trustees.repository';
import { TrusteesService } from 'src/trustees/trustees.service';

@Module({
  imports: [TypeOrmModule.forFeature([TrusteeEntity]), ElectionsModule, EventsModule],
  controllers: [TrusteesController],
  providers: [TrusteesRepository, TrusteesService],
  exports: [TrusteesService],
})
export class TrusteesModule {}
