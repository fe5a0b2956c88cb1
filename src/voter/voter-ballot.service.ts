import { Inject, Injectable, Logger } from '@nestjs/common';
import { BALLOT_CASTER, BallotCaster, CastReceipt } from 'src/voter/ballot-caster';
import { CastConfirmationService, ConfirmationOutcome } from 'src/voter/email/cast-confirmation.service';
import type { SignedInVoter } from 'src/voter/voter-auth.service';

export type ConfirmationEmail = ConfirmationOutcome | 'not_requested' | 'not_queued';

/** Casts the signed-in member's ballot through the ballot box, then queues the confirmation they asked for. */
@Injectable()
export class VoterBallotService {
  private readonly logger = new Logger('voter.cast');

  constructor(
    @Inject(BALLOT_CASTER) private readonly caster: BallotCaster,
    private readonly confirmations: CastConfirmationService,
  ) {}

  async cast(voter: SignedInVoter, rawBallot: string, confirmationEmail: boolean): Promise<CastReceipt & { confirmationEmail: ConfirmationEmail }> {
    const receipt = await this.caster.cast({ electionId: voter.electionId, serial: voter.serial, memberNumber: voter.memberNumber }, rawBallot);
    if (!confirmationEmail) return { ...receipt, confirmationEmail: 'not_requested' };
    try {
      const outcome = await this.confirmations.enqueue({
        electionId: voter.electionId,
        memberNumber: voter.memberNumber,
        tracker: receipt.tracker,
        receivedAt: receipt.receivedAt.toISOString(),
      });
      return { ...receipt, confirmationEmail: outcome };
    } catch (e) {
      // The ballot is in the box: a queue that is down must not turn the receipt into an error.
      this.logger.error(`cast confirmation not queued for election ${voter.electionId}: ${e instanceof Error ? e.message : String(e)}`);
      return { ...receipt, confirmationEmail: 'not_queued' };
    }
  }
}
