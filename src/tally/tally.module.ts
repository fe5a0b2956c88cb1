import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { BallotBoxModule } from 'src/ballot-box/ballot-box.module';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { EncryptedTallyService } from 'src/tally/encrypted-tally.service';
import { OnlineTallyInput } from 'src/tally/online-tally-input';
import { PartialDecryptionsService } from 'src/tally/partial-decryptions.service';
import { TallyClosingService } from 'src/tally/tally-closing.service';
import { TallyController } from 'src/tally/tally.controller';
import { PartialDecryptionEntity, TallyEntity } from 'src/tally/tally.entities';
import { TallyOutcomeService } from 'src/tally/tally-outcome.service';
import { TallyRepository } from 'src/tally/tally.repository';
import { TallyResultService } from 'src/tally/tally-result.service';
import { TallyViewService } from 'src/tally/tally-view.service';
import { TrusteesModule } from 'src/trustees/trustees.module';

@Module({
  imports: [TypeOrmModule.forFeature([TallyEntity, PartialDecryptionEntity]), AuthModule, BallotBoxModule, ElectionsModule, EventsModule, TrusteesModule],
  controllers: [TallyController],
  providers: [
    TallyRepository,
    OnlineTallyInput,
    EncryptedTallyService,
    TallyClosingService,
    TallyResultService,
    PartialDecryptionsService,
    TallyViewService,
    TallyOutcomeService,
  ],
  exports: [TallyOutcomeService, TallyViewService],
})
export class TallyModule {}
