import { Reconciliation, ReconciliationBalance, ReconciliationTerm } from 'src/reconciliation/reconciliation.types';

export type Figures = Omit<Reconciliation, 'balances'>;

const term = (key: string, value: number): ReconciliationTerm => ({ key, value });
const total = (terms: ReconciliationTerm[]) => terms.reduce((a, t) => a + t.value, 0);

function balance(id: string, left: ReconciliationTerm[], right: ReconciliationTerm[]): ReconciliationBalance {
  return { id, left, right, ok: total(left) === total(right) };
}

/**
 * The identities that hold at every moment of a correct election, mid-poll included. Each is
 * made of figures read by different queries (often of different tables), so a row lost or
 * counted twice shows as a balance that fails. Identities that hold only at some stage (papers
 * counted = envelopes released, once counting is over) are not here: they would be red mid-poll.
 */
export function balancesOf(f: Figures): ReconciliationBalance[] {
  const { packs, postal, online, members } = f;
  return [
    // Every member pack is sent one way, by post or by e-mail (spares have no delivery until a reissue gives them one).
    balance('packs', [term('packs.printed', packs.printed)], [term('packs.byPost', packs.byPost), term('packs.byEmail', packs.byEmail)]),
    // A reissue voids exactly one pack and hands out exactly one spare, in one transaction; nothing else voids a pack.
    balance('reissues', [term('packs.voided', packs.voided)], [term('packs.reissued', packs.reissued)]),
    // An e-mail pack has been sent, refused for good, or is still to send (never tried, or failed for now and retried).
    balance('email', [term('packs.byEmail', packs.byEmail)], [term('packs.emailed', packs.emailed), term('packs.emailPending', packs.emailPending), term('packs.undeliverable', packs.undeliverable)]),
    // Every scan that stands got exactly one verdict.
    balance('returns', [term('postal.returnsReceived', postal.returnsReceived)], [term('postal.accepted', postal.accepted), term('postal.held', postal.held), term('postal.rejected', postal.rejected)]),
    // A rejection always names one reason, and only rejections have one.
    balance('rejections', [term('postal.rejected', postal.rejected)], Object.entries(postal.rejectedByReason).map(([reason, n]) => term(`postal.rejectedByReason.${reason}`, n))),
    // Each envelope intake accepted or held is exactly one member's envelope for the precedence
    // engine, which then releases it to the count, keeps it held, or puts it on the pull list
    // (an undo takes back the scan and the member's state in one transaction).
    balance(
      'envelopes',
      [term('postal.accepted', postal.accepted), term('postal.held', postal.held)],
      [term('postal.releasedToCount', postal.releasedToCount), term('postal.stillHeld', postal.stillHeld), term('postal.pullList', postal.pullList)],
    ),
    // A batch closes without a supervisor's mismatch reason only when its papers recorded equal
    // its envelopes opened, and a closed batch takes no more records. (Open batches are left
    // out: envelopes are declared before their papers are keyed or scanned.)
    balance('count', [term('postal.closedBatches.envelopesOpened', postal.closedBatches.envelopesOpened)], [term('postal.closedBatches.papersRecorded', postal.closedBatches.papersRecorded)]),
    // Every ballot stored counts, was replaced by its voter's later ballot, or was superseded by a postal vote.
    balance('online', [term('online.ballotsCast', online.ballotsCast)], [term('online.counted', online.counted), term('online.supersededByRevote', online.supersededByRevote), term('online.supersededByPostal', online.supersededByPostal)]),
    // The ballot box and the precedence engine record a counted online vote in one transaction:
    // one ballot that counts per member whose online vote counts.
    balance('online-counted', [term('online.counted', online.counted)], [term('members.countedOnline', members.countedOnline)]),
    // `notVoted` is the eligible members minus those with a vote that stands in either channel,
    // so this holds exactly when no member has a vote standing in both channels at once.
    balance('members', [term('eligible', f.eligible)], [term('members.countedOnline', members.countedOnline), term('members.countedPostal', members.countedPostal), term('members.notVoted', members.notVoted)]),
  ];
}
