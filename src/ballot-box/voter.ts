/** A signed-in voter as the voter module hands them to the ballot box: one pack of one member. */
export interface Voter {
  electionId: string;
  /** The serial of the pack whose Voting ID signed in. */
  serial: number;
  memberNumber: string;
}
