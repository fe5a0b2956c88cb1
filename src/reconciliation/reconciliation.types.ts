// The reconciliation figures behind the administration console's dashboard (issue 9): one shape
// for the page and for scripts, so both read the numbers from the same place.

/** `key` names a figure of the reconciliation by its path, e.g. `packs.byPost`. */
export interface ReconciliationTerm {
  key: string;
  value: number;
}

export interface ReconciliationBalance {
  /** Stable id: `packs`, `reissues`, `email`, `returns`, `rejections`, `envelopes`, `count`, `online`, `online-counted`, `members`. */
  id: string;
  left: ReconciliationTerm[];
  right: ReconciliationTerm[];
  /** sum(left) === sum(right); false means data was lost or counted twice. */
  ok: boolean;
}

/** Cumulative counts at the END of the bucket that ends at `at` (ISO instant). */
export interface TurnoutPoint {
  at: string;
  online: number;
  postal: number;
}

export interface Reconciliation {
  electionId: string;
  status: string;
  generatedAt: string;
  /** Members on the roll who may vote (active and eligible). */
  eligible: number;
  packs: {
    printed: number;
    byPost: number;
    byEmail: number;
    emailed: number;
    emailPending: number;
    /**
     * E-mail packs only. A posted pack returned undelivered is recorded by no stage yet (the
     * administrator reissues it), so the system cannot count those.
     */
    undeliverable: number;
    voided: number;
    reissued: number;
  };
  postal: {
    returnsReceived: number;
    accepted: number;
    held: number;
    rejected: number;
    /** Reason code → returns rejected for it, codes as the intake API gives them. */
    rejectedByReason: Record<string, number>;
    pullList: number;
    pulled: number;
    releasedToCount: number;
    /** Envelopes held sealed now (received while an online vote could still replace them). */
    stillHeld: number;
    envelopesOpened: number;
    papersCounted: number;
    papersByKind: { valid: number; blank: number; invalid: number };
    /** Scanned pages, not papers: a page waits for a supervisor, or for the other pages of its paper. */
    inAdjudication: number;
    waitingForPages: number;
    /** Papers of double-keyed batches keyed once, waiting for a second operator. */
    awaitingSecondEntry: number;
    /** Papers whose two keyings disagree, waiting for a count supervisor. */
    keyingDisputed: number;
    /** Count batches a supervisor closed although papers and envelopes differed, giving a reason. */
    batchesClosedWithMismatch: number;
    /** Envelopes opened and papers recorded in the batches closed without a mismatch reason. */
    closedBatches: { envelopesOpened: number; papersRecorded: number };
  };
  online: {
    ballotsCast: number;
    voters: number;
    revoted: number;
    supersededByRevote: number;
    supersededByPostal: number;
    counted: number;
  };
  members: { countedOnline: number; countedPostal: number; notVoted: number };
  balances: ReconciliationBalance[];
  turnout: { bucket: 'hour' | 'day'; points: TurnoutPoint[] };
}
