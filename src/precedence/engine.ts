// The precedence engine (DESIGN.md §8): for one member, given the election's rule, the member's
// current participation state and an incoming event, decide what happens. Pure and total —
// every (policy × state × event) has exactly one answer — so the service can apply it inside a
// locked transaction and tests can replay any serialised order through it.

import { PrecedencePolicy } from 'src/elections/election.types';

export type ChannelRestriction = 'any' | 'postal-only' | 'online-only';

/** What the member's online ballots amount to. */
export type OnlineState = 'none' | 'counted' | 'superseded';

/**
 * The member's returned envelope. `held`: received, kept sealed because a later online vote
 * could still win; `accepted`: will be opened and counted; `pull`: held, then beaten by an online
 * vote, waiting to be found and set aside; `pulled`: set aside.
 */
export type EnvelopeState = 'none' | 'held' | 'accepted' | 'pull' | 'pulled';

export interface MemberState {
  online: OnlineState;
  /** Accepted online ballots so far (a revote increments it). */
  onlineBallots: number;
  envelope: EnvelopeState;
}

export const INITIAL_STATE: MemberState = { online: 'none', onlineBallots: 0, envelope: 'none' };

export interface ElectionRule {
  policy: PrecedencePolicy;
  onlineRevoting: boolean;
}

/** Facts about the moment and the member, established by the caller before asking. */
export interface Circumstances {
  /** Online voting is open now. */
  onlineOpen: boolean;
  /** Online voting has closed for good (after the close time, or the election moved on). */
  onlineClosed: boolean;
  /** Postal returns are being accepted now (election open, before the receipt deadline). */
  postalOpen: boolean;
  /** The postal receipt deadline has passed. */
  postalDeadlinePassed: boolean;
  eligible: boolean;
  restriction: ChannelRestriction;
}

export type IncomingEvent = { kind: 'online_cast' } | { kind: 'postal_return' } | { kind: 'online_close' };

export type RejectReason =
  | 'not_eligible'
  | 'channel_not_allowed'
  | 'online_not_open'
  | 'online_closed'
  | 'election_not_open'
  | 'late'
  | 'already_voted_online'
  | 'already_voted_by_post'
  | 'revoting_not_allowed'
  | 'duplicate_return';

/** Side effects the service must carry out, each recorded as an event with its reason. */
export type Effect =
  | 'count_online' //          this online ballot now counts
  | 'replace_online' //        … and the member's earlier online ballot no longer does (revote)
  | 'supersede_online' //      the member's online ballot is excluded: a postal vote beats it
  | 'hold_envelope' //         keep this envelope sealed for now
  | 'accept_envelope' //       this envelope will be opened and counted
  | 'release_envelope' //      a held envelope is now released to the count
  | 'pull_envelope'; //        a held envelope must be found and set aside

export type Decision =
  | { verdict: 'accept' | 'hold'; effects: Effect[]; next: MemberState; explanation: string }
  | { verdict: 'reject'; reason: RejectReason; effects: []; next: MemberState; explanation: string }
  | { verdict: 'none'; effects: Effect[]; next: MemberState; explanation: string };

const reject = (state: MemberState, reason: RejectReason, explanation: string): Decision => ({
  verdict: 'reject',
  reason,
  effects: [],
  next: state,
  explanation,
});

/**
 * Whether a later online vote could still beat a postal return received now: only under the
 * rules that let online win, and only until online voting has closed for good. Such envelopes
 * stay sealed (identity attached) until then (DESIGN.md §8).
 */
function onlineMayStillWin(rule: ElectionRule, c: Circumstances): boolean {
  return !c.onlineClosed && (rule.policy === 'online-overrides-postal' || rule.policy === 'last-wins');
}

function decideOnline(rule: ElectionRule, s: MemberState, c: Circumstances): Decision {
  if (!c.eligible) return reject(s, 'not_eligible', 'The member is not eligible to vote in this election.');
  if (c.restriction === 'postal-only') return reject(s, 'channel_not_allowed', 'This member votes by post only.');
  if (c.onlineClosed) return reject(s, 'online_closed', 'Online voting has closed.');
  if (!c.onlineOpen) return reject(s, 'online_not_open', 'Online voting is not open.');

  const postalStands = s.envelope === 'held' || s.envelope === 'accepted';
  if (s.online !== 'none' && !rule.onlineRevoting) {
    return reject(s, 'revoting_not_allowed', 'An online ballot was already cast with this credential, and this election does not allow voting again.');
  }
  if (postalStands) {
    // A postal vote is in hand. Who wins depends on the rule, and on whether it is still sealed.
    switch (rule.policy) {
      case 'first-wins':
      case 'postal-overrides-online':
        return reject(s, 'already_voted_by_post', 'A postal vote from this member has been received and counts.');
      case 'online-overrides-postal':
      case 'last-wins':
        if (s.envelope === 'accepted') {
          // Only possible once the envelope could no longer be beaten; kept for totality.
          return reject(s, 'already_voted_by_post', 'A postal vote from this member has been accepted for the count.');
        }
        return {
          verdict: 'accept',
          effects: s.online === 'none' ? ['count_online', 'pull_envelope'] : ['count_online', 'replace_online', 'pull_envelope'],
          next: { online: 'counted', onlineBallots: s.onlineBallots + 1, envelope: 'pull' },
          explanation: 'The online ballot counts; the sealed postal envelope goes on the pull list.',
        };
      default:
        return assertNever(rule.policy);
    }
  }
  if (s.online === 'none' || s.online === 'superseded') {
    const revote = s.online === 'superseded';
    return {
      verdict: 'accept',
      effects: revote ? ['count_online', 'replace_online'] : ['count_online'],
      next: { ...s, online: 'counted', onlineBallots: s.onlineBallots + 1 },
      explanation: revote ? 'The online ballot counts again.' : 'The online ballot counts.',
    };
  }
  return {
    verdict: 'accept',
    effects: ['count_online', 'replace_online'],
    next: { ...s, online: 'counted', onlineBallots: s.onlineBallots + 1 },
    explanation: 'The new online ballot replaces the earlier one.',
  };
}

