// What the published rule did, counted from the decision log (DESIGN.md §8: "the record counts
// what each rule refused, overrode, superseded or set aside").
import { Effect, RejectReason } from 'src/precedence/engine';

export interface DecisionGroup {
  event: string;
  verdict: string;
  reason: RejectReason | null;
  effects: Effect[];
  decisions: number;
}

export interface DecisionTally {
  attempts: { online: number; postal: number };
  accepted: { online: number; postal: number; heldSealed: number };
  /** Attempts refused, by channel and reason. */
  refused: { online: Partial<Record<RejectReason, number>>; postal: Partial<Record<RejectReason, number>> };
  /** Sealed postal envelopes beaten by a later online vote (put on the pull list). */
  postalOverriddenByOnline: number;
  /** Online ballots excluded because a postal vote beat them. */
  onlineSupersededByPostal: number;
  /** Online ballots replaced by the same member's later online ballot. */
  onlineReplacedByRevote: number;
  /** Held envelopes released to the count when online voting closed. */
  releasedAtOnlineClose: number;
  /** Decisions taken back by a supervisor (undone scans). */
  reverted: number;
}

const CHANNEL: Record<string, 'online' | 'postal' | undefined> = { online_cast: 'online', postal_return: 'postal' };

export function tallyDecisions(groups: readonly DecisionGroup[], reverted: number): DecisionTally {
  const t: DecisionTally = {
    attempts: { online: 0, postal: 0 },
    accepted: { online: 0, postal: 0, heldSealed: 0 },
    refused: { online: {}, postal: {} },
    postalOverriddenByOnline: 0,
    onlineSupersededByPostal: 0,
    onlineReplacedByRevote: 0,
    releasedAtOnlineClose: 0,
    reverted,
  };
  for (const g of groups) {
    const channel = CHANNEL[g.event];
    if (channel) t.attempts[channel] += g.decisions;
    if (channel && g.verdict === 'reject' && g.reason) {
      t.refused[channel][g.reason] = (t.refused[channel][g.reason] ?? 0) + g.decisions;
    }
    if (channel === 'online' && g.verdict === 'accept') t.accepted.online += g.decisions;
    if (channel === 'postal' && g.verdict === 'accept') t.accepted.postal += g.decisions;
    if (channel === 'postal' && g.verdict === 'hold') t.accepted.heldSealed += g.decisions;
    for (const e of g.effects) {
      if (e === 'pull_envelope') t.postalOverriddenByOnline += g.decisions;
      if (e === 'supersede_online') t.onlineSupersededByPostal += g.decisions;
      if (e === 'replace_online') t.onlineReplacedByRevote += g.decisions;
      if (e === 'release_envelope') t.releasedAtOnlineClose += g.decisions;
    }
  }
  return t;
}
