import type { CastingVoter } from 'src/voter/ballot-caster';

/** The member's ballot that counts now, cast with the pack they signed in with. */
export interface LastBallot {
  tracker: string;
  receivedAt: Date;
}

/** What the member's status page needs of the ballot box: their last ballot, if any. */
export interface LastBallotReader {
  lastBallot(voter: CastingVoter): Promise<LastBallot | null>;
}

/** Bound to the ballot box in VoterModule. */
export const LAST_BALLOT_READER = Symbol('LAST_BALLOT_READER');
