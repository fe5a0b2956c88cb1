/**
 * What the record needs from the tally (docs/TALLY.md), as a port: the tally module provides
 * it, the record module consumes it, so `record` stays independent of how the tally is stored.
 */
export interface SupersededBallot {
  tracker: string;
  credential: string;
  /** Null only if no counted postal return is found: the record then shows it and the verifier fails it. */
  postalCredential: string | null;
  /** The ballot exactly as received. */
  ballot: string;
}

export interface TallyOutcome {
  /** The complete tallied `.bel`; null for a postal-only election. */
  onlineArchive(electionId: string): Promise<Uint8Array | null>;
  /** Online ballots left out of the `.bel` because a postal vote beat them. */
  superseded(electionId: string): Promise<SupersededBallot[]>;
  /** `result.json` of docs/RECORD.md. */
  /** Null before the result is computed. */
  mergedResult(electionId: string): Promise<object | null>;
}

export const TALLY_OUTCOME = Symbol('TALLY_OUTCOME');
