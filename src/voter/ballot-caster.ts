/**
 * The signed-in member a ballot is cast for: the pack (serial) they signed in with. The same
 * shape as the ballot box's `Voter` (src/ballot-box/voter.ts), so the ballot box's service
 * satisfies `BallotCaster` as it is.
 */
export interface CastingVoter {
  electionId: string;
  serial: number;
  memberNumber: string;
}

export interface CastReceipt {
  tracker: string;
  receivedAt: Date;
  explanation: string;
}

/**
 * What the cast endpoint needs of the ballot box: check the ballot, ask the precedence engine,
 * store it — or throw a DomainError with one of the codes of docs/ONLINE.md ("Cast rejections").
 */
export interface BallotCaster {
  cast(voter: CastingVoter, rawBallot: string, opts?: { now?: Date }): Promise<CastReceipt>;
}

/** Bound to the ballot box's service in VoterModule. */
export const BALLOT_CASTER = Symbol('BALLOT_CASTER');
