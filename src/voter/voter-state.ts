import { Decision, MemberState } from 'src/precedence/engine';
import { localTime } from 'src/voter/local-time';

/** What the booth shows first (docs/ONLINE.md, `me.state`). */
export const VOTER_STATES = ['can_vote', 'voted_online', 'postal_counts', 'pack_replaced', 'not_eligible', 'postal_only', 'not_open', 'closed'] as const;
export type VoterState = (typeof VOTER_STATES)[number];

export interface CastPreview {
  verdict: 'accept' | 'reject';
  /** The engine's reason for a refusal (or `credential_voided` for a replaced pack). */
  reason: string | null;
  /** The decision in words a member understands. */
  explanation: string;
}

export interface StateFacts {
  packVoided: boolean;
  /** The engine's answer to an online cast now, on the member's current state. */
  preview: Decision;
  member: MemberState;
  timeline: { onlineOpensAt: string | null; onlineClosesAt: string | null; timeZone: string };
}

/**
 * The member's state, read off the engine's answer to "what if I voted online now": the same
 * rule the cast is decided by, so the booth never promises what the ballot box then refuses.
 */
export function voterState(f: StateFacts): VoterState {
  if (f.packVoided) return 'pack_replaced';
  const d = f.preview;
  if (d.verdict !== 'reject') return 'can_vote';
  switch (d.reason) {
    case 'not_eligible':
      return 'not_eligible';
    case 'channel_not_allowed':
      return 'postal_only';
    case 'online_not_open':
      return 'not_open';
    case 'online_closed':
      return 'closed';
    case 'revoting_not_allowed':
      return 'voted_online';
    case 'already_voted_by_post':
      return 'postal_counts';
    case 'election_not_open':
    case 'late':
    case 'already_voted_online':
    case 'duplicate_return':
      // Reasons of the postal channel only; the engine never gives them for an online cast.
      throw new Error(`the engine refused an online cast for a postal reason (${d.reason})`);
    default: {
      const never: never = d.reason;
      return never;
    }
  }
}

/** The member's state in plain language. */
export function stateExplanation(state: VoterState, f: StateFacts): string {
  const when = (iso: string | null) => (iso ? localTime(iso, f.timeline.timeZone) : null);
  const closes = when(f.timeline.onlineClosesAt);
  switch (state) {
    case 'can_vote':
      if (f.member.online === 'counted') {
        return `Your online ballot has been received and counts. You may vote again${closes ? ` until ${closes}` : ''}: only your last online ballot will count.`;
      }
      if (f.member.envelope === 'held') return 'A postal vote from you has been received. You may still vote online instead; your online vote would then count.';
      return `You can vote online${closes ? ` until ${closes}` : ''}.`;
    case 'voted_online':
      return 'Your online ballot has been received and counts. This election does not allow voting again.';
    case 'postal_counts':
      return 'Your postal vote has been received and counts. Under the rules of this election it cannot be replaced by an online vote.';
    case 'pack_replaced':
      return 'This Voting ID belongs to a voting pack that has been replaced, so it can no longer be used to vote. A new pack was sent to you: sign in with the Voting ID in your new pack.';
    case 'not_eligible':
      return 'You are not eligible to vote in this election. If you think this is a mistake, contact the organisers.';
    case 'postal_only':
      return 'In this election you vote by post: online voting is not available to you. Use the ballot paper in your voting pack.';
    case 'not_open': {
      const opens = when(f.timeline.onlineOpensAt);
      return opens ? `Online voting has not opened yet. It opens on ${opens}.` : 'Online voting has not opened yet.';
    }
    case 'closed':
      return f.member.online === 'counted' ? 'Online voting has closed. Your online ballot was received and counts.' : 'Online voting has closed.';
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** What an online cast now would do, from the engine's decision, in a member's words. */
export function castPreview(f: StateFacts): CastPreview {
  if (f.packVoided) {
    // The ballot box refuses the voided pack's credential (credential_voided) whatever the rule says.
    return { verdict: 'reject', reason: 'credential_voided', explanation: 'A ballot cast with this pack would not be accepted: use the new pack that was sent to you.' };
  }
  const d = f.preview;
  if (d.verdict === 'reject') {
    return { verdict: 'reject', reason: d.reason, explanation: `Voting online now would not be accepted: ${refusal(d.reason)}` };
  }
  if (d.effects.includes('pull_envelope')) {
    return { verdict: 'accept', reason: null, explanation: 'A postal vote from you has been received; voting online will replace it.' };
  }
  if (d.effects.includes('replace_online')) {
    return { verdict: 'accept', reason: null, explanation: 'Voting again will replace your earlier online ballot; only your last online ballot counts.' };
  }
  return { verdict: 'accept', reason: null, explanation: 'Your online ballot will count.' };
}

function refusal(reason: Extract<Decision, { verdict: 'reject' }>['reason']): string {
  switch (reason) {
    case 'not_eligible':
      return 'you are not eligible to vote in this election.';
    case 'channel_not_allowed':
      return 'you vote by post in this election.';
    case 'online_not_open':
      return 'online voting has not opened yet.';
    case 'online_closed':
      return 'online voting has closed.';
    case 'revoting_not_allowed':
      return 'you have already voted online, and this election does not allow voting again.';
    case 'already_voted_by_post':
      return 'your postal vote has been received and counts.';
    case 'election_not_open':
    case 'late':
    case 'already_voted_online':
    case 'duplicate_return':
      return 'this election does not accept it now.';
    default: {
      const never: never = reason;
      return never;
    }
  }
}
