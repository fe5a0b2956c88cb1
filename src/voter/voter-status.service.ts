import { Inject, Injectable } from '@nestjs/common';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { circumstancesAt } from 'src/precedence/circumstances';
import { decide } from 'src/precedence/engine';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { RollService } from 'src/roll/roll.service';
import { LAST_BALLOT_READER, LastBallot, LastBallotReader } from 'src/voter/last-ballot-reader';
import type { SignedInVoter } from 'src/voter/voter-auth.service';
import { CastPreview, castPreview, StateFacts, stateExplanation, VoterState, voterState } from 'src/voter/voter-state';

export interface VoterStatus {
  election: ElectionEntity;
  state: VoterState;
  explanation: string;
  castPreview: CastPreview;
  lastBallot: LastBallot | null;
}

/**
 * Where the signed-in member stands, and what voting online now would do: the engine's pure
 * `decide` on the member's current state, nothing locked or recorded (the cast decides again).
 */
@Injectable()
export class VoterStatusService {
  constructor(
    private readonly elections: ElectionsService,
    private readonly packs: PackLookupService,
    private readonly roll: RollService,
    private readonly precedence: PrecedenceService,
    @Inject(LAST_BALLOT_READER) private readonly ballots: LastBallotReader,
  ) {}

  async status(voter: SignedInVoter, now = new Date()): Promise<VoterStatus> {
    const voterRef = { electionId: voter.electionId, serial: voter.serial, memberNumber: voter.memberNumber };
    const [election, packs, member, state, lastBallot] = await Promise.all([
      this.elections.get(voter.electionId),
      this.packs.memberPacks(voter.electionId, voter.memberNumber),
      this.roll.memberFacts(voter.electionId, voter.memberNumber),
      this.precedence.currentState(voter.electionId, voter.memberNumber),
      this.ballots.lastBallot(voterRef),
    ]);
    const pack = packs.find((p) => p.serial === voter.serial);
    const facts: StateFacts = {
      packVoided: pack?.status !== 'active',
      preview: decide({ policy: election.precedencePolicy, onlineRevoting: election.onlineRevoting }, state, { kind: 'online_cast' }, circumstancesAt(election, member, now)),
      member: state,
      timeline: election.timeline,
    };
    const s = voterState(facts);
    return { election, state: s, explanation: stateExplanation(s, facts), castPreview: castPreview(facts), lastBallot };
  }
}
