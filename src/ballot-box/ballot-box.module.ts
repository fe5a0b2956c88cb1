import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BallotBoardService } from 'src/ballot-box/ballot-board.service';
import { BallotBoxController } from 'src/ballot-box/ballot-box.controller';
import { BallotBoxSetupEntity, OnlineBallotEntity } from 'src/ballot-box/ballot-box.entities';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { BallotBoxService } from 'src/ballot-box/ballot-box.service';
import { BALLOT_VERIFIER, CastVerifier } from 'src/ballot-box/ballot-verifier';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { RollModule } from 'src/roll/roll.module';
import { TrusteesModule } from 'src/trustees/trustees.module';

@Module({
  imports: [TypeOrmModule.forFeature([BallotBoxSetupEntity, OnlineBallotEntity]), ElectionsModule, EventsModule, PacksModule, PrecedenceModule, RollModule, TrusteesModule],
  controllers: [BallotBoxController],
  providers: [BallotBoxRepository, BallotBoxSetupService, BallotBoxService, BallotBoardService, { provide: BALLOT_VERIFIER, useClass: CastVerifier }],
  exports: [BallotBoxService, BallotBoardService, BallotBoxSetupService],
})
export class BallotBoxModule {}