function decidePostal(rule: ElectionRule, s: MemberState, c: Circumstances): Decision {
  if (s.envelope !== 'none') return reject(s, 'duplicate_return', 'A return from this pack has already been recorded.');
  if (!c.eligible) return reject(s, 'not_eligible', 'The member is not eligible to vote in this election.');
  if (c.restriction === 'online-only') return reject(s, 'channel_not_allowed', 'This member votes online only.');
  if (c.postalDeadlinePassed) return reject(s, 'late', 'The return arrived after the postal deadline.');
  if (!c.postalOpen) return reject(s, 'election_not_open', 'Postal returns are not being accepted for this election now.');

  if (s.online === 'counted') {
    switch (rule.policy) {
      case 'first-wins':
      case 'online-overrides-postal':
        return reject(s, 'already_voted_online', 'This member has already voted online.');
      case 'postal-overrides-online':
        return {
          verdict: 'accept',
          effects: ['supersede_online', 'accept_envelope'],
          next: { ...s, online: 'superseded', envelope: 'accepted' },
          explanation: 'The postal vote counts; the online ballot is superseded and excluded from the tally.',
        };
      case 'last-wins':
        return onlineMayStillWin(rule, c)
          ? {
              verdict: 'hold',
              effects: ['supersede_online', 'hold_envelope'],
              next: { ...s, online: 'superseded', envelope: 'held' },
              explanation: 'The postal vote replaces the online ballot; the envelope stays sealed while online voting is open.',
            }
          : {
              verdict: 'accept',
              effects: ['supersede_online', 'accept_envelope'],
              next: { ...s, online: 'superseded', envelope: 'accepted' },
              explanation: 'The postal vote replaces the online ballot.',
            };
      default:
        return assertNever(rule.policy);
    }
  }
  if (onlineMayStillWin(rule, c)) {
    return {
      verdict: 'hold',
      effects: ['hold_envelope'],
      next: { ...s, envelope: 'held' },
      explanation: 'The envelope stays sealed: an online vote could still replace it until online voting closes.',
    };
  }
  return { verdict: 'accept', effects: ['accept_envelope'], next: { ...s, envelope: 'accepted' }, explanation: 'The postal vote counts.' };
}

function decideOnlineClose(s: MemberState): Decision {
  if (s.envelope === 'held') {
    return {
      verdict: 'none',
      effects: ['release_envelope'],
      next: { ...s, envelope: 'accepted' },
      explanation: 'Online voting closed: the sealed envelope is released to the count.',
    };
  }
  return { verdict: 'none', effects: [], next: s, explanation: 'Nothing to do for this member.' };
}

export function decide(rule: ElectionRule, state: MemberState, event: IncomingEvent, c: Circumstances): Decision {
  switch (event.kind) {
    case 'online_cast':
      return decideOnline(rule, state, c);
    case 'postal_return':
      return decidePostal(rule, state, c);
    case 'online_close':
      return decideOnlineClose(state);
    default:
      return assertNever(event);
  }
}

/**
 * Count staff confirm that an envelope on the pull list was found and set aside. Not a vote,
 * so not part of `decide`; refused unless the envelope is on the pull list.
 */
export function confirmPulled(s: MemberState): { ok: true; next: MemberState } | { ok: false; explanation: string } {
  if (s.envelope === 'pull') return { ok: true, next: { ...s, envelope: 'pulled' } };
  if (s.envelope === 'pulled') return { ok: false, explanation: 'This envelope was already confirmed as pulled.' };
  return { ok: false, explanation: 'This envelope is not on the pull list.' };
}

/** Which channel counts for the member in this state, if any (`postal` includes a held envelope). */
export function countedChannel(s: MemberState): 'online' | 'postal' | null {
  if (s.online === 'counted') return 'online';
  if (s.envelope === 'held' || s.envelope === 'accepted') return 'postal';
  return null;
}

function assertNever(x: never): never {
  throw new Error(`unhandled case ${JSON.stringify(x)}`);
}
