import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { BallotBoxModule } from 'src/ballot-box/ballot-box.module';
import { BallotBoxService } from 'src/ballot-box/ballot-box.service';
import { ElectionsModule } from 'src/elections/elections.module';
import { PacksModule } from 'src/packs/packs.module';
import { PrecedenceModule } from 'src/precedence/precedence.module';
import { RollModule } from 'src/roll/roll.module';
import { BALLOT_CASTER } from 'src/voter/ballot-caster';
import { CastAdmissionMiddleware } from 'src/voter/cast-admission.middleware';
import { CastConfirmationService } from 'src/voter/email/cast-confirmation.service';
import { LAST_BALLOT_READER } from 'src/voter/last-ballot-reader';
import { SignInThrottleService } from 'src/voter/sign-in-throttle.service';
import { VoterAuthService } from 'src/voter/voter-auth.service';
import { VoterBallotService } from 'src/voter/voter-ballot.service';
import { VoterController } from 'src/voter/voter.controller';
import { VoterSessionEntity } from 'src/voter/voter-session.entity';
import { VoterSessionGuard } from 'src/voter/voter-session.guard';
import { VoterSessionRepository } from 'src/voter/voter-session.repository';
import { VoterStatusService } from 'src/voter/voter-status.service';

@Module({
  imports: [TypeOrmModule.forFeature([VoterSessionEntity]), AuthModule, BallotBoxModule, ElectionsModule, PacksModule, PrecedenceModule, RollModule],
  controllers: [VoterController],
  providers: [
    VoterSessionRepository,
    SignInThrottleService,
    VoterAuthService,
    VoterSessionGuard,
    VoterStatusService,
    VoterBallotService,
    CastConfirmationService,
    // The voter module sees the ballot box only through these two narrow interfaces.
    { provide: BALLOT_CASTER, useExisting: BallotBoxService },
    { provide: LAST_BALLOT_READER, useExisting: BallotBoxService },
  ],
  exports: [VoterAuthService],
})
export class VoterModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CastAdmissionMiddleware).forRoutes({ path: 'elections/:electionId/voter/ballots', method: RequestMethod.POST });
  }
}
